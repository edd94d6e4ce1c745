import { meets, type Threshold } from '../dependency/criteria.js';
import { hhi, hhi10000, sum } from './hhi.js';

/**
 * Supply concentration of one material at one stage and year (docs/methods.md §0.1; DESIGN "Concentration"):
 * shares by supplier, HHI on 0–1 and 0–10,000, top-1 and top-3 share and a single-point-of-failure flag.
 *
 * Parameters (ConcentrationOptions):
 * - `spof` single point of failure: the top supplier's share `> 0.5` by default. The threshold is ours (assumed):
 *   the EC 2023 SPOF algorithm is unverified (methods.md §8 item 2); 0.65 is the CRMA Art. 5(1)(b) line
 *   (verified for that use) and can be passed instead.
 * - `unallocated` supply not attributed to a supplier (USGS "Other countries"): in the denominator, not in the
 *   sum, so HHI and shares are lower bounds (assumed, as for Comext QP–QZ in §0.1).
 */
export interface Supplier {
  key: string;
  value: number;
}

export interface ConcentrationOptions {
  spof?: Threshold;
  unallocated?: number;
}

export interface SupplierShare {
  key: string;
  value: number;
  share: number;
  rank: number;
}

export interface Concentration {
  total: number;
  suppliers: number;
  shares: SupplierShare[];
  hhi: number;
  hhi10000: number;
  /** 1 / HHI: the number of equal suppliers with the same concentration. */
  equivalentSuppliers: number;
  top1: SupplierShare;
  top3Share: number;
  spof: boolean;
  /** Share of the total not attributed to any supplier. */
  unallocatedShare: number;
}

export const defaultSpof: Threshold = { op: '>', tau: 0.5 };

/**
 * @example supplyConcentration([{ key: 'CHN', value: 60 }, { key: 'USA', value: 30 }, { key: 'AUS', value: 10 }])
 *   // { hhi: 0.46, hhi10000: 4600, top1: { key: 'CHN', share: 0.6, … }, top3Share: 1, spof: true, … }
 * Returns null when nothing was supplied (total 0).
 */
export function supplyConcentration(
  suppliers: readonly Supplier[],
  options: ConcentrationOptions = {},
): Concentration | null {
  const positive = suppliers.filter((s) => s.value > 0);
  const allocated = sum(positive.map((s) => s.value));
  const unallocated = Math.max(0, options.unallocated ?? 0);
  const total = allocated + unallocated;
  const index = hhi(
    positive.map((s) => s.value),
    total,
  );
  if (index === null || positive.length === 0) return null;
  const ranked = [...positive]
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key))
    .map((s, i) => ({ key: s.key, value: s.value, share: s.value / total, rank: i + 1 }));
  const top3Share = ranked.slice(0, 3).reduce((s, r) => s + r.share, 0);
  return {
    total,
    suppliers: ranked.length,
    shares: ranked,
    hhi: index,
    hhi10000: hhi10000(index) as number,
    equivalentSuppliers: 1 / index,
    top1: ranked[0],
    top3Share,
    spof: meets(ranked[0].share, options.spof ?? defaultSpof),
    unallocatedShare: unallocated / total,
  };
}

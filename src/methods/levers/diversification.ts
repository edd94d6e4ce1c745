/**
 * Diversification and recycling what-ifs (issue "diversification and recycling what-ifs"; docs/methods.md §0.1,
 * §5.3, §6 Art. 5).
 *
 * Diversification: move a fraction f of country c's share of a supply scope to partner countries P.
 *   s'_c = s_c · (1 − f);  s'_p = s_p + f · s_c · w_p,  Σ_p w_p = 1
 *   `allocation` [U, assumed 'pro-rata']: w_p ∝ s_p (partners grow in proportion to what they already supply;
 *   partners with no share then get nothing, and if no partner supplies yet the move is split equally);
 *   'equal': w_p = 1/|P|. Shares keep summing to what they summed to before.
 *   Then HHI (methods.md §0.1, methods/concentration/hhi.ts), the largest single third-country share against the CRMA Art. 5(1)(b) 65% cap
 *   (a proxy here: shares of sourcing, not of consumption, as §6 requires to be labelled) and SR (criticality engine).
 *
 * Recycling: SR_stage is proportional to (1 − EoL_RIR) with every other component fixed (§5.3), so
 *   SR' = SR · (1 − e') / (1 − e)   exactly, for e < 1.
 *   The recycling benchmark (Art. 5(1)(a)(iii), ≥ 25% of consumption from EU recycling capacity) is compared with
 *   EoL-RIR as a labelled proxy (anchors.md §3a item 9).
 */
import { UserError } from '../../domain/errors.js';
import type { CountryShare } from './restriction.js';

export type Allocation = 'pro-rata' | 'equal';

export interface ShiftInput {
  shares: readonly CountryShare[];
  from: string;
  to: readonly string[];
  fraction: number;
  allocation: Allocation;
  /** t for a partner that does not supply yet (§5.3 baseline 1.0). */
  newPartnerT?: number;
}

/**
 * @example shiftSourcing({ shares: [{ country: 'CHN', share: 0.8, t: 1 }, { country: 'AUS', share: 0.2, t: 1 }], from: 'CHN', to: ['AUS'], fraction: 0.5, allocation: 'pro-rata' })
 * // CHN 0.4, AUS 0.6
 */
export function shiftSourcing({ shares, from, to, fraction, allocation, newPartnerT = 1 }: ShiftInput): CountryShare[] {
  if (!(fraction >= 0 && fraction <= 1)) throw new UserError(`impossible fraction to move: ${fraction} (expected 0–1)`);
  if (to.length === 0) throw new UserError('diversification needs at least one partner country to move supply to');
  if (to.includes(from)) throw new UserError(`cannot move supply from ${from} to itself`);
  const out = shares.map((s) => ({ ...s }));
  const source = out.find((s) => s.country === from);
  if (!source || source.share <= 0) return out;
  const moved = source.share * fraction;
  source.share -= moved;
  for (const p of to) if (!out.some((s) => s.country === p)) out.push({ country: p, share: 0, t: newPartnerT });
  const partners = out.filter((s) => to.includes(s.country));
  const base = partners.reduce((sum, s) => sum + s.share, 0);
  for (const p of partners) {
    const w = allocation === 'equal' || base === 0 ? 1 / partners.length : p.share / base;
    p.share += moved * w;
  }
  return out;
}

/** Largest share held by one country outside `domestic` (e.g. the EU members), with that country. */
export function largestThirdCountryShare(
  shares: readonly CountryShare[],
  domestic: ReadonlySet<string>,
): { country: string | null; share: number } {
  let best: { country: string | null; share: number } = { country: null, share: 0 };
  for (const s of shares)
    if (!domestic.has(s.country) && s.share > best.share) best = { country: s.country, share: s.share };
  return best;
}

/**
 * SR after a change of EoL-RIR, other components fixed.
 * @example srWithRecycling(2.0, 0.05, 0.25) // 1.5789…
 */
export function srWithRecycling(sr: number, eolRir: number, newEolRir: number): number {
  for (const [what, v] of [
    ['EoL-RIR', eolRir],
    ['new EoL-RIR', newEolRir],
  ] as const) {
    if (!(v >= 0 && v < 1)) throw new UserError(`impossible ${what}: ${v} (expected a fraction 0 ≤ e < 1)`);
  }
  return (sr * (1 - newEolRir)) / (1 - eolRir);
}

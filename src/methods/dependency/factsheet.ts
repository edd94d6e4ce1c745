import { hhiFromSums } from './indicators.js';

/**
 * Figures of a material's trade factsheet (SERV report Figs 8–14 style), from partner-level sums of the material's
 * code basket: tonnes, value per kg, partner shares, HHI and the import:export ratio per year and stage.
 * - Partner set: `extra` (outside the reporter's bloc; the usual EU view) or `all`. Non-country partner codes
 *   count in totals but are never a "partner" in shares' ranking or the HHI's sum of squares (§0.1).
 * - Value per kg = value of the flows that have a quantity / their quantity (flows without quantity are left out of
 *   both, and `quantity_coverage` says how much value had one).
 * - Ratios with a zero denominator are null (no exports: the import:export ratio is unbounded).
 */

export interface PartnerFlow {
  year: number;
  stage: string;
  dir: 'm' | 'x';
  partner: string;
  isCountry: boolean;
  intra: boolean;
  value: number;
  /** Quantity in kg of the flows that report one (null when none does). */
  quantityKg: number | null;
  /** Value of the flows that report a quantity. */
  valueWithQuantity: number;
}

export interface FactsheetYear {
  year: number;
  stage: string;
  importValue: number;
  importTonnes: number | null;
  importUnitValue: number | null;
  exportValue: number;
  exportTonnes: number | null;
  exportUnitValue: number | null;
  ratioValue: number | null;
  ratioTonnes: number | null;
  hhi: number | null;
  partners: number;
  top: { partner: string; share: number }[];
  quantityCoverage: number | null;
}

export type FactsheetPartners = 'extra' | 'all';

const inSet = (f: PartnerFlow, set: FactsheetPartners) => set === 'all' || !f.intra;

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
}

function totals(flows: readonly PartnerFlow[]) {
  const value = flows.reduce((s, f) => s + f.value, 0);
  const withQty = flows.filter((f) => f.quantityKg !== null);
  const kg = withQty.reduce((s, f) => s + (f.quantityKg ?? 0), 0);
  const valueWithQuantity = withQty.reduce((s, f) => s + f.valueWithQuantity, 0);
  return {
    value,
    tonnes: withQty.length ? kg / 1000 : null,
    unitValue: kg > 0 ? valueWithQuantity / kg : null,
    coverage: value > 0 ? valueWithQuantity / value : null,
  };
}

/**
 * One row per year and stage.
 * @example factsheetByYear([{ year: 2024, stage: 'processing', dir: 'm', partner: 'CHN', value: 90, quantityKg: 3000, … }], 'extra', 3)
 * // [{ year: 2024, importValue: 90, importTonnes: 3, importUnitValue: 0.03, top: [{ partner: 'CHN', share: 1 }], … }]
 */
export function factsheetByYear(flows: readonly PartnerFlow[], set: FactsheetPartners, topN = 3): FactsheetYear[] {
  const rows: FactsheetYear[] = [];
  for (const [, group] of groupBy(flows, (f) => `${f.year}|${f.stage}`)) {
    const imports = group.filter((f) => f.dir === 'm' && inSet(f, set));
    const exports = group.filter((f) => f.dir === 'x' && inSet(f, set));
    const m = totals(imports);
    const x = totals(exports);
    const countries = imports.filter((f) => f.isCountry && f.value > 0).sort((a, b) => b.value - a.value);
    rows.push({
      year: group[0].year,
      stage: group[0].stage,
      importValue: m.value,
      importTonnes: m.tonnes,
      importUnitValue: m.unitValue,
      exportValue: x.value,
      exportTonnes: x.tonnes,
      exportUnitValue: x.unitValue,
      ratioValue: x.value > 0 ? m.value / x.value : null,
      ratioTonnes: m.tonnes !== null && x.tonnes ? m.tonnes / x.tonnes : null,
      hhi: hhiFromSums(
        countries.reduce((s, f) => s + f.value * f.value, 0),
        m.value,
      ),
      partners: countries.length,
      top: countries.slice(0, topN).map((f) => ({ partner: f.partner, share: m.value > 0 ? f.value / m.value : 0 })),
      quantityCoverage: m.coverage,
    });
  }
  return rows.sort((a, b) => a.year - b.year || a.stage.localeCompare(b.stage));
}

export interface PartnerShare {
  year: number;
  stage: string;
  partner: string;
  value: number;
  valueShare: number;
  tonnes: number | null;
  tonnesShare: number | null;
  unitValue: number | null;
}

/**
 * Import partners per year and stage, largest first; partners beyond the first `topN` are summed as "other".
 * @example partnerShares(flows, 'extra', 2) // [{ partner: 'CHN', valueShare: 0.9, … }, { partner: 'USA', … }, { partner: 'other', … }]
 */
export function partnerShares(flows: readonly PartnerFlow[], set: FactsheetPartners, topN = 10): PartnerShare[] {
  const out: PartnerShare[] = [];
  for (const [, group] of groupBy(
    flows.filter((f) => f.dir === 'm' && inSet(f, set)),
    (f) => `${f.year}|${f.stage}`,
  )) {
    const all = totals(group);
    const sorted = [...group].sort((a, b) => b.value - a.value || a.partner.localeCompare(b.partner));
    const shown = sorted.slice(0, topN);
    const rest = sorted.slice(topN);
    const share = (fs: readonly PartnerFlow[], partner: string): PartnerShare => {
      const t = totals(fs);
      return {
        year: group[0].year,
        stage: group[0].stage,
        partner,
        value: t.value,
        valueShare: all.value > 0 ? t.value / all.value : 0,
        tonnes: t.tonnes,
        tonnesShare: t.tonnes !== null && all.tonnes ? t.tonnes / all.tonnes : null,
        unitValue: t.unitValue,
      };
    };
    out.push(...shown.map((f) => share([f], f.partner)));
    if (rest.length) out.push(share(rest, 'other'));
  }
  const other = (p: PartnerShare) => (p.partner === 'other' ? 1 : 0);
  return out.sort(
    (a, b) => a.year - b.year || a.stage.localeCompare(b.stage) || other(a) - other(b) || b.value - a.value,
  );
}

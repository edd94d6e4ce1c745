/**
 * Governance input of the EU supply risk (docs/methods.md §0.3, §5.3).
 *
 *   WGI_scaled_c = (mean of the 6 WGI estimates_c − 2.5) × (−2)
 *
 * maps [−2.5, +2.5] to [10, 0], 10 = worst governance. The six-dimension mean and the scaling are seen in
 * CritMAT [S] and match the 2010 rescaling [V: AT-ENDBERICHT]; both are labelled assumed. Never use the raw WGI as
 * a multiplier: uninverted, it rewards poorly governed sourcing (anchors.md §3b).
 *
 * Parameters (GovernanceOptions):
 * - `years` the window averaged per country; default 2016–2020, the 2023 study's probable data window (assumed:
 *   methods.md §5.1 [U]).
 * - missing WGI (assumed, methods.md §0.3 design choice): a country without a complete year in the window takes
 *   its nearest complete year outside it (`nearest-year`); a country without any takes the median of all countries
 *   in the window (`median`; the spec's regional median needs regions the reference tables do not hold).
 * A year counts when all six dimensions are present. The standard error of the six-dimension mean is
 * √(Σ se_d²) / 6 (dimensions treated as independent: assumed), scaled by 2 like the mean.
 */

/** @example wgiScaled(-0.5) // 6 */
export function wgiScaled(meanEstimate: number): number {
  return (2.5 - meanEstimate) * 2;
}

export interface WgiCountryYear {
  iso3: string;
  year: number;
  /** Mean of the dimension estimates present. */
  mean: number;
  /** Number of dimensions present (a complete year has 6). */
  dimensions: number;
  /** √(Σ se²) / 6 over the dimensions present, or null. */
  stdErr: number | null;
}

export type WgiImputation = 'none' | 'nearest-year' | 'median';

export interface Governance {
  /** WGI_scaled on 0–10 (10 = worst). */
  scaled: number;
  /** Standard deviation of `scaled` (2 × the standard error of the mean), 0 when unknown. */
  sd: number;
  imputed: WgiImputation;
  years: number[];
}

export interface GovernanceOptions {
  years: readonly number[];
}

export const defaultWgiYears: readonly number[] = [2016, 2017, 2018, 2019, 2020];

export interface GovernanceTable {
  /** Governance of a country; countries the WGI does not cover get the median (imputed 'median'). */
  of(iso3: string): Governance;
  /** Countries with WGI data. */
  countries(): string[];
  median: number;
}

/**
 * @example governanceTable([{ iso3: 'CHN', year: 2019, mean: -0.5, dimensions: 6, stdErr: 0.1 }], { years: [2019] })
 *            .of('CHN') // { scaled: 6, sd: 0.2, imputed: 'none', years: [2019] }
 */
export function governanceTable(rows: readonly WgiCountryYear[], options: GovernanceOptions): GovernanceTable {
  const window = new Set(options.years);
  const complete = new Map<string, WgiCountryYear[]>();
  for (const row of rows) {
    if (row.dimensions !== 6) continue;
    complete.set(row.iso3, [...(complete.get(row.iso3) ?? []), row]);
  }
  const table = new Map<string, Governance>();
  for (const [iso3, years] of complete) {
    const inWindow = years.filter((r) => window.has(r.year));
    let used = inWindow;
    let imputed: WgiImputation = 'none';
    if (used.length === 0) {
      const distance = (y: number) => Math.min(...options.years.map((w) => Math.abs(w - y)));
      const nearest = Math.min(...years.map((r) => distance(r.year)));
      used = years.filter((r) => distance(r.year) === nearest).slice(0, 1);
      imputed = 'nearest-year';
    }
    const mean = used.reduce((s, r) => s + r.mean, 0) / used.length;
    const errors = used.map((r) => r.stdErr).filter((e): e is number => e !== null);
    const se = errors.length ? errors.reduce((s, e) => s + e, 0) / errors.length : 0;
    table.set(iso3, { scaled: wgiScaled(mean), sd: 2 * se, imputed, years: used.map((r) => r.year).sort() });
  }
  const inWindowScores = [...table.values()].filter((g) => g.imputed === 'none').map((g) => g.scaled);
  const median = medianOf(inWindowScores.length ? inWindowScores : [...table.values()].map((g) => g.scaled));
  const sds = [...table.values()].map((g) => g.sd);
  const fallback: Governance = { scaled: median, sd: sds.length ? medianOf(sds) : 0, imputed: 'median', years: [] };
  return {
    of: (iso3) => table.get(iso3) ?? fallback,
    countries: () => [...table.keys()].sort(),
    median,
  };
}

function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

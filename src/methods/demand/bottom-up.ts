/**
 * Bottom-up material demand of a deployment scenario (the IEA and JRC model structure; anchors.md §1a "IEA
 * Critical Minerals Data Explorer": deployment × sub-technology shares × mineral intensity × intensity
 * improvements; report digest part 2 §1.3; part 4 §1.3 for the OVAM study of the Flemish Energy Plan):
 *
 *   intensity(k, m, τ) = Σ_s share(k, s) · q(k, s, m) · (1 + r_m)^(τ − τ0)
 *   demand(m, τ)       = Σ_k deployed(k, τ) · intensity(k, m, τ)
 *
 * k technology, s sub-technology (e.g. PV c-Si vs CdTe, wind direct-drive vs geared), m material, q material
 * per unit deployed, `deployed` the capacity added in year τ (new installations, including replacements when a
 * stock model supplies them). Parameters: r_m, the yearly intensity change (default 0: no change, assumed;
 * negative = material efficiency), and τ0, the year the intensities describe (from the intensity file).
 */

export interface IntensityRow {
  technology: string;
  subTechnology: string;
  /** Share of the sub-technology in the technology's deployment, in [0, 1]; shares of a technology sum to 1. */
  subShare: number;
  material: string;
  /** Material per deployment unit (e.g. t per MW). */
  intensity: number;
}

export interface DeploymentRow {
  technology: string;
  year: number;
  /** Units deployed in the year (e.g. MW added). */
  value: number;
}

export interface BottomUpOptions {
  /** Year the intensities describe (τ0). */
  baseYear: number;
  /** Yearly relative change of intensity, per material or for all (default 0, assumed). */
  annualChange?: number | Readonly<Record<string, number>>;
}

export interface MaterialDemand {
  technology: string;
  material: string;
  year: number;
  demand: number;
}

function changeOf(options: BottomUpOptions, material: string): number {
  const c = options.annualChange ?? 0;
  return typeof c === 'number' ? c : (c[material] ?? 0);
}

/**
 * Material per unit deployed of one technology in one year.
 * @example materialIntensity(rows, 'wind-onshore', 'copper', 2030, { baseYear: 2020, annualChange: -0.01 })
 */
export function materialIntensity(
  rows: readonly IntensityRow[],
  technology: string,
  material: string,
  year: number,
  options: BottomUpOptions,
): number {
  const base = rows
    .filter((r) => r.technology === technology && r.material === material)
    .reduce((s, r) => s + r.subShare * r.intensity, 0);
  return base * (1 + changeOf(options, material)) ** (year - options.baseYear);
}

/**
 * Demand per technology, material and year.
 * @example bottomUpDemand([{ technology: 'wind', year: 2025, value: 100 }],
 *   [{ technology: 'wind', subTechnology: 'all', subShare: 1, material: 'copper', intensity: 2.9 }], { baseYear: 2025 })
 * // [{ technology: 'wind', material: 'copper', year: 2025, demand: 290 }]
 */
export function bottomUpDemand(
  deployment: readonly DeploymentRow[],
  rows: readonly IntensityRow[],
  options: BottomUpOptions,
): MaterialDemand[] {
  const materialsOf = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = materialsOf.get(r.technology) ?? new Set<string>();
    set.add(r.material);
    materialsOf.set(r.technology, set);
  }
  const out: MaterialDemand[] = [];
  for (const d of deployment) {
    for (const material of materialsOf.get(d.technology) ?? []) {
      out.push({
        technology: d.technology,
        material,
        year: d.year,
        demand: d.value * materialIntensity(rows, d.technology, material, d.year, options),
      });
    }
  }
  return out;
}

/** Sub-technology shares per technology must sum to 1; returns one finding per technology that does not. */
export function checkSubShares(rows: readonly IntensityRow[]): string[] {
  const shares = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const subs = shares.get(r.technology) ?? new Map<string, number>();
    const seen = subs.get(r.subTechnology);
    if (seen !== undefined && seen !== r.subShare) {
      return [`${r.technology}/${r.subTechnology}: two different shares (${seen} and ${r.subShare})`];
    }
    subs.set(r.subTechnology, r.subShare);
    shares.set(r.technology, subs);
  }
  const findings: string[] = [];
  for (const [technology, subs] of shares) {
    const sum = [...subs.values()].reduce((s, v) => s + v, 0);
    if (Math.abs(sum - 1) > 1e-6) findings.push(`${technology}: sub-technology shares sum to ${sum}, not 1`);
  }
  return findings;
}

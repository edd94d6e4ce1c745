/**
 * Company risk assessment under CRMA Art. 24(2) (docs/methods.md §6, Art. 24) [V: CRMA-DE Art. 24]:
 * (a) mapping of the strategic raw materials in a company's inputs and where they come from, (b) the factors that
 * could affect supply, (c) vulnerability. The Article names the three steps, not a formula: every factor below and
 * its weight is our operationalisation [U], labelled assumed in every output.
 *
 * Per material m (purchases already mapped to materials; value v_{m,o} per origin o):
 * - sourcing_hhi    = Σ_o (v_{m,o} / V_m)²                           the company's own origin concentration (0–1)
 * - relative_sr     = SR_m / max_k SR_k (latest EU edition)          supply risk relative to the riskiest material
 * - governance      = Σ_o (v_{m,o}/V_m) · WGI_scaled_o / 10          origin governance risk (0–1; §0.3 scale)
 * - restricted_share= Σ_{o restricts m} v_{m,o} / V_m                 value from origins with an export restriction
 * - global_hhi      = HHI of global supply of m (when supply shares are in the store)
 * vulnerability_m  = Σ_f w_f · factor_f / Σ_{f available} w_f   (equal weights by default [U]); factors that cannot
 *                    be computed are left out and named in the warnings.
 * Company score = Σ_m V_m · vulnerability_m / Σ_m V_m.
 * Flags (reported, not scored): strategic, critical, single_origin, origin_over_65 (the CRMA Art. 5(1)(b) 65%
 * threshold applied to one company's sourcing, an analogy, not the legal test).
 */
export const exposureFactors = ['sourcing_hhi', 'relative_sr', 'governance', 'restricted_share', 'global_hhi'] as const;
export type ExposureFactor = (typeof exposureFactors)[number];

export interface ExposureParams {
  weights: Readonly<Record<ExposureFactor, number>>;
  /** The single-origin share above which `origin_over_65` is raised (CRMA Art. 5(1)(b) figure). */
  originShareCap: number;
}

export const exposureDefaults: ExposureParams = {
  weights: { sourcing_hhi: 1, relative_sr: 1, governance: 1, restricted_share: 1, global_hhi: 1 },
  originShareCap: 0.65,
};

export interface OriginValue {
  origin: string;
  value: number;
  /** WGI scaled 0–10 (10 = worst), or null when unknown. */
  wgiScaled: number | null;
  restricted: boolean;
}

export interface MaterialExposureInput {
  materialId: string;
  origins: readonly OriginValue[];
  relativeSr: number | null;
  globalHhi: number | null;
}

export interface MaterialExposure {
  materialId: string;
  value: number;
  origins: number;
  topOrigin: string | null;
  topOriginShare: number;
  factors: Record<ExposureFactor, number | null>;
  vulnerability: number | null;
  singleOrigin: boolean;
  originOverCap: boolean;
  /** Origins without a WGI value (governance then covers only the rest, renormalised). */
  originsWithoutWgi: string[];
}

/**
 * @example materialExposure({ materialId: 'gallium', origins: [{ origin: 'CHN', value: 80, wgiScaled: 6, restricted: true }, { origin: 'DEU', value: 20, wgiScaled: 2, restricted: false }], relativeSr: 1, globalHhi: null }, exposureDefaults)
 * // sourcing_hhi 0.68, governance 0.52, restricted_share 0.8, relative_sr 1, global_hhi null → vulnerability 0.75
 */
export function materialExposure(input: MaterialExposureInput, params: ExposureParams): MaterialExposure {
  const value = input.origins.reduce((s, o) => s + o.value, 0);
  const share = (v: number) => (value > 0 ? v / value : 0);
  const byOrigin = new Map<string, OriginValue>();
  for (const o of input.origins) {
    const prev = byOrigin.get(o.origin);
    byOrigin.set(o.origin, prev ? { ...prev, value: prev.value + o.value } : { ...o });
  }
  const origins = [...byOrigin.values()];
  const top = origins.reduce<OriginValue | null>((best, o) => (!best || o.value > best.value ? o : best), null);
  const sourcingHhi = value > 0 ? origins.reduce((s, o) => s + share(o.value) ** 2, 0) : null;
  const withWgi = origins.filter((o) => o.wgiScaled !== null);
  const wgiValue = withWgi.reduce((s, o) => s + o.value, 0);
  const governance =
    wgiValue > 0 ? withWgi.reduce((s, o) => s + (o.value / wgiValue) * ((o.wgiScaled ?? 0) / 10), 0) : null;
  const restrictedShare =
    value > 0 ? origins.filter((o) => o.restricted).reduce((s, o) => s + share(o.value), 0) : null;
  const factors: Record<ExposureFactor, number | null> = {
    sourcing_hhi: sourcingHhi,
    relative_sr: input.relativeSr,
    governance,
    restricted_share: restrictedShare,
    global_hhi: input.globalHhi,
  };
  return {
    materialId: input.materialId,
    value,
    origins: origins.length,
    topOrigin: top?.origin ?? null,
    topOriginShare: top ? share(top.value) : 0,
    factors,
    vulnerability: weightedScore(factors, params.weights),
    singleOrigin: origins.length === 1,
    originOverCap: top !== null && share(top.value) > params.originShareCap,
    originsWithoutWgi: origins.filter((o) => o.wgiScaled === null).map((o) => o.origin),
  };
}

/** Weighted mean over the factors that could be computed; null when none could. */
export function weightedScore(
  factors: Readonly<Record<ExposureFactor, number | null>>,
  weights: Readonly<Record<ExposureFactor, number>>,
): number | null {
  let sum = 0;
  let weight = 0;
  for (const f of exposureFactors) {
    const v = factors[f];
    if (v === null || !Number.isFinite(v) || weights[f] <= 0) continue;
    sum += weights[f] * v;
    weight += weights[f];
  }
  return weight > 0 ? sum / weight : null;
}

/**
 * Value-weighted company score over materials with a vulnerability.
 * @example companyScore([{ value: 80, vulnerability: 0.75 }, { value: 20, vulnerability: 0.25 }]) // 0.65
 */
export function companyScore(materials: readonly { value: number; vulnerability: number | null }[]): number | null {
  const scored = materials.filter((m) => m.vulnerability !== null && m.value > 0);
  const total = scored.reduce((s, m) => s + m.value, 0);
  return total > 0 ? scored.reduce((s, m) => s + m.value * (m.vulnerability ?? 0), 0) / total : null;
}

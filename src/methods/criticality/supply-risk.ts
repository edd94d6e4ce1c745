/**
 * EU supply risk per stage (docs/methods.md §5.3; formula seen in two secondary implementations [S: CRITMAT,
 * STREAMLIT], reproduced against the 2023 published values in test/analyses/criticality.test.ts):
 *
 *   SR_stage = [ HHI_WGI,t(GS) · IR/2 + HHI_WGI,t(EU) · (1 − IR/2) ] · (1 − EoL_RIR) · SI_SR
 *   HHI_WGI,t(scope) = Σ_c s_c² · WGI_scaled_c · t_c          (s_c fractions → 0–10 scale)
 *   SR = max over the assessed stages ("bottleneck"; [S: STREAMLIT], assumed)
 *
 * GS = global supply, EU = EU sourcing (EU production + imports by origin). The study names per stage which scopes
 * it used: `gs+eu` (the blend), `gs` or `eu` alone (then IR does not enter). IR < 0 (net exporter) is clipped to 0,
 * IR > 1 to 1 (assumed, methods.md §5.3 [U]). When the study used `gs+eu` but one scope has no data, the other is
 * used alone and the result says so (`scopeFallback`, as the teaching app does [S: STREAMLIT]).
 */

export type Scope = 'gs+eu' | 'gs' | 'eu';

export interface CountryShare {
  share: number;
  /** WGI_scaled of the country, 0–10. */
  wgi: number;
  /** Trade parameter t (1 baseline, 0.8 EU/agreement partners, > 1 export restrictions). */
  t: number;
}

/** @example hhiWgiT([{ share: 0.8, wgi: 6, t: 1.1 }, { share: 0.1, wgi: 3, t: 1 }, { share: 0.1, wgi: 2, t: 1 }]) // 4.274 */
export function hhiWgiT(shares: readonly CountryShare[]): number {
  let s = 0;
  for (const c of shares) s += c.share * c.share * c.wgi * c.t;
  return s;
}

/** The formula with both scopes; IR clipped to [0, 1]. @example supplyRiskFormula(4.274, 1.838, 0.9, 0.05, 0.95) // 2.648 */
export function supplyRiskFormula(gs: number, eu: number, ir: number, eolRir: number, siSr: number): number {
  const r = clip01(ir);
  return (gs * (r / 2) + eu * (1 - r / 2)) * (1 - eolRir) * siSr;
}

export function clip01(x: number): number {
  return x < 0 ? 0 : Math.min(x, 1);
}

export interface StageInputs {
  scope: Scope;
  /** HHI_WGI,t of global supply, null when the study has no global shares for the stage. */
  gs: number | null;
  eu: number | null;
  ir: number | null;
  eolRir: number;
  siSr: number;
}

export interface StageRisk {
  sr: number | null;
  /** The scope actually used. */
  scopeUsed: Scope | null;
  scopeFallback: boolean;
  /** Why `sr` is null. */
  missing: string | null;
}

/**
 * @example stageSupplyRisk({ scope: 'gs+eu', gs: 4.274, eu: 1.838, ir: 0.9, eolRir: 0.05, siSr: 0.95 })
 *          // { sr: 2.648…, scopeUsed: 'gs+eu', scopeFallback: false, missing: null }
 */
export function stageSupplyRisk(i: StageInputs): StageRisk {
  const factor = (1 - i.eolRir) * i.siSr;
  const alone = (scope: 'gs' | 'eu', fallback: boolean): StageRisk => {
    const value = scope === 'gs' ? i.gs : i.eu;
    return value === null
      ? {
          sr: null,
          scopeUsed: null,
          scopeFallback: false,
          missing: `no ${scope === 'gs' ? 'global' : 'EU sourcing'} shares`,
        }
      : { sr: value * factor, scopeUsed: scope, scopeFallback: fallback, missing: null };
  };
  if (i.scope === 'gs' || i.scope === 'eu') return alone(i.scope, false);
  if (i.gs === null && i.eu === null) {
    return { sr: null, scopeUsed: null, scopeFallback: false, missing: 'no global or EU sourcing shares' };
  }
  if (i.gs === null) return alone('eu', true);
  if (i.eu === null) return alone('gs', true);
  if (i.ir === null) return { sr: null, scopeUsed: null, scopeFallback: false, missing: 'no import reliance' };
  return {
    sr: supplyRiskFormula(i.gs, i.eu, i.ir, i.eolRir, i.siSr),
    scopeUsed: 'gs+eu',
    scopeFallback: false,
    missing: null,
  };
}

/** Bottleneck: the largest stage SR, with its stage; null when no stage has a value. */
export function overallSupplyRisk<S extends string>(
  stages: readonly { stage: S; sr: number | null }[],
): { sr: number; stage: S } | null {
  let best: { sr: number; stage: S } | null = null;
  for (const s of stages) if (s.sr !== null && (best === null || s.sr > best.sr)) best = { sr: s.sr, stage: s.stage };
  return best;
}

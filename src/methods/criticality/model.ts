import { type EconomicImportance, type EndUse, economicImportance } from './economic-importance.js';
import type { Governance } from './governance.js';
import { clip01, hhiWgiT, overallSupplyRisk, type Scope, type StageRisk, stageSupplyRisk } from './supply-risk.js';

/**
 * One material's assessment inputs and their evaluation (docs/methods.md §5.2–5.3): supply shares by stage and
 * scope with t, IR, EoL-RIR and SI_SR per stage, end-use shares with sector value added and SI_EI. `Knobs` move
 * one input at a time (sensitivity); the Monte Carlo in monte-carlo.ts draws them all.
 */
export type Stage = 'extraction' | 'processing';

export interface ScopeSupply {
  countries: readonly string[];
  shares: readonly number[];
  t: readonly number[];
}

export interface StageModel {
  stage: Stage;
  /** Scopes the study used for this stage. */
  scope: Scope;
  gs: ScopeSupply | null;
  eu: ScopeSupply | null;
  ir: number | null;
  eolRir: number;
  siSr: number;
}

export interface MaterialModel {
  id: string;
  stages: readonly StageModel[];
  uses: readonly EndUse[] | null;
  siEi: number | null;
}

/**
 * One-at-a-time moves of the inputs, all 0 = central:
 * - `concentration` γ − 1: shares become s^γ / Σ s^γ · Σ s (γ > 1 concentrates supply, < 1 spreads it);
 * - `wgi` governance moved by this many standard deviations for every country (+ = worse);
 * - `ir`, `eolRir`, `siSr`, `siEi` absolute shifts, clipped to [0, 1].
 */
export interface Knobs {
  concentration?: number;
  wgi?: number;
  ir?: number;
  eolRir?: number;
  siSr?: number;
  siEi?: number;
}

export interface StageEvaluation extends StageRisk {
  stage: Stage;
  hhiGs: number | null;
  hhiEu: number | null;
  ir: number | null;
  eolRir: number;
  siSr: number;
}

export interface MaterialEvaluation {
  stages: StageEvaluation[];
  sr: number | null;
  /** Stage giving the overall SR (bottleneck). */
  stage: Stage | null;
  ei: EconomicImportance | null;
}

/** Reshape shares by γ keeping their total (γ = 1 leaves them unchanged). */
export function reshapeShares(shares: readonly number[], gamma: number): number[] {
  if (gamma === 1) return [...shares];
  const total = shares.reduce((s, v) => s + v, 0);
  const powered = shares.map((s) => s ** gamma);
  const poweredTotal = powered.reduce((s, v) => s + v, 0);
  return powered.map((p) => (poweredTotal > 0 ? (p / poweredTotal) * total : 0));
}

export function scopeIndex(
  supply: ScopeSupply | null,
  governance: (iso3: string) => Governance,
  knobs: Knobs = {},
): number | null {
  if (!supply || supply.countries.length === 0) return null;
  const shares = reshapeShares(supply.shares, 1 + (knobs.concentration ?? 0));
  return hhiWgiT(
    supply.countries.map((c, i) => {
      const g = governance(c);
      return { share: shares[i], wgi: Math.max(0, g.scaled + (knobs.wgi ?? 0) * g.sd), t: supply.t[i] };
    }),
  );
}

/**
 * @example evaluateMaterial(model, (iso3) => governance.of(iso3), 204200)
 *          // { sr: 1.24, stage: 'extraction', ei: { ei: 5.71, … }, stages: [ … ] }
 */
export function evaluateMaterial(
  model: MaterialModel,
  governance: (iso3: string) => Governance,
  qMax: number,
  knobs: Knobs = {},
): MaterialEvaluation {
  const stages = model.stages.map((s): StageEvaluation => {
    const hhiGs = scopeIndex(s.gs, governance, knobs);
    const hhiEu = scopeIndex(s.eu, governance, knobs);
    const ir = s.ir === null ? null : clip01(s.ir + (knobs.ir ?? 0));
    const eolRir = clip01(s.eolRir + (knobs.eolRir ?? 0));
    const siSr = clip01(s.siSr + (knobs.siSr ?? 0));
    const risk = stageSupplyRisk({ scope: s.scope, gs: hhiGs, eu: hhiEu, ir, eolRir, siSr });
    return { stage: s.stage, hhiGs, hhiEu, ir, eolRir, siSr, ...risk };
  });
  const overall = overallSupplyRisk(stages);
  const ei =
    model.uses?.length && model.siEi !== null
      ? economicImportance(model.uses, { qMax, siEi: clip01(model.siEi + (knobs.siEi ?? 0)) })
      : null;
  return { stages, sr: overall?.sr ?? null, stage: overall?.stage ?? null, ei };
}

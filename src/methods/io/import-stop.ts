/**
 * Explicit import-stop shock: imports of given products fall by a fraction; what happens to output and value added
 * per industry (docs/methods.md §2, "IO shock", import stop (supply-side); FPB Dumont, Michel & Rayp 2024; the
 * explicit import accounts that MARIO issue #152 asks for).
 *
 * Inputs (resolved by the analysis): for each cut product p, its fraction cut_p ∈ [0, 1] and its imported use by
 * industry, M_pj (from the imported-use table, or estimated under import proportionality when the table has no split),
 * plus its imported final use. Steps:
 * 1. Rationing (`rationing` = 'proportional' [U, assumed]): every user of p loses the same fraction cut_p of its
 *    imported p, so lost_pj = cut_p · M_pj; imported final use loses cut_p too (reported, no output effect).
 * 2. Direct effect, by `variant` [U, assumed default 'leontief_fixed_prop']:
 *    - 'leontief_fixed_prop': no substitution (`substitution` = 'none' [U, assumed]); output is limited by the scarcest
 *      input, Δx_j = − lost_pj / a^m_pj = − cut_p · x_j for the binding p (the largest cut among the products j
 *      imports), capped at x_j;
 *    - 'ghosh': the lost imports enter as a negative primary-input shock, Δv_j = − Σ_p lost_pj, and
 *      Δx' = Δv'·G (this already contains the downstream effect).
 * 3. Indirect effects, each a named switch [U, assumed true]:
 *    - `upstream`: hit industries buy less from their suppliers, Δx_up = L·A·Δx_direct (Leontief);
 *    - `downstream` (leontief_fixed_prop only): customers of hit industries get less supply,
 *      Δx_down' = Δx_direct'·B·G (Ghosh), i.e. Δx_down = x̂·Lᵀ·Aᵀ·x̂⁻¹·Δx_direct.
 * 4. Total Δx = direct + upstream + downstream, each industry's loss capped at its output (`capAtOutput` = true);
 *    ΔVA_j = v_j·Δx_j with v = VA/x.
 * Every solve goes through the LeontiefSolver, so the same code runs on a 6-sector textbook table and on FIGARO.
 */
import { ghoshShock } from './ghosh.js';
import type { LeontiefSolver } from './leontief.js';

export type ShockVariant = 'leontief_fixed_prop' | 'ghosh';

export interface ImportStopParams {
  variant: ShockVariant;
  substitution: 'none';
  rationing: 'proportional';
  upstream: boolean;
  downstream: boolean;
  capAtOutput: boolean;
}

export const importStopDefaults: ImportStopParams = {
  variant: 'leontief_fixed_prop',
  substitution: 'none',
  rationing: 'proportional',
  upstream: true,
  downstream: true,
  capAtOutput: true,
};

export interface ImportCut {
  /** Product label (IO product, e.g. '24B' or 'CHN_C24' in a multi-regional table). */
  product: string;
  fraction: number;
  /** Imported intermediate use of the product by industry (index into the solver's labels). */
  users: readonly { industry: number; value: number }[];
  /** Imported final use of the product (households, government, investment, re-exports). */
  finalUse: number;
}

export interface ShockSystem {
  solver: LeontiefSolver;
  /** Output x the coefficients were built with. */
  x: ArrayLike<number>;
  /** Value added per industry. */
  va: ArrayLike<number>;
}

export interface ShockOutcome {
  direct: Float64Array;
  upstream: Float64Array;
  downstream: Float64Array;
  /** Δx after capping. */
  total: Float64Array;
  /** ΔVA = v̂·Δx. */
  valueAdded: Float64Array;
  /** Industries whose summed loss exceeded their output and was capped. */
  capped: number[];
  /** Lost imports, intermediate and final (table units). */
  lostIntermediateImports: number;
  lostFinalImports: number;
  /** Lost exports (export stop; table units). */
  lostExports: number;
}

type Lost = Pick<ShockOutcome, 'lostIntermediateImports' | 'lostFinalImports' | 'lostExports'>;

/**
 * @example importStop({ solver, x, va }, [{ product: '24B', fraction: 0.5, users: [{ industry: 3, value: 120 }], finalUse: 10 }])
 * // direct Δx of industry 3 = −0.5·x₃; plus upstream and downstream effects
 */
export function importStop(
  system: ShockSystem,
  cuts: readonly ImportCut[],
  params: ImportStopParams = importStopDefaults,
): ShockOutcome {
  const n = system.solver.labels.length;
  let lostIntermediateImports = 0;
  let lostFinalImports = 0;
  const binding = new Float64Array(n);
  const lostByIndustry = new Float64Array(n);
  for (const cut of cuts) {
    lostFinalImports += cut.fraction * cut.finalUse;
    for (const { industry, value } of cut.users) {
      if (value <= 0) continue;
      const lost = cut.fraction * value;
      lostIntermediateImports += lost;
      lostByIndustry[industry] += lost;
      binding[industry] = Math.max(binding[industry], cut.fraction);
    }
  }
  let direct: Float64Array;
  let downstream: Float64Array = new Float64Array(n);
  if (params.variant === 'ghosh') {
    const dv = lostByIndustry.map((v) => -v);
    direct = ghoshShock(system.solver, system.x, dv);
  } else {
    direct = new Float64Array(n);
    for (let j = 0; j < n; j++) direct[j] = binding[j] === 0 ? 0 : -Math.min(1, binding[j]) * system.x[j];
    if (params.downstream) downstream = downstreamEffect(system, direct);
  }
  const upstream = params.upstream ? upstreamEffect(system.solver, direct) : new Float64Array(n);
  return finish(system, direct, upstream, downstream, params.capAtOutput, {
    lostIntermediateImports,
    lostFinalImports,
    lostExports: 0,
  });
}

/** Δx_up = L·A·Δx (indirect only: excludes Δx itself). */
export function upstreamEffect(solver: LeontiefSolver, dx: Float64Array): Float64Array {
  return solver.solve(solver.multiplyA(dx));
}

/** Δx_down' = Δx'·B·G = Δx'·x̂⁻¹·A·L·x̂ (indirect only). */
export function downstreamEffect(system: ShockSystem, dx: Float64Array): Float64Array {
  const n = dx.length;
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) s[j] = system.x[j] === 0 ? 0 : dx[j] / system.x[j];
  const u = system.solver.solveTransposed(system.solver.multiplyATransposed(s));
  for (let k = 0; k < n; k++) u[k] *= system.x[k];
  return u;
}

export function finish(
  system: ShockSystem,
  direct: Float64Array,
  upstream: Float64Array,
  downstream: Float64Array,
  capAtOutput: boolean,
  lost: Lost,
): ShockOutcome {
  const n = direct.length;
  const total = new Float64Array(n);
  const valueAdded = new Float64Array(n);
  const capped: number[] = [];
  for (let j = 0; j < n; j++) {
    let t = direct[j] + upstream[j] + downstream[j];
    if (capAtOutput && -t > system.x[j]) {
      t = -system.x[j];
      if (system.x[j] > 0) capped.push(j);
    }
    total[j] = t;
    valueAdded[j] = system.x[j] === 0 ? 0 : (system.va[j] / system.x[j]) * t;
  }
  return { direct, upstream, downstream, total, valueAdded, capped, ...lost };
}

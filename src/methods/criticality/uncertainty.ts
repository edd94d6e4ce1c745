import { meets } from '../dependency/criteria.js';
import type { GovernanceTable } from './governance.js';
import { evaluateMaterial, type Knobs, type MaterialModel } from './model.js';
import { supplyRiskFormula } from './supply-risk.js';
import { type CriticalityThresholds, euThresholds, groupMean } from './verdict.js';

/**
 * Uncertainty of the EU criticality verdict (docs/methods.md §5; no existing tool has it, anchors.md §3b).
 *
 * Monte Carlo: each draw perturbs every input of the SR and EI formulas at once and re-evaluates them —
 * - supply shares: s_c · exp(σz − σ²/2), renormalised to their total, σ² = ln(1 + cv²), cv `shareCv` (0.10, assumed);
 * - governance: WGI_scaled_c + sd_c · z, sd from the WGI standard errors (data); one z per country per draw, shared by
 *   all materials (a country's governance is one quantity), floored at 0;
 * - IR per stage, EoL-RIR, SI_SR, SI_EI: uniform ± their half-width (0.05 absolute, assumed), narrowed near 0
 *   and 1 so that the interval stays inside [0, 1] and centred (a published SI of 1.00 does not move);
 * - end-use shares like supply shares (`useShareCv` 0.10, assumed); value added fixed.
 * Draws are anchored: SR_draw = SR_anchor · SR_model(draw) / SR_model(central) (EI likewise), so the central verdict
 * is the published (or recomputed) one and the draws carry only the input uncertainty. The published values are
 * rounded to one decimal, so `rounding` (0.05 when anchored on published values) adds U(−0.05, 0.05) [D].
 * Items without a complete model keep the rounding uncertainty only (`basis: 'rounding'`). Groups (HREE, LREE,
 * PGM) are the mean of their members in every draw. Seeded (sfc32): the same seed gives the same numbers.
 *
 * Sensitivity (one at a time): each input moved to the ends of its range (shares: concentration γ = 1 ± 0.2;
 * governance ± 1.645 sd, the 90% interval; IR, EoL-RIR, SI ± their half-width) with the others central; an input
 * "flips" a material when the verdict at either end differs from the central verdict.
 */
export interface UncertaintyRanges {
  shareCv: number;
  useShareCv: number;
  irHalfWidth: number;
  eolRirHalfWidth: number;
  siHalfWidth: number;
  /** Half-width of the rounding of the anchor values (0.05 for values published to one decimal). */
  rounding: number;
  /** Sensitivity: ± change of the concentration exponent γ. */
  concentrationStep: number;
  /** Sensitivity: governance moved by ± this many standard deviations. */
  wgiSigmas: number;
}

export const defaultRanges: UncertaintyRanges = {
  shareCv: 0.1,
  useShareCv: 0.1,
  irHalfWidth: 0.05,
  eolRirHalfWidth: 0.05,
  siHalfWidth: 0.05,
  rounding: 0.05,
  concentrationStep: 0.2,
  wgiSigmas: 1.645,
};

export interface UncertaintyItem {
  id: string;
  anchorSr: number | null;
  anchorEi: number | null;
  strategic: boolean;
  /** The material's model, or its members' models for a group; empty when no model exists. */
  models: readonly MaterialModel[];
}

export interface UncertaintyResult {
  id: string;
  /** P(critical), the strategic rule included. */
  pCritical: number;
  /** P(SR and EI pass their thresholds). */
  pScores: number;
  sr: Quantiles | null;
  ei: Quantiles | null;
  /** Which of SR and EI are drawn from their model (the rest carries the rounding of the anchor only). */
  basis: 'model' | 'sr-model' | 'ei-model' | 'rounding';
}

export interface Quantiles {
  p05: number;
  p50: number;
  p95: number;
}

export interface MonteCarloOptions {
  draws: number;
  seed: number;
  qMax: number;
  thresholds?: CriticalityThresholds;
  strategicRule?: boolean;
  ranges?: UncertaintyRanges;
}

/** sfc32: a small fast seeded generator (PractRand-clean) of unsigned 32-bit integers. */
export function sfc32(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9).
 * @example inverseNormal(0.975) // 1.95996…
 */
export function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * 2^12 equiprobable quantiles of a distribution, so a draw is a table read indexed by 12 random bits (the draw loop
 * runs tens of millions of times; exp and log per share cost ~10× more, and a 32 KB table stays in cache). One
 * 32-bit random number indexes two draws. For 10,000 draws the discretisation is far below the Monte Carlo error.
 */
export const tableBits = 12;
function quantileTable(quantile: (z: number) => number): Float64Array {
  const n = 1 << tableBits;
  const table = new Float64Array(n);
  for (let k = 0; k < n; k++) table[k] = quantile(inverseNormal((k + 0.5) / n));
  return table;
}

/** Multipliers exp(σz − σ²/2) with mean 1 and coefficient of variation cv. */
function lognormalTable(cv: number): Float64Array {
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  return quantileTable((z) => Math.exp(sigma * z - (sigma * sigma) / 2));
}

/** A model compiled to flat arrays for the draw loop. */
interface CompiledScope {
  country: Int32Array;
  share: Float64Array;
  t: Float64Array;
  total: number;
}

interface CompiledStage {
  /** Which scopes enter, as evaluated centrally (including a fallback to one scope). */
  use: 'gs+eu' | 'gs' | 'eu';
  gs: CompiledScope | null;
  eu: CompiledScope | null;
  ir: number;
}

interface CompiledModel {
  stages: CompiledStage[];
  eolRir: number;
  siSr: number;
  uses: { share: Float64Array; va: Float64Array; total: number } | null;
  siEi: number;
  srCentral: number | null;
  eiCentral: number | null;
}

function compile(
  model: MaterialModel,
  countryIndex: Map<string, number>,
  table: GovernanceTable,
  qMax: number,
): CompiledModel {
  const central = evaluateMaterial(model, (c) => table.of(c), qMax);
  const scope = (s: MaterialModel['stages'][number]['gs']): CompiledScope | null =>
    s?.countries.length
      ? {
          country: Int32Array.from(s.countries.map((c) => countryIndex.get(c) as number)),
          share: Float64Array.from(s.shares),
          t: Float64Array.from(s.t),
          total: s.shares.reduce((a, b) => a + b, 0),
        }
      : null;
  const stages: CompiledStage[] = [];
  for (const [i, s] of model.stages.entries()) {
    const used = central.stages[i].scopeUsed;
    if (!used) continue;
    stages.push({ use: used, gs: scope(s.gs), eu: scope(s.eu), ir: s.ir ?? 0 });
  }
  const first = model.stages[0];
  const mapped = model.uses?.filter((u) => u.valueAdded !== null) ?? [];
  return {
    stages,
    eolRir: first?.eolRir ?? 0,
    siSr: first?.siSr ?? 1,
    uses: mapped.length
      ? {
          share: Float64Array.from(mapped.map((u) => u.share)),
          va: Float64Array.from(mapped.map((u) => u.valueAdded as number)),
          total: mapped.reduce((s, u) => s + u.share, 0),
        }
      : null,
    siEi: model.siEi ?? 1,
    srCentral: central.sr,
    eiCentral: central.ei?.ei ?? null,
  };
}

/**
 * P(critical) per item from `draws` joint draws of all inputs.
 * @example monteCarlo(items, governance, { draws: 10_000, seed: 1, qMax: 204_200 })
 *          // [{ id: 'coking-coal', pCritical: 0.36, pScores: 0.36, sr: { p05: 0.86, … }, basis: 'model' }, …]
 */
export function monteCarlo(
  items: readonly UncertaintyItem[],
  governance: GovernanceTable,
  options: MonteCarloOptions,
): UncertaintyResult[] {
  const ranges = options.ranges ?? defaultRanges;
  const thresholds = options.thresholds ?? euThresholds;
  const strategicRule = options.strategicRule ?? true;
  const next = sfc32(options.seed);
  const uniform = () => next() / 4294967296;
  const shift = 32 - tableBits;
  const mask = (1 << tableBits) - 1;
  const normalTable = quantileTable((z) => z);
  const shareTable = lognormalTable(ranges.shareCv);
  const useTable = lognormalTable(ranges.useShareCv);

  // Every distinct model is drawn once per draw; a group's value is the mean of its members' draws.
  const modelIndex = new Map<MaterialModel, number>();
  for (const item of items) for (const m of item.models) if (!modelIndex.has(m)) modelIndex.set(m, modelIndex.size);
  const models = [...modelIndex.keys()];
  const countryList = [
    ...new Set(
      models.flatMap((m) => m.stages.flatMap((s) => [...(s.gs?.countries ?? []), ...(s.eu?.countries ?? [])])),
    ),
  ];
  const countryIndex = new Map(countryList.map((c, i) => [c, i]));
  const scaled = Float64Array.from(countryList.map((c) => governance.of(c).scaled));
  const sd = Float64Array.from(countryList.map((c) => governance.of(c).sd));
  const wgi = new Float64Array(countryList.length);
  const compiled = models.map((m) => compile(m, countryIndex, governance, options.qMax));
  const srDraw = new Float64Array(compiled.length);
  const eiDraw = new Float64Array(compiled.length);
  const itemModels = items.map((item) => Int32Array.from(item.models.map((m) => modelIndex.get(m) as number)));

  const srDraws = items.map(() => new Float64Array(options.draws));
  const eiDraws = items.map(() => new Float64Array(options.draws));
  const critical = new Int32Array(items.length);
  const scores = new Int32Array(items.length);
  const jitter = (half: number) => (2 * uniform() - 1) * half;
  // A value near 0 or 1 moves symmetrically within [0, 1], so the central value stays the median (SI = 1.00 does
  // not move; clipping instead would only ever pull it down).
  const within = (x: number, half: number) => x + jitter(Math.min(half, x, 1 - x));

  // Σ s'² · w · t over one scope, with s' = s · lognormal multiplier, renormalised to the original total.
  const scopeDraw = (s: CompiledScope): number => {
    let total = 0;
    let sq = 0;
    const n = s.share.length;
    let k = 0;
    for (; k + 1 < n; k += 2) {
      const r = next();
      const v = s.share[k] * shareTable[r >>> shift];
      const w = s.share[k + 1] * shareTable[r & mask];
      total += v + w;
      sq += v * v * wgi[s.country[k]] * s.t[k] + w * w * wgi[s.country[k + 1]] * s.t[k + 1];
    }
    if (k < n) {
      const v = s.share[k] * shareTable[next() >>> shift];
      total += v;
      sq += v * v * wgi[s.country[k]] * s.t[k];
    }
    const scale = total > 0 ? s.total / total : 0;
    return sq * scale * scale;
  };

  const drawModel = (m: CompiledModel, j: number): void => {
    let sr = Number.NaN;
    if (m.srCentral !== null) {
      const eol = within(m.eolRir, ranges.eolRirHalfWidth);
      const si = within(m.siSr, ranges.siHalfWidth);
      for (const st of m.stages) {
        const gs = st.use !== 'eu' && st.gs ? scopeDraw(st.gs) : 0;
        const eu = st.use !== 'gs' && st.eu ? scopeDraw(st.eu) : 0;
        const value =
          st.use === 'gs+eu'
            ? supplyRiskFormula(gs, eu, within(st.ir, ranges.irHalfWidth), eol, si)
            : (st.use === 'gs' ? gs : eu) * (1 - eol) * si;
        if (!(value <= sr)) sr = value;
      }
    }
    let ei = Number.NaN;
    if (m.eiCentral !== null && m.uses) {
      let total = 0;
      let aq = 0;
      for (let k = 0; k < m.uses.share.length; k++) {
        const a = m.uses.share[k] * useTable[next() >>> shift];
        total += a;
        aq += a * m.uses.va[k];
      }
      const si = within(m.siEi, ranges.siHalfWidth);
      ei = total > 0 ? ((10 * aq * (m.uses.total / total)) / options.qMax) * si : 0;
    }
    srDraw[j] = sr;
    eiDraw[j] = ei;
  };

  const meanOf = (indexes: Int32Array, values: Float64Array): number => {
    const n = indexes.length;
    if (n === 0) return Number.NaN;
    let s = 0;
    for (let k = 0; k < n; k++) s += values[indexes[k]];
    return s / n;
  };
  const srCentral = Float64Array.from(compiled.map((m) => m.srCentral ?? Number.NaN));
  const eiCentral = Float64Array.from(compiled.map((m) => m.eiCentral ?? Number.NaN));
  const centrals = itemModels.map((idx) => ({ sr: meanOf(idx, srCentral), ei: meanOf(idx, eiCentral) }));

  for (let d = 0; d < options.draws; d++) {
    for (let c = 0; c < wgi.length; c++) {
      const w = scaled[c] + sd[c] * normalTable[next() >>> shift];
      wgi[c] = Math.max(w, 0);
    }
    for (let j = 0; j < compiled.length; j++) drawModel(compiled[j], j);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const sr = anchored(item.anchorSr, meanOf(itemModels[i], srDraw), centrals[i].sr) + jitter(ranges.rounding);
      const ei = anchored(item.anchorEi, meanOf(itemModels[i], eiDraw), centrals[i].ei) + jitter(ranges.rounding);
      srDraws[i][d] = sr;
      eiDraws[i][d] = ei;
      const pass = meets(sr, thresholds.sr) && meets(ei, thresholds.ei);
      if (pass) scores[i]++;
      if (pass || (strategicRule && item.strategic)) critical[i]++;
    }
  }

  return items.map((item, i) => {
    const srModel = Number.isFinite(centrals[i].sr);
    const eiModel = Number.isFinite(centrals[i].ei);
    return {
      id: item.id,
      pCritical: critical[i] / options.draws,
      pScores: scores[i] / options.draws,
      sr: item.anchorSr === null ? null : quantiles(srDraws[i]),
      ei: item.anchorEi === null ? null : quantiles(eiDraws[i]),
      basis: srModel && eiModel ? 'model' : srModel ? 'sr-model' : eiModel ? 'ei-model' : 'rounding',
    };
  });
}

/** anchor · model / central; the anchor alone when the model is missing or degenerate. */
function anchored(anchor: number | null, model: number | null, central: number | null): number {
  if (anchor === null) return Number.NaN;
  if (model === null || central === null || !Number.isFinite(model) || !(central > 0)) return anchor;
  return (anchor * model) / central;
}

function quantiles(values: Float64Array): Quantiles {
  const copy = Float64Array.from(values);
  const at = (p: number) => select(copy, Math.min(copy.length - 1, Math.max(0, Math.round(p * (copy.length - 1)))));
  return { p05: at(0.05), p50: at(0.5), p95: at(0.95) };
}

/** The k-th smallest value (Hoare's quickselect; reorders `a` in place). NaN sorts last. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const less = (x: number, y: number) => x < y || (Number.isNaN(y) && !Number.isNaN(x));
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (less(a[i], pivot)) i++;
      while (less(pivot, a[j])) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

export type SensitivityInput = 'shares' | 'wgi' | 'ir' | 'eol_rir' | 'si_sr' | 'si_ei';

export interface SensitivityRow {
  id: string;
  input: SensitivityInput;
  srLow: number | null;
  srHigh: number | null;
  eiLow: number | null;
  eiHigh: number | null;
  criticalCentral: boolean;
  criticalLow: boolean;
  criticalHigh: boolean;
  flips: boolean;
}

/**
 * One-at-a-time sensitivity of the verdict, anchored like the Monte Carlo ("low" = the input's end that lowers
 * risk or importance, "high" the other). Rows for every item with a model and every input that can move it.
 * @example sensitivity(items, governance, { qMax: 204_200 }).filter((r) => r.flips)
 *          // [{ id: 'coking-coal', input: 'shares', srLow: 0.93, srHigh: 1.08, flips: true, … }, …]
 */
export function sensitivity(
  items: readonly UncertaintyItem[],
  governance: GovernanceTable,
  options: { qMax: number; thresholds?: CriticalityThresholds; strategicRule?: boolean; ranges?: UncertaintyRanges },
): SensitivityRow[] {
  const r = options.ranges ?? defaultRanges;
  const thresholds = options.thresholds ?? euThresholds;
  const strategicRule = options.strategicRule ?? true;
  const knobs: Record<SensitivityInput, [Knobs, Knobs]> = {
    shares: [{ concentration: -r.concentrationStep }, { concentration: r.concentrationStep }],
    wgi: [{ wgi: -r.wgiSigmas }, { wgi: r.wgiSigmas }],
    ir: [{ ir: -r.irHalfWidth }, { ir: r.irHalfWidth }],
    // A higher EoL-RIR and a higher SI lower the risk: their "low-risk" end is the upward move.
    eol_rir: [{ eolRir: r.eolRirHalfWidth }, { eolRir: -r.eolRirHalfWidth }],
    si_sr: [{ siSr: -r.siHalfWidth }, { siSr: r.siHalfWidth }],
    si_ei: [{ siEi: -r.siHalfWidth }, { siEi: r.siHalfWidth }],
  };
  const gov = (c: string) => governance.of(c);
  const rows: SensitivityRow[] = [];
  for (const item of items) {
    if (item.models.length === 0) continue;
    const evaluate = (k: Knobs) => {
      const e = item.models.map((m) => evaluateMaterial(m, gov, options.qMax, k));
      return { sr: groupMean(e.map((x) => x.sr)), ei: groupMean(e.map((x) => x.ei?.ei ?? null)) };
    };
    const central = evaluate({});
    const critical = (sr: number | null, ei: number | null) =>
      (meets(sr, thresholds.sr) && meets(ei, thresholds.ei)) || (strategicRule && item.strategic);
    const srOf = (m: number | null) => (m === null ? null : anchored(item.anchorSr, m, central.sr));
    const eiOf = (m: number | null) => (m === null ? null : anchored(item.anchorEi, m, central.ei));
    const criticalCentral = critical(item.anchorSr, item.anchorEi);
    for (const input of Object.keys(knobs) as SensitivityInput[]) {
      const [lowKnob, highKnob] = knobs[input];
      const low = evaluate(lowKnob);
      const high = evaluate(highKnob);
      const srLow = srOf(low.sr);
      const srHigh = srOf(high.sr);
      const eiLow = eiOf(low.ei);
      const eiHigh = eiOf(high.ei);
      const unchanged =
        srLow === item.anchorSr && srHigh === item.anchorSr && eiLow === item.anchorEi && eiHigh === item.anchorEi;
      if (unchanged) continue;
      const criticalLow = critical(srLow ?? item.anchorSr, eiLow ?? item.anchorEi);
      const criticalHigh = critical(srHigh ?? item.anchorSr, eiHigh ?? item.anchorEi);
      rows.push({
        id: item.id,
        input,
        srLow,
        srHigh,
        eiLow,
        eiHigh,
        criticalCentral,
        criticalLow,
        criticalHigh,
        flips: criticalLow !== criticalCentral || criticalHigh !== criticalCentral,
      });
    }
  }
  return rows;
}

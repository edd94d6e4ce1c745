import { UserError } from '../domain/errors.js';
import { type Column, type Result, result } from '../domain/result.js';
import type { GovernanceTable } from '../methods/criticality/governance.js';
import type { MaterialModel } from '../methods/criticality/model.js';
import { defaultRanges, monteCarlo, sensitivity, type UncertaintyItem } from '../methods/criticality/uncertainty.js';
import type { Db } from '../store/db.js';
import { assess } from './criticality-assess.js';
import type { ResolvedCriticalityOptions } from './criticality-options.js';
import { provenance } from './provenance.js';

/**
 * `--uncertainty N`: P(critical) per row by Monte Carlo over the inputs, anchored on the row's SR/EI (published,
 * recomputed or national), and a one-at-a-time sensitivity table of the inputs that flip a verdict
 * (src/methods/criticality/uncertainty.ts). Rows without a model keep the rounding uncertainty of the published
 * values only.
 */
export interface UncertaintyBase extends Result {
  summary: Record<string, unknown>;
  items: {
    id: string;
    anchorSr: number | null;
    anchorEi: number | null;
    strategic: boolean;
    models?: MaterialModel[];
  }[];
  /** Governance and Q_max the items' models were built with (the analysis's own), if any. */
  context?: { governance: GovernanceTable; qMax: number; anchoredOnPublished: boolean };
}

export async function withUncertainty(
  db: Db,
  base: UncertaintyBase,
  o: ResolvedCriticalityOptions,
): Promise<Result & { summary: Record<string, unknown>; sensitivity?: Result }> {
  const { items, context, ...plain } = base;
  if (o.uncertainty === null) return plain;

  let governance = context?.governance;
  let qMax = context?.qMax;
  let models = new Map(items.filter((i) => i.models).map((i) => [i.id, i.models as MaterialModel[]]));
  const warnings = [...plain.warnings];
  let datasets: string[] = [];
  if (!context) {
    try {
      const a = await assess(db, o);
      governance = a.governance;
      qMax = a.qMax;
      models = new Map(a.items.map((i) => [i.id, i.models]));
      datasets = [a.datasets.eucrm, a.datasets.wgi];
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      warnings.push(`input uncertainty needs the study inputs and WGI (${error.message}); only rounding is drawn`);
    }
  }
  const anchoredOnPublished = context?.anchoredOnPublished ?? true;
  const ranges = { ...defaultRanges, rounding: anchoredOnPublished ? defaultRanges.rounding : 0 };
  const mcItems: UncertaintyItem[] = items.map((i) => ({
    id: i.id,
    anchorSr: i.anchorSr,
    anchorEi: i.anchorEi,
    strategic: i.strategic,
    models: models.get(i.id) ?? [],
  }));
  const table = governance ?? emptyGovernance;
  const started = performance.now();
  const mc = monteCarlo(mcItems, table, {
    draws: o.uncertainty,
    seed: o.seed,
    qMax: qMax ?? 1,
    thresholds: o.thresholds,
    strategicRule: o.strategicRule,
    ranges,
  });
  const seconds = (performance.now() - started) / 1000;
  const sens =
    governance && qMax
      ? sensitivity(mcItems, governance, { qMax, thresholds: o.thresholds, strategicRule: o.strategicRule, ranges })
      : [];
  const flips = new Map<string, string[]>();
  for (const s of sens.filter((x) => x.flips)) flips.set(s.id, [...(flips.get(s.id) ?? []), s.input]);
  const byId = new Map(mc.map((m) => [m.id, m]));
  const r3 = (x: number | undefined | null) =>
    x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 1000) / 1000;

  const columns: Column[] = [
    ...plain.columns.filter((c) => c.name !== 'note' && c.name !== 'components'),
    { name: 'p_critical', type: 'number', unit: 'probability', description: `P(critical) over ${o.uncertainty} draws` },
    { name: 'p_scores', type: 'number', unit: 'probability', description: 'P(SR and EI pass), strategic rule aside' },
    { name: 'sr_p05', type: 'number', unit: 'index' },
    { name: 'sr_p95', type: 'number', unit: 'index' },
    { name: 'ei_p05', type: 'number', unit: 'index' },
    { name: 'ei_p95', type: 'number', unit: 'index' },
    {
      name: 'uncertainty_basis',
      type: 'string',
      description: 'model: all inputs drawn; rounding: published rounding only',
    },
    { name: 'flipped_by', type: 'string', description: 'inputs whose range alone flips the verdict (sensitivity)' },
    ...plain.columns.filter((c) => c.name === 'note' || c.name === 'components'),
  ];
  const rows = plain.rows.map((row) => {
    const m = byId.get(String(row.material));
    return {
      ...row,
      p_critical: r3(m?.pCritical),
      p_scores: r3(m?.pScores),
      sr_p05: r3(m?.sr?.p05),
      sr_p95: r3(m?.sr?.p95),
      ei_p05: r3(m?.ei?.p05),
      ei_p95: r3(m?.ei?.p95),
      uncertainty_basis: m?.basis ?? null,
      flipped_by: flips.get(String(row.material))?.join(', ') ?? null,
    };
  });
  const sensitivityResult = result({
    columns: [
      { name: 'material', type: 'string' },
      { name: 'input', type: 'string', description: 'shares, wgi, ir, eol_rir, si_sr, si_ei' },
      { name: 'sr_low', type: 'number', unit: 'index', description: 'SR with the input at its low-risk end' },
      { name: 'sr_high', type: 'number', unit: 'index' },
      { name: 'ei_low', type: 'number', unit: 'index' },
      { name: 'ei_high', type: 'number', unit: 'index' },
      { name: 'critical', type: 'boolean', description: 'central verdict' },
      { name: 'critical_low', type: 'boolean' },
      { name: 'critical_high', type: 'boolean' },
    ],
    rows: sens
      .filter((s) => s.flips)
      .map((s) => ({
        material: s.id,
        input: s.input,
        sr_low: r3(s.srLow),
        sr_high: r3(s.srHigh),
        ei_low: r3(s.eiLow),
        ei_high: r3(s.eiHigh),
        critical: s.criticalCentral,
        critical_low: s.criticalLow,
        critical_high: s.criticalHigh,
      })),
    provenance: plain.provenance,
    method: { id: 'eu-criticality.sensitivity', version: '1', spec: 'docs/methods.md §5', params: rangeParams(ranges) },
  });
  const extra = await provenance(
    db,
    datasets.filter((d) => !plain.provenance.some((p) => p.dataset === d)),
  );
  return {
    ...plain,
    columns,
    rows,
    provenance: [...plain.provenance, ...extra],
    method: {
      ...plain.method,
      id: `${plain.method.id}+uncertainty`,
      params: {
        ...plain.method.params,
        draws: { value: o.uncertainty, assumed: false },
        seed: { value: o.seed, assumed: false },
        ...rangeParams(ranges),
      },
    },
    warnings,
    summary: {
      ...plain.summary,
      draws: o.uncertainty,
      seed: o.seed,
      monte_carlo_seconds: Math.round(seconds * 1000) / 1000,
      uncertain_verdicts: rows.filter((r) => r.p_critical !== null && r.p_critical > 0.05 && r.p_critical < 0.95)
        .length,
      flipping_inputs: sensitivityResult.rows.length,
    },
    sensitivity: sensitivityResult,
  };
}

function rangeParams(r: typeof defaultRanges) {
  return {
    share_cv: { value: r.shareCv, assumed: true, description: 'lognormal cv of each supply share' },
    use_share_cv: { value: r.useShareCv, assumed: true, description: 'lognormal cv of each end-use share' },
    wgi_sd: { value: 'WGI standard errors', assumed: false, description: 'from the WGI data (STD.ERR series)' },
    ir_half_width: { value: r.irHalfWidth, assumed: true },
    eol_rir_half_width: { value: r.eolRirHalfWidth, assumed: true },
    si_half_width: { value: r.siHalfWidth, assumed: true, description: 'SI_SR and SI_EI' },
    rounding: { value: r.rounding, assumed: false, description: 'published values have one decimal' },
    sensitivity_concentration_step: { value: r.concentrationStep, assumed: true, description: 'γ = 1 ± step' },
    sensitivity_wgi_sigmas: { value: r.wgiSigmas, assumed: true, description: '90% interval' },
  };
}

const emptyGovernance: GovernanceTable = {
  of: () => ({ scaled: 0, sd: 0, imputed: 'median', years: [] }),
  countries: () => [],
  median: 0,
};

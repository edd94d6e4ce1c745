import { ensureOneOf } from '../domain/errors.js';
import { type Column, type Result, result } from '../domain/result.js';
import { verdict } from '../methods/criticality/verdict.js';
import type { Db } from '../store/db.js';
import { assess } from './criticality-assess.js';
import { readEditions, readListed, readPublished } from './criticality-inputs.js';
import {
  type CriticalityOptions,
  criticalityParams,
  type ResolvedCriticalityOptions,
  recomputeParams,
  resolveCriticalityOptions,
} from './criticality-options.js';
import { nationalPerspective } from './criticality-perspective.js';
import { type UncertaintyBase, withUncertainty } from './criticality-uncertainty.js';
import { provenance } from './provenance.js';

/**
 * Which raw materials are critical for the EU, by the EU method (docs/methods.md §5):
 * - `published`: the verdict from the published SR/EI of an edition, thresholds SR ≥ 1 and EI ≥ 2.8 with their
 *   operators as parameters, and the CRMA rule that strategic materials are critical whatever their scores;
 * - `recompute`: SR and EI recomputed from the study's supply shares and t, the WGI, and the factsheet parameters
 *   (IR, EoL-RIR, SI), next to the published values;
 * - `perspective`: a country's own sourcing in place of EU sourcing (criticality-perspective.ts);
 * - `uncertainty`: P(critical) by Monte Carlo and the inputs that flip a verdict (criticality-uncertainty.ts).
 * @example await criticality(db, { edition: 2023 }) // 70 rows; 34 with critical: true (the 2023 list)
 */
export interface CriticalityResult extends Result {
  summary: Record<string, unknown>;
  sensitivity?: Result;
}

export async function criticality(db: Db, input: CriticalityOptions): Promise<CriticalityResult> {
  const o = resolveCriticalityOptions(input);
  ensureOneOf('edition', o.edition, await readEditions(db));
  if (o.perspective) return withUncertainty(db, await nationalPerspective(db, o), o);
  if (o.mode === 'recompute') return withUncertainty(db, await recomputed(db, o), o);
  return withUncertainty(db, await published(db, o), o);
}

const baseColumns: Column[] = [
  { name: 'material', type: 'string', description: 'material or group id' },
  { name: 'name', type: 'string' },
  { name: 'kind', type: 'string', description: 'material, group (HREE, LREE, PGM), or member of a group' },
];

async function published(db: Db, o: ResolvedCriticalityOptions): Promise<UncertaintyBase> {
  const [rows, strategic, listed] = await Promise.all([
    readPublished(db, o.edition),
    readListed(db, 'crma-strategic', '2024'),
    readListed(db, 'eu-crm', String(o.edition)),
  ]);
  const out = rows.map((r) => {
    const v = verdict(r.sr, r.ei, strategic.has(r.material_id), o.thresholds, o.strategicRule);
    return {
      material: r.material_id,
      name: r.name,
      kind: r.kind,
      sr: r.sr,
      ei: r.ei,
      critical: v.critical,
      strategic: strategic.has(r.material_id),
      by_scores: v.byScores,
      on_official_list: listed.has(r.material_id),
    };
  });
  const critical = out.filter((r) => r.critical).map((r) => r.material);
  const official = [...listed].filter((id) => rows.some((r) => r.material_id === id));
  const added = critical.filter((id) => !listed.has(id));
  const removed = official.filter((id) => !critical.includes(id));
  const warnings =
    added.length || removed.length
      ? [
          `the verdict differs from the official eu-crm ${o.edition} list: ${[
            ...added.map((id) => `+${id}`),
            ...removed.map((id) => `−${id}`),
          ].join(', ')}`,
        ]
      : [];
  return {
    ...result({
      columns: [
        ...baseColumns,
        { name: 'sr', type: 'number', unit: 'index', description: `published supply risk, EU ${o.edition}` },
        { name: 'ei', type: 'number', unit: 'index', description: `published economic importance, EU ${o.edition}` },
        { name: 'critical', type: 'boolean', description: 'SR and EI pass the thresholds, or strategic (rule on)' },
        { name: 'strategic', type: 'boolean', description: 'on the CRMA strategic list (Annex I)' },
        { name: 'by_scores', type: 'boolean', description: 'critical by SR and EI alone' },
        { name: 'on_official_list', type: 'boolean', description: `on the official eu-crm ${o.edition} list` },
      ],
      rows: out,
      provenance: await provenance(db, ['ref:sr_ei', 'ref:list_membership', 'ref:materials']),
      method: {
        id: 'eu-criticality.published',
        version: '1',
        spec: 'docs/methods.md §5.1, §5.4',
        params: criticalityParams(o),
      },
      warnings,
    }),
    summary: {
      assessed: out.length,
      critical: critical.length,
      official_list: official.length,
      identical_to_official_list: added.length === 0 && removed.length === 0,
    },
    items: rows.map((r) => ({
      id: r.material_id,
      anchorSr: r.sr,
      anchorEi: r.ei,
      strategic: strategic.has(r.material_id),
    })),
  };
}

/** Tolerance of the reproduction check of the issue: |recomputed − published| ≤ 0.15. */
export const reproductionTolerance = 0.15;

async function recomputed(db: Db, o: ResolvedCriticalityOptions): Promise<UncertaintyBase> {
  const a = await assess(db, o);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  const within = (x: number | null, p: number | null) =>
    x === null || p === null ? null : Math.abs(Math.round(x * 1000) / 1000 - p) <= reproductionTolerance + 1e-9;
  const rows = a.items.map((item) => {
    const stage = item.evaluation?.stages.find((s) => s.stage === item.stage) ?? null;
    // EI is recomputed only for materials in the study's end-use table; the others keep the published EI.
    const eiForVerdict = item.ei ?? item.eiPublished;
    const critical = verdict(item.sr, eiForVerdict, item.strategic, o.thresholds, o.strategicRule).critical;
    const criticalPublished = verdict(
      item.srPublished,
      item.eiPublished,
      item.strategic,
      o.thresholds,
      o.strategicRule,
    );
    const stageSr = (name: string) => round(item.evaluation?.stages.find((s) => s.stage === name)?.sr ?? null);
    const stagePublished = (name: string) => item.build?.inputs.find((i) => i.stage === name)?.sr_published ?? null;
    const diff = item.sr === null || item.srPublished === null ? null : round(item.sr - item.srPublished);
    return {
      material: item.id,
      name: item.name,
      kind: item.kind,
      group: item.group,
      stage: item.stage,
      sr_published: item.srPublished,
      sr: round(item.sr),
      diff,
      within_tolerance: within(item.sr, item.srPublished),
      ei_published: item.eiPublished,
      ei: round(item.ei),
      ei_diff: item.ei === null || item.eiPublished === null ? null : round(item.ei - item.eiPublished),
      ei_basis: item.ei !== null ? 'recomputed' : item.eiPublished !== null ? 'published' : null,
      critical_published: criticalPublished.critical,
      critical,
      strategic: item.strategic,
      sr_extraction: stageSr('extraction'),
      sr_extraction_published: stagePublished('extraction'),
      sr_processing: stageSr('processing'),
      sr_processing_published: stagePublished('processing'),
      hhi_wgi_t_gs: round(stage?.hhiGs ?? null),
      hhi_wgi_t_eu: round(stage?.hhiEu ?? null),
      scope: stage?.scopeUsed ?? null,
      ir: stage?.ir ?? null,
      eol_rir: stage?.eolRir ?? null,
      si_sr: stage?.siSr ?? null,
      si_ei: item.build?.model?.siEi ?? null,
      sum_aq: round(item.evaluation?.ei?.sumAQ ?? null),
      components: item.evaluation
        ? {
            stages: item.evaluation.stages.map((s) => ({
              stage: s.stage,
              sr: round(s.sr),
              sr_published: stagePublished(s.stage),
              scope: s.scopeUsed,
              scope_fallback: s.scopeFallback,
              hhi_wgi_t_gs: round(s.hhiGs),
              hhi_wgi_t_eu: round(s.hhiEu),
              ir: s.ir,
              eol_rir: s.eolRir,
              si_sr: s.siSr,
              missing: s.missing,
            })),
            ei: item.evaluation.ei,
          }
        : item.kind === 'group'
          ? { members: item.members }
          : null,
      note: item.notes.join('; ') || null,
    };
  });

  const stat = (list: typeof rows, pick: (r: (typeof rows)[number]) => boolean | null) => {
    const known = list.map(pick).filter((x): x is boolean => x !== null);
    const hits = known.filter(Boolean).length;
    return {
      compared: known.length,
      within: hits,
      share: known.length ? Math.round((hits / known.length) * 1000) / 1000 : null,
    };
  };
  const assessed = rows.filter((r) => r.kind !== 'member');
  const individuals = rows.filter((r) => r.kind !== 'group');
  const stageRows = individuals.flatMap((r) =>
    (['extraction', 'processing'] as const).map((s) => ({
      sr: r[`sr_${s}`] as number | null,
      published: r[`sr_${s}_published`] as number | null,
    })),
  );
  const stageKnown = stageRows.filter((s) => s.sr !== null && s.published !== null);
  const stageWithin = stageKnown.filter(
    (s) => Math.abs((s.sr as number) - (s.published as number)) <= reproductionTolerance + 1e-9,
  );
  const eiStat = stat(assessed, (r) =>
    r.ei === null || r.ei_published === null ? null : Math.abs(r.ei - r.ei_published) <= reproductionTolerance + 1e-9,
  );
  const srStat = stat(assessed, (r) => r.within_tolerance);
  const summary = {
    tolerance: reproductionTolerance,
    assessed: assessed.length,
    sr_recomputed: srStat.compared,
    sr_within: srStat.within,
    sr_share_within: srStat.share,
    sr_individual_materials: stat(individuals, (r) => r.within_tolerance),
    sr_stages: {
      compared: stageKnown.length,
      within: stageWithin.length,
      share: stageKnown.length ? Math.round((stageWithin.length / stageKnown.length) * 1000) / 1000 : null,
    },
    ei_recomputed: eiStat.compared,
    ei_within: eiStat.within,
    ei_share_within: eiStat.share,
    verdict_agrees: assessed.filter((r) => r.sr !== null && r.critical === r.critical_published).length,
    verdict_compared: assessed.filter((r) => r.sr !== null).length,
    verdict_changes: assessed
      .filter((r) => r.sr !== null && r.critical !== r.critical_published)
      .map((r) => `${r.material} ${r.critical ? 'enters' : 'leaves'}`),
  };
  const warnings = [
    `SR recomputed for ${srStat.compared} of ${assessed.length} assessed items; ${srStat.within} ` +
      `(${((srStat.share ?? 0) * 100).toFixed(1)}%) within ±${reproductionTolerance} of the published value`,
    ...a.warnings,
  ];
  return {
    ...result({
      columns: [
        ...baseColumns,
        { name: 'group', type: 'string', description: 'the group a member was assessed in' },
        { name: 'stage', type: 'string', description: 'bottleneck stage of the recomputed SR' },
        { name: 'sr_published', type: 'number', unit: 'index' },
        { name: 'sr', type: 'number', unit: 'index', description: 'recomputed supply risk (max over stages)' },
        { name: 'diff', type: 'number', unit: 'index', description: 'sr − sr_published' },
        { name: 'within_tolerance', type: 'boolean', description: `|diff| ≤ ${reproductionTolerance}` },
        { name: 'ei_published', type: 'number', unit: 'index' },
        { name: 'ei', type: 'number', unit: 'index', description: 'recomputed economic importance' },
        { name: 'ei_diff', type: 'number', unit: 'index' },
        {
          name: 'ei_basis',
          type: 'string',
          description: 'EI of the verdict: recomputed, or published when the end-use table lacks the material',
        },
        { name: 'critical_published', type: 'boolean' },
        { name: 'critical', type: 'boolean', description: 'verdict from the recomputed SR and EI (see ei_basis)' },
        { name: 'strategic', type: 'boolean' },
        { name: 'sr_extraction', type: 'number', unit: 'index' },
        { name: 'sr_extraction_published', type: 'number', unit: 'index' },
        { name: 'sr_processing', type: 'number', unit: 'index' },
        { name: 'sr_processing_published', type: 'number', unit: 'index' },
        { name: 'hhi_wgi_t_gs', type: 'number', unit: '0–10', description: 'global supply, bottleneck stage' },
        { name: 'hhi_wgi_t_eu', type: 'number', unit: '0–10', description: 'EU sourcing, bottleneck stage' },
        { name: 'scope', type: 'string', description: 'scopes used: gs+eu, gs, eu' },
        { name: 'ir', type: 'number', unit: 'fraction', description: 'import reliance, bottleneck stage' },
        { name: 'eol_rir', type: 'number', unit: 'fraction' },
        { name: 'si_sr', type: 'number' },
        { name: 'si_ei', type: 'number' },
        { name: 'sum_aq', type: 'number', unit: 'EUR million', description: 'Σ end-use share × sector value added' },
        { name: 'components', type: 'json', description: 'per stage: SR, scopes, HHI_WGI,t, IR, EoL-RIR, SI' },
        { name: 'note', type: 'string', description: 'missing inputs and what may explain a residual' },
      ],
      rows,
      provenance: await provenance(db, [
        a.datasets.eucrm,
        a.datasets.wgi,
        'ref:crm_assessment_inputs',
        'ref:sr_ei',
        'ref:list_membership',
        'ref:materials',
      ]),
      method: {
        id: 'eu-criticality.recompute',
        version: '1',
        spec: 'docs/methods.md §5.2, §5.3',
        params: criticalityParams(o, recomputeParams(o, a.qMax)),
      },
      warnings,
    }),
    summary,
    items: a.items.map((i) => ({
      id: i.id,
      anchorSr: i.sr,
      anchorEi: i.ei ?? i.eiPublished,
      strategic: i.strategic,
      models: i.models,
    })),
    context: { governance: a.governance, qMax: a.qMax, anchoredOnPublished: false },
  };
}

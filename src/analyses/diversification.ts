/**
 * "What if the EU moved part of its sourcing to partner countries, or recycled more?" (issue 8; docs/methods.md
 * §0.1 HHI, §5.3 SR, §6 Art. 5 benchmarks). Both what-ifs change one input of the EU assessment's model of a material
 * and re-evaluate it with the criticality engine; the published stage SR is the fallback for recycling when the
 * study tables or WGI are not in the store (SR is proportional to 1 − EoL-RIR).
 */
import { z } from 'zod';
import { UserError } from '../domain/errors.js';
import { type Column, type Result, result } from '../domain/result.js';
import { hhi } from '../methods/concentration/hhi.js';
import { evaluateMaterial, type MaterialModel, type ScopeSupply } from '../methods/criticality/model.js';
import { benchmarkRows } from '../methods/crma-benchmarks.js';
import { largestThirdCountryShare, shiftSourcing, srWithRecycling } from '../methods/levers/diversification.js';
import type { Db } from '../store/db.js';
import { provenance } from './provenance.js';
import { readEuMembers, readGovernance, readMaterialModel, resolveMaterial, usedDatasets } from './scenario-data.js';

const stageEnum = z.enum(['extraction', 'processing']);
const iso3 = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO3 code, e.g. CHN');

export const DiversificationScenario = z.object({
  kind: z.literal('diversification'),
  title: z.string().optional(),
  material: z.string().min(1),
  stage: stageEnum.optional().describe('default: every assessed stage'),
  scope: z.enum(['eu_sourcing', 'global']).default('eu_sourcing').describe('which share vector moves'),
  from: iso3,
  to: z.array(iso3).min(1),
  fraction: z.number().min(0).max(1).describe('fraction of the country’s share that moves'),
  allocation: z.enum(['pro-rata', 'equal']).default('pro-rata'),
  edition: z.number().int().default(2023),
  euYear: z.number().int().default(2023).describe('EU membership date for "third country"'),
});

export const RecyclingScenario = z
  .object({
    kind: z.literal('recycling'),
    title: z.string().optional(),
    material: z.string().min(1),
    eolRir: z.number().min(0).max(0.99).optional().describe('new EoL-RIR (fraction)'),
    eolRirIncrease: z.number().min(0).max(0.99).optional().describe('percentage points added to the current EoL-RIR'),
    edition: z.number().int().default(2023),
  })
  .refine(
    (s) => (s.eolRir === undefined) !== (s.eolRirIncrease === undefined),
    'give exactly one of eolRir, eolRirIncrease',
  );

const columns: Column[] = [
  { name: 'material', type: 'string' },
  { name: 'stage', type: 'string' },
  { name: 'scope', type: 'string' },
  { name: 'hhi_before', type: 'number', unit: '0–1' },
  { name: 'hhi_after', type: 'number', unit: '0–1' },
  { name: 'top_third_country_before', type: 'string' },
  { name: 'top_third_country_share_before', type: 'number', unit: 'fraction' },
  { name: 'top_third_country_after', type: 'string' },
  { name: 'top_third_country_share_after', type: 'number', unit: 'fraction' },
  {
    name: 'meets_65_after',
    type: 'boolean',
    description: 'CRMA Art. 5(1)(b) ≤ 65% — proxy on sourcing shares, the Article uses consumption',
  },
  { name: 'eol_rir_before', type: 'number', unit: 'fraction' },
  { name: 'eol_rir_after', type: 'number', unit: 'fraction' },
  {
    name: 'meets_25_after',
    type: 'boolean',
    description: 'recycling benchmark ≥ 25% — proxy: EoL-RIR, the Article uses EU recycling capacity',
  },
  {
    name: 'benchmark_note',
    type: 'string',
    description: 'how the benchmark proxies differ from Art. 5 (crma-benchmarks)',
  },
  { name: 'sr_stage_before', type: 'number', unit: 'index' },
  { name: 'sr_stage_after', type: 'number', unit: 'index' },
  { name: 'sr_before', type: 'number', unit: 'index' },
  { name: 'sr_after', type: 'number', unit: 'index' },
  { name: 'sr_change', type: 'number', unit: 'index' },
];

/**
 * @example await diversificationScenario(db, { kind: 'diversification', material: 'gallium', from: 'CHN', to: ['USA', 'JPN'], fraction: 0.5 })
 */
export async function diversificationScenario(db: Db, input: z.input<typeof DiversificationScenario>): Promise<Result> {
  const s = DiversificationScenario.parse(input);
  const material = await resolveMaterial(db, s.material);
  const model = await readMaterialModel(db, material, s.edition);
  if (!model) {
    throw new UserError(
      `${material}: no supply shares of the EU ${s.edition} assessment in the store`,
      'Import the study tables first: radar import eu-crm-study fact_GlobalSupplyShares&t.csv fact_EUSupplyShares&t.csv …',
    );
  }
  const eu = await readEuMembers(db, s.euYear);
  const key = s.scope === 'global' ? 'gs' : 'eu';
  const warnings: string[] = [];
  const moved: MaterialModel = {
    ...model,
    stages: model.stages.map((st) => {
      if (s.stage && st.stage !== s.stage) return st;
      const supply = st[key];
      if (!supply) return st;
      const out = shiftSourcing({
        shares: supply.countries.map((c, i) => ({ country: c, share: supply.shares[i], t: supply.t[i] })),
        from: s.from,
        to: s.to,
        fraction: s.fraction,
        allocation: s.allocation,
        newPartnerT: 1,
      });
      return {
        ...st,
        [key]: { countries: out.map((o) => o.country), shares: out.map((o) => o.share), t: out.map((o) => o.t) },
      };
    }),
  };
  const { before, after, governed } = await evaluateBoth(db, model, moved, warnings);
  const rows = model.stages
    .filter((st) => !s.stage || st.stage === s.stage)
    .map((st, i) => {
      const a = moved.stages.find((x) => x.stage === st.stage);
      const supplyBefore = st[key];
      const supplyAfter = a?.[key] ?? null;
      if (!supplyBefore) warnings.push(`${material} ${st.stage}: no ${s.scope} shares`);
      else if (!supplyBefore.countries.includes(s.from))
        warnings.push(`${material} ${st.stage}: ${s.from} has no ${s.scope} share; nothing moves`);
      const topBefore = supplyBefore ? largestThirdCountryShare(asShares(supplyBefore), eu) : null;
      const topAfter = supplyAfter ? largestThirdCountryShare(asShares(supplyAfter), eu) : null;
      const srB = before?.stages[i]?.sr ?? null;
      const srA = after?.stages.find((x) => x.stage === st.stage)?.sr ?? null;
      return {
        material,
        stage: st.stage,
        scope: s.scope,
        hhi_before: supplyBefore ? hhi(supplyBefore.shares) : null,
        hhi_after: supplyAfter ? hhi(supplyAfter.shares) : null,
        top_third_country_before: topBefore?.country ?? null,
        top_third_country_share_before: topBefore?.share ?? null,
        top_third_country_after: topAfter?.country ?? null,
        top_third_country_share_after: topAfter?.share ?? null,
        ...benchmarkFlags(material, st.stage, topAfter, st.eolRir),
        eol_rir_before: st.eolRir,
        eol_rir_after: st.eolRir,
        sr_stage_before: srB,
        sr_stage_after: srA,
        sr_before: before?.sr ?? null,
        sr_after: after?.sr ?? null,
        sr_change: before?.sr != null && after?.sr != null ? after.sr - before.sr : null,
      };
    });
  return result({
    columns,
    rows,
    provenance: await provenance(db, [
      'ref:crm_assessment_inputs',
      ...(await usedDatasets(db, 'eu-crm-study')),
      ...(governed ? await usedDatasets(db, 'wgi') : []),
    ]),
    method: {
      id: 'levers.scenario.diversification',
      version: '1',
      spec: 'docs/methods.md §0.1, §5.3, §6 Art. 5(1)(b)',
      params: {
        from: { value: s.from, assumed: false },
        to: { value: s.to, assumed: false },
        fraction: { value: s.fraction, assumed: false },
        scope: { value: s.scope, assumed: input.scope === undefined },
        allocation: {
          value: s.allocation,
          assumed: input.allocation === undefined,
          description: 'pro-rata: partners grow in proportion to their current share',
        },
        new_partner_t: { value: 1, assumed: true, description: 'trade parameter of a partner that did not supply yet' },
        edition: { value: s.edition, assumed: false },
        wgi_years: { value: '2016–2020 (criticality engine default)', assumed: true },
      },
    },
    warnings,
  });
}

/**
 * @example await recyclingScenario(db, { kind: 'recycling', material: 'cobalt', eolRir: 0.25 })
 */
export async function recyclingScenario(db: Db, input: z.input<typeof RecyclingScenario>): Promise<Result> {
  const s = RecyclingScenario.parse(input);
  const material = await resolveMaterial(db, s.material);
  const stages = await db.all<{ stage: string; eol_rir: number | null; sr_published: number | null }>(
    'SELECT stage, eol_rir, sr_published FROM crm_assessment_inputs WHERE material_id = $1 AND edition = $2 ORDER BY stage',
    [material, s.edition],
  );
  if (stages.length === 0) {
    throw new UserError(
      `${material}: no EoL-RIR of the EU ${s.edition} assessment (reference/eu-crm-2023-sr-inputs.csv)`,
      undefined,
      404,
    );
  }
  const newRate = (e: number) => Math.min(0.99, s.eolRir ?? e + (s.eolRirIncrease ?? 0));
  const warnings: string[] = [];
  const model = await readMaterialModel(db, material, s.edition);
  const changed = model
    ? { ...model, stages: model.stages.map((st) => ({ ...st, eolRir: newRate(st.eolRir) })) }
    : null;
  const { before, after, governed } =
    model && changed
      ? await evaluateBoth(db, model, changed, warnings)
      : { before: null, after: null, governed: false };
  const recomputed = before !== null && after !== null;
  if (!recomputed)
    warnings.push('SR scaled from the published stage SR (study tables or WGI not in the store): SR ∝ 1 − EoL-RIR');
  const published = stages.map((st) => {
    const e = st.eol_rir ?? 0;
    return {
      stage: st.stage,
      e,
      e2: newRate(e),
      before: st.sr_published,
      after: st.sr_published === null ? null : srWithRecycling(st.sr_published, e, newRate(e)),
    };
  });
  const maxOf = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? Math.max(...v) : null;
  };
  const srBefore = recomputed ? (before?.sr ?? null) : maxOf(published.map((p) => p.before));
  const srAfter = recomputed ? (after?.sr ?? null) : maxOf(published.map((p) => p.after));
  const rows = published.map((p) => ({
    material,
    stage: p.stage,
    scope: null,
    eol_rir_before: p.e,
    eol_rir_after: p.e2,
    ...benchmarkFlags(material, p.stage as 'extraction' | 'processing', null, p.e2),
    sr_stage_before: recomputed ? (before?.stages.find((x) => x.stage === p.stage)?.sr ?? null) : p.before,
    sr_stage_after: recomputed ? (after?.stages.find((x) => x.stage === p.stage)?.sr ?? null) : p.after,
    sr_before: srBefore,
    sr_after: srAfter,
    sr_change: srBefore !== null && srAfter !== null ? srAfter - srBefore : null,
  }));
  return result({
    columns,
    rows,
    provenance: await provenance(db, [
      'ref:crm_assessment_inputs',
      ...(recomputed ? await usedDatasets(db, 'eu-crm-study') : []),
      ...(governed ? await usedDatasets(db, 'wgi') : []),
    ]),
    method: {
      id: 'levers.scenario.recycling',
      version: '1',
      spec: 'docs/methods.md §5.3 (EoL-RIR), §6 Art. 5(1)(a)(iii)',
      params: {
        eol_rir: { value: s.eolRir ?? null, assumed: false },
        eol_rir_increase: { value: s.eolRirIncrease ?? null, assumed: false },
        sr_basis: {
          value: recomputed ? 'recomputed (criticality engine)' : 'published stage SR, scaled',
          assumed: false,
        },
        recycling_benchmark_proxy: {
          value: 'EoL-RIR vs 25%',
          assumed: true,
          description: 'Art. 5(1)(a)(iii) speaks of EU recycling capacity; EoL-RIR is a labelled proxy',
        },
      },
    },
    warnings,
  });
}

/**
 * Art. 5 checks through the benchmark engine (methods/crma-benchmarks.ts): the largest third country's share of EU
 * sourcing against 65% and EoL-RIR against 25%, both labelled as the proxies they are.
 */
function benchmarkFlags(
  material: string,
  stage: 'extraction' | 'processing',
  top: { country: string | null; share: number } | null,
  eolRir: number,
) {
  const rows = benchmarkRows({
    material,
    recycling: { value: eolRir, basis: 'eol-rir' },
    thirdCountry: top
      ? { [stage]: { value: top.share, basis: 'import-share-of-consumption', country: top.country } }
      : undefined,
  });
  const third = rows.find((r) => r.benchmark === 'single-third-country');
  const recycling = rows.find((r) => r.benchmark === 'recycling');
  return {
    meets_65_after: third?.meets ?? null,
    meets_25_after: recycling?.meets ?? null,
    benchmark_note: [
      third ? 'third country: share of EU sourcing (domestic output + imports by origin), not of consumption' : null,
      recycling?.proxy_note,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

async function evaluateBoth(db: Db, model: MaterialModel, changed: MaterialModel, warnings: string[]) {
  const governance = await readGovernance(db);
  if (!governance) {
    warnings.push('no WGI in the store (radar import wgi …): SR is not recomputed');
    return { before: null, after: null, governed: false };
  }
  const of = (c: string) => governance.of(c);
  return { before: evaluateMaterial(model, of, 1), after: evaluateMaterial(changed, of, 1), governed: true };
}

function asShares(supply: ScopeSupply) {
  return supply.countries.map((c, i) => ({ country: c, share: supply.shares[i], t: supply.t[i] }));
}

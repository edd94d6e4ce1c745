import { z } from 'zod';
import { UsageError, UserError } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import { supplyConcentration } from '../methods/concentration/supply-concentration.js';
import { parseThreshold } from '../methods/dependency/criteria.js';
import type { Db } from '../store/db.js';
import { importHints } from './criticality-inputs.js';
import { resolveMaterial } from './material-info.js';
import { provenance } from './provenance.js';

/**
 * How concentrated is the supply of a material, per stage and year (docs/methods.md §0.1): shares by country, HHI
 * (0–1 and 0–10,000), top-1 and top-3 shares and a single-point-of-failure flag, from production data (World
 * Mining Data, USGS MCS) and from the EU CRM study's shares (global supply and EU sourcing, 2023 study window).
 */
export const ConcentrationOptionsSchema = z.object({
  material: z.string().min(1).describe('material id, symbol or name, e.g. gallium, Ga, cobalt'),
  stage: z.enum(['extraction', 'processing']).optional().describe('extraction (mining) or processing (refining)'),
  year: z.coerce.number().int().optional().describe('year of production data (default: the latest per source)'),
  source: z
    .enum(['eu-crm-study', 'wmd', 'usgs-mcs'])
    .optional()
    .describe('eu-crm-study (2023 study shares), wmd (World Mining Data), usgs-mcs (default: all imported)'),
  spof: z
    .string()
    .default('>0.5')
    .describe(
      'single point of failure: top supplier share threshold, e.g. ">0.5" (default, assumed) or ">0.65" (CRMA)',
    ),
});

export type ConcentrationOptions = z.input<typeof ConcentrationOptionsSchema>;

export interface ConcentrationResult extends Result {
  suppliers: Result;
}

interface Slice {
  source: string;
  dataset: string;
  commodity: string | null;
  stage: string | null;
  scope: 'global' | 'eu_sourcing';
  year: number | null;
  period: string;
  unit: string;
  values: { key: string; name: string; value: number }[];
  unallocated: number;
  withheld: number;
}

const sources = ['eu-crm-study', 'wmd', 'usgs-mcs'] as const;

/**
 * @example await supplyConcentrationOf(db, { material: 'cobalt', stage: 'extraction' })
 *   // rows: { source: 'wmd', year: 2022, hhi: 0.5…, top1_country: 'COD', top1_share: 0.7…, spof: true }, …
 */
export async function supplyConcentrationOf(db: Db, input: ConcentrationOptions): Promise<ConcentrationResult> {
  const parsed = ConcentrationOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue.path.join('.');
    throw new UsageError(
      `invalid ${name}: ${JSON.stringify((input as Record<string, unknown>)[name])} (${issue.message})`,
    );
  }
  const o = parsed.data;
  const spof = parseThreshold(o.spof, '>');
  if (!spof) throw new UsageError(`invalid spof: "${o.spof}" (expected a share threshold such as ">0.5")`);
  const material = await resolveMaterial(db, o.material);
  const datasets = new Map<string, string>();
  for (const s of o.source ? [o.source] : sources) {
    const row = await db.one<{ id: string }>(
      "SELECT id FROM datasets WHERE source = $1 AND kind = 'import' ORDER BY imported_at DESC, id DESC LIMIT 1",
      [s],
    );
    if (row) datasets.set(s, row.id);
  }
  if (datasets.size === 0) {
    const wanted = o.source ? [o.source] : [...sources];
    throw new UserError(
      `no ${wanted.join(' or ')} data in the store to measure concentration`,
      wanted.map((s) => importHints[s]).join(' '),
      404,
    );
  }
  const names = new Map(
    (await db.all<{ iso3: string; name_en: string }>('SELECT iso3, name_en FROM countries')).map((c) => [
      c.iso3,
      c.name_en,
    ]),
  );
  const slices: Slice[] = [];
  const study = datasets.get('eu-crm-study');
  if (study && o.year === undefined) slices.push(...(await studySlices(db, study, material.id, o.stage, names)));
  for (const s of ['wmd', 'usgs-mcs'] as const) {
    const id = datasets.get(s);
    if (id) slices.push(...(await productionSlices(db, s, id, material.id, o.stage, o.year, names)));
  }
  if (slices.length === 0) {
    throw new UserError(
      `no supply data for ${material.id}${o.stage ? ` at the ${o.stage} stage` : ''}${o.year ? ` in ${o.year}` : ''} ` +
        `in ${[...datasets.values()].join(', ')}`,
      material.kind === 'group'
        ? `${material.id} is a group: production is reported per member (see \`radar info ${material.id}\`).`
        : 'Try another --stage, --year or --source, or import the source that covers it.',
      404,
    );
  }

  const warnings: string[] = [];
  const rows = [];
  const supplierRows = [];
  for (const slice of slices) {
    const c = supplyConcentration(
      slice.values.map((v) => ({ key: v.key, value: v.value })),
      { spof, unallocated: slice.unallocated },
    );
    if (!c) continue;
    const label = `${slice.source} ${slice.commodity ?? material.id} ${slice.stage ?? ''} ${slice.period}`.replace(
      /\s+/g,
      ' ',
    );
    if (c.unallocatedShare > 0.05) {
      warnings.push(
        `${label}: ${(c.unallocatedShare * 100).toFixed(0)}% not attributed to a country; HHI and shares are lower bounds`,
      );
    }
    if (slice.withheld)
      warnings.push(`${label}: ${slice.withheld} producer(s) withheld or not available (W/NA), left out`);
    const nameOf = (key: string) => slice.values.find((v) => v.key === key)?.name ?? key;
    rows.push({
      source: slice.source,
      dataset: slice.dataset,
      commodity: slice.commodity,
      stage: slice.stage,
      scope: slice.scope,
      period: slice.period,
      year: slice.year,
      unit: slice.unit,
      suppliers: c.suppliers,
      total: c.total,
      hhi: round(c.hhi, 4),
      hhi_10000: Math.round(c.hhi10000),
      equivalent_suppliers: round(c.equivalentSuppliers, 2),
      top1_country: c.top1.key,
      top1_name: nameOf(c.top1.key),
      top1_share: round(c.top1.share, 4),
      top3_share: round(c.top3Share, 4),
      spof: c.spof,
      unallocated_share: round(c.unallocatedShare, 4),
    });
    for (const s of c.shares) {
      supplierRows.push({
        source: slice.source,
        stage: slice.stage,
        scope: slice.scope,
        period: slice.period,
        rank: s.rank,
        country: s.key,
        name: nameOf(s.key),
        value: s.value,
        unit: slice.unit,
        share: round(s.share, 5),
      });
    }
  }
  const method = {
    id: 'concentration.supply',
    version: '1',
    spec: 'docs/methods.md §0.1',
    params: {
      material: { value: material.id, assumed: false },
      stage: { value: o.stage ?? 'all', assumed: false },
      year: { value: o.year ?? 'latest per source', assumed: false },
      spof: { value: `${spof.op}${spof.tau}`, assumed: o.spof === '>0.5', description: 'top-1 share threshold' },
      study_shares_below_0_1_percent: { value: 0.0005, assumed: true, description: '"<0.1%" read as half the bound' },
      study_denominator: {
        value: 'max(1, Σ shares)',
        assumed: true,
        description: 'EU sourcing lists shares ≥ 1% only; the rest stays unallocated',
      },
      unallocated: {
        value: 'in the denominator, out of the sum',
        assumed: true,
        description: 'USGS "Other countries"',
      },
    },
  };
  const prov = await provenance(db, [...new Set(rows.map((r) => r.dataset))]);
  return {
    ...result({
      columns: [
        { name: 'source', type: 'string' },
        { name: 'dataset', type: 'string' },
        { name: 'commodity', type: 'string', description: "the source's commodity" },
        { name: 'stage', type: 'string' },
        { name: 'scope', type: 'string', description: 'global supply, or EU sourcing (EU study)' },
        { name: 'period', type: 'string' },
        { name: 'unit', type: 'string' },
        { name: 'suppliers', type: 'integer', description: 'countries with a positive value' },
        { name: 'hhi', type: 'number', unit: '0–1' },
        { name: 'hhi_10000', type: 'integer', unit: '0–10,000' },
        { name: 'equivalent_suppliers', type: 'number', description: '1 / HHI' },
        { name: 'top1_country', type: 'string' },
        { name: 'top1_name', type: 'string' },
        { name: 'top1_share', type: 'number', unit: 'fraction' },
        { name: 'top3_share', type: 'number', unit: 'fraction' },
        { name: 'spof', type: 'boolean', description: `single point of failure: top-1 share ${spof.op} ${spof.tau}` },
        { name: 'unallocated_share', type: 'number', unit: 'fraction', description: 'not attributed to a country' },
      ],
      rows,
      provenance: prov,
      method,
      warnings,
    }),
    suppliers: result({
      columns: [
        { name: 'source', type: 'string' },
        { name: 'stage', type: 'string' },
        { name: 'scope', type: 'string' },
        { name: 'period', type: 'string' },
        { name: 'rank', type: 'integer' },
        { name: 'country', type: 'string' },
        { name: 'name', type: 'string' },
        { name: 'value', type: 'number' },
        { name: 'unit', type: 'string' },
        { name: 'share', type: 'number', unit: 'fraction' },
      ],
      rows: supplierRows,
      provenance: prov,
      method,
    }),
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

async function studySlices(
  db: Db,
  dataset: string,
  material: string,
  stage: string | undefined,
  names: Map<string, string>,
): Promise<Slice[]> {
  const rows = await db.all<{
    stage: string;
    scope: 'global' | 'eu_sourcing';
    country_iso3: string | null;
    country_name: string;
    share: number;
  }>(
    `SELECT stage, scope, country_iso3, country_name, share FROM eu_crm_supply_shares
     WHERE dataset_id = $1 AND material_id = $2 ${stage ? 'AND stage = $3' : ''} ORDER BY stage, scope, share DESC`,
    stage ? [dataset, material, stage] : [dataset, material],
  );
  const slices = new Map<string, Slice>();
  for (const r of rows) {
    const key = `${r.stage}|${r.scope}`;
    const slice = slices.get(key) ?? {
      source: 'eu-crm-study',
      dataset,
      commodity: null,
      stage: r.stage,
      scope: r.scope,
      year: null,
      period: 'EU CRM 2023 study (2016–2020 data)',
      unit: 'share',
      values: [],
      unallocated: 0,
      withheld: 0,
    };
    if (r.country_iso3)
      slice.values.push({ key: r.country_iso3, name: names.get(r.country_iso3) ?? r.country_name, value: r.share });
    else slice.unallocated += r.share;
    slices.set(key, slice);
  }
  // Shares are fractions of the whole: what the table does not list stays unallocated.
  for (const slice of slices.values()) {
    const listed = slice.values.reduce((s, v) => s + v.value, 0) + slice.unallocated;
    if (listed < 1) slice.unallocated += 1 - listed;
  }
  return [...slices.values()];
}

async function productionSlices(
  db: Db,
  source: 'wmd' | 'usgs-mcs',
  dataset: string,
  material: string,
  stage: string | undefined,
  year: number | undefined,
  names: Map<string, string>,
): Promise<Slice[]> {
  const rows = await db.all<{
    commodity: string;
    stage: string | null;
    statistic: string | null;
    country_iso3: string | null;
    country_name: string;
    is_aggregate: boolean;
    year: number;
    quantity: number | null;
    unit: string;
    flag: string | null;
  }>(
    `WITH p AS (
       SELECT commodity, stage, regexp_replace(coalesce(statistic, ''), ':\\s*rounded$', '') AS statistic,
              country_iso3, country_name, is_aggregate, year, quantity, unit, flag
       FROM production WHERE dataset_id = $dataset AND material_id = $material AND ($stage::VARCHAR IS NULL OR stage = $stage)
     ), latest AS (SELECT commodity, statistic, max(year) AS year FROM p WHERE quantity IS NOT NULL GROUP BY ALL)
     SELECT p.* FROM p JOIN latest l USING (commodity, statistic)
     WHERE CASE WHEN $year::INTEGER IS NULL THEN p.year = l.year ELSE p.year = $year::INTEGER END
     ORDER BY commodity, statistic, quantity DESC NULLS LAST`,
    { dataset, material, stage: stage ?? null, year: year ?? null },
  );
  const slices = new Map<string, Slice>();
  for (const r of rows) {
    const key = `${r.commodity}|${r.statistic}|${r.year}|${r.unit}`;
    const slice = slices.get(key) ?? {
      source,
      dataset,
      commodity:
        r.statistic && r.statistic !== 'production' ? `${r.commodity} (${r.statistic.toLowerCase()})` : r.commodity,
      stage: r.stage,
      scope: 'global' as const,
      year: r.year,
      period: String(r.year),
      unit: r.unit,
      values: [],
      unallocated: 0,
      withheld: 0,
    };
    slices.set(key, slice);
    const world = /^(world|total)/i.test(r.country_name);
    if (r.quantity === null) {
      if (!r.is_aggregate) slice.withheld++;
    } else if (r.is_aggregate) {
      if (!world) slice.unallocated += r.quantity;
    } else if (r.country_iso3) {
      slice.values.push({ key: r.country_iso3, name: names.get(r.country_iso3) ?? r.country_name, value: r.quantity });
    } else {
      slice.unallocated += r.quantity;
    }
  }
  return [...slices.values()].filter((s) => s.values.length > 0);
}

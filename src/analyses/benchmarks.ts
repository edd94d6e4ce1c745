import { join } from 'node:path';
import { listValue } from '@duckdb/node-api';
import { UserError } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import {
  type BenchmarkInput,
  type BenchmarkRow,
  type BenchmarkTarget,
  benchmarkRows,
  crmaTargets,
  type Evidence,
  type SupplyStage,
  stageBalance,
  type ThirdCountryEvidence,
} from '../methods/crma-benchmarks.js';
import type { Db } from '../store/db.js';
import { packageRoot } from '../store/package-root.js';
import { findMaterialIds, readGroupMembers, readListMembers, suggestMaterials } from '../store/reference-queries.js';
import { numberAt, readCsvFile } from './demand-files.js';
import { provenance } from './provenance.js';

export interface BenchmarksOptions {
  /** One material (id, name, alias); default every strategic raw material (CRMA Annex I). */
  material?: string;
  /** Date at which EU membership is read (default 2024-05-23, the CRMA's entry into force). */
  euDate?: string;
}

const stages: SupplyStage[] = ['extraction', 'processing'];

/** The four Art. 5 benchmarks from reference/crma-benchmarks.csv (each with its source). */
export function readBenchmarkTargets(): BenchmarkTarget[] {
  const file = readCsvFile(join(packageRoot, 'reference', 'crma-benchmarks.csv'), [
    'benchmark',
    'operator',
    'threshold',
    'article',
  ]);
  return file.records.map((r) => {
    const known = crmaTargets.find((t) => t.benchmark === r.values.benchmark);
    if (!known || (r.values.operator !== '≥' && r.values.operator !== '≤')) {
      throw new UserError(`${file.name}:${r.line}: unknown benchmark or operator`);
    }
    return {
      benchmark: known.benchmark,
      operator: r.values.operator,
      threshold: numberAt(file, r, 'threshold', (v) => (v >= 0 && v <= 1 ? null : 'expected a share in [0, 1]')),
      article: r.values.article,
    };
  });
}

/** Columns of a store table, or null when the table does not exist (another capability owns it). */
async function columnsOf(db: Db, table: string): Promise<Set<string> | null> {
  const rows = await db.all<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_name = $1',
    [table],
  );
  return rows.length ? new Set(rows.map((r) => r.column_name)) : null;
}

async function rowCount(db: Db, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const row = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params as never);
  return row?.n ?? 0;
}

const euMember = (alias: string) =>
  `(SELECT iso3 FROM countries WHERE eu_from <= CAST($eu_date AS DATE)
     AND (eu_to IS NULL OR eu_to >= CAST($eu_date AS DATE)) AND iso3 = ${alias})`;

interface Gathered {
  inputs: { data: string; input: BenchmarkInput }[];
  datasets: Set<string>;
  warnings: string[];
}

/** EU CRM study "EU sourcing" shares: EU members' shares at a stage, and the largest third country's. */
async function fromEuSourcing(db: Db, materials: string[], euDate: string, into: Gathered): Promise<void> {
  const cols = await columnsOf(db, 'eu_crm_supply_shares');
  if (!cols || (await rowCount(db, 'eu_crm_supply_shares', "scope = 'eu_sourcing'")) === 0) return;
  const rows = await db.all<{
    dataset_id: string;
    material_id: string;
    stage: SupplyStage;
    eu_share: number | null;
    third_country: string | null;
    third_share: number | null;
    listed: number;
  }>(
    `WITH latest AS (
       SELECT s.dataset_id FROM eu_crm_supply_shares s LEFT JOIN datasets d ON d.id = s.dataset_id
       WHERE s.scope = 'eu_sourcing' ORDER BY d.imported_at DESC NULLS LAST, s.dataset_id DESC LIMIT 1
     ), s AS (
       SELECT s.*, ${euMember('s.country_iso3')} IS NOT NULL AS is_eu FROM eu_crm_supply_shares s
       WHERE s.dataset_id = (SELECT dataset_id FROM latest) AND s.scope = 'eu_sourcing'
         AND s.material_id IN (SELECT unnest($materials::VARCHAR[]))
     )
     SELECT dataset_id, material_id, stage,
       sum(share) FILTER (WHERE is_eu) AS eu_share,
       arg_max(country_iso3, share) FILTER (WHERE NOT is_eu AND country_iso3 IS NOT NULL) AS third_country,
       max(share) FILTER (WHERE NOT is_eu AND country_iso3 IS NOT NULL) AS third_share,
       count(*) AS listed
     FROM s GROUP BY ALL ORDER BY material_id, stage`,
    { eu_date: euDate, materials: listValue(materials) },
  );
  for (const material of materials) {
    const mine = rows.filter((r) => r.material_id === material);
    if (mine.length === 0) continue;
    const input: BenchmarkInput = { material, thirdCountry: {} };
    for (const r of mine) {
      into.datasets.add(r.dataset_id);
      input[r.stage] = { value: r.eu_share ?? 0, basis: 'eu-sourcing-share' };
      // No third country listed at ≥ 1%: the largest one is below 1%, recorded as 0 with no country.
      input.thirdCountry![r.stage] = {
        value: r.third_share ?? 0,
        basis: 'eu-sourcing-share',
        country: r.third_country,
      } satisfies ThirdCountryEvidence;
    }
    into.inputs.push({ data: 'eu-crm-study', input });
  }
  if (rows.length) {
    into.warnings.push(
      'EU CRM study EU-sourcing shares list countries with at least 1% only; the EU share is a lower bound.',
    );
  }
}

/** End-of-life recycling input rates from the WMD HS map (the EU CRM study's EoL-RIR), per material. */
async function eolRir(db: Db, materials: string[], into: Gathered): Promise<Map<string, number>> {
  const cols = await columnsOf(db, 'wmd_hs_map');
  const out = new Map<string, number>();
  if (!cols?.has('eol_rir') || !cols.has('material_id')) return out;
  const rows = await db.all<{ dataset_id: string; material_id: string; lo: number; hi: number }>(
    `SELECT any_value(dataset_id) AS dataset_id, material_id, min(eol_rir) AS lo, max(eol_rir) AS hi FROM wmd_hs_map
     WHERE eol_rir IS NOT NULL AND material_id IN (SELECT unnest($1::VARCHAR[])) GROUP BY material_id`,
    [listValue(materials)],
  );
  for (const r of rows) {
    into.datasets.add(r.dataset_id);
    if (r.lo !== r.hi)
      into.warnings.push(`${r.material_id}: EoL-RIR differs between rows (${r.lo}–${r.hi}); the lowest is used.`);
    out.set(r.material_id, r.lo);
  }
  return out;
}

/**
 * EU production (production table) against extra-EU trade (trade_flows, HS codes of the material and stage from
 * wmd_hs_map): consumption = EU output + extra-EU imports − extra-EU exports, in tonnes. Used only where every
 * column it needs exists; trade is gross weight while production is usually metal content (labelled).
 */
async function fromProductionAndTrade(db: Db, materials: string[], euDate: string, into: Gathered): Promise<void> {
  const production = await columnsOf(db, 'production');
  const map = await columnsOf(db, 'wmd_hs_map');
  if (!production || (await rowCount(db, 'production')) === 0) return;
  const hs = map && ['hs_code', 'hs6', 'hs'].find((c) => map.has(c));
  if (!map || !hs || !map.has('material_id') || !map.has('stage')) {
    into.warnings.push(
      'Production data are present but no HS map with material_id, stage and an HS code column: output-vs-consumption is not computed.',
    );
    return;
  }
  // One production series per material and stage (several sources or statistics would double count): the latest
  // year that trade also covers, then the first dataset and statistic in name order.
  const rows = await db.all<{
    material_id: string;
    stage: SupplyStage;
    year: number;
    dataset_id: string;
    statistic: string | null;
    eu_output: number;
    unit: string;
    partner: string | null;
    imports: number | null;
    exports: number;
  }>(
    `WITH codes AS (
       SELECT DISTINCT material_id, stage, regexp_replace(CAST(${hs} AS VARCHAR), '[^0-9]', '', 'g') AS code
       FROM wmd_hs_map WHERE material_id IN (SELECT unnest($materials::VARCHAR[])) AND stage IS NOT NULL
     ), eu_output AS (
       SELECT dataset_id, ${production.has('statistic') ? 'statistic' : 'NULL'} AS statistic, material_id, stage, year,
              unit, sum(quantity) AS eu_output
       FROM production WHERE ${euMember('country_iso3')} IS NOT NULL AND quantity IS NOT NULL
         AND material_id IN (SELECT unnest($materials::VARCHAR[])) AND stage IS NOT NULL
       GROUP BY ALL
     ), trade AS (
       SELECT c.material_id, c.stage, f.year, f.flow, f.partner, sum(f.quantity_kg) / 1000 AS tonnes
       FROM trade_flows f JOIN codes c ON starts_with(f.product, c.code) AND length(c.code) >= 4
       WHERE ${euMember('f.reporter')} IS NOT NULL AND f.partner_is_country AND ${euMember('f.partner')} IS NULL
         AND f.quantity_kg IS NOT NULL
       GROUP BY ALL
     ), chosen AS (
       SELECT DISTINCT ON (o.material_id, o.stage) o.*
       FROM eu_output o WHERE EXISTS (SELECT 1 FROM trade t WHERE t.material_id = o.material_id
                                        AND t.stage = o.stage AND t.year = o.year)
       ORDER BY o.material_id, o.stage, o.year DESC, o.dataset_id, o.statistic NULLS FIRST
     )
     SELECT o.material_id, o.stage, o.year, o.dataset_id, o.statistic, o.eu_output, o.unit, i.partner,
       i.tonnes AS imports,
       coalesce((SELECT sum(tonnes) FROM trade x WHERE x.material_id = o.material_id AND x.stage = o.stage
                   AND x.year = o.year AND x.flow = 'export'), 0) AS exports
     FROM chosen o
     LEFT JOIN trade i ON i.material_id = o.material_id AND i.stage = o.stage AND i.year = o.year AND i.flow = 'import'
     ORDER BY o.material_id, o.stage, i.partner`,
    { eu_date: euDate, materials: listValue(materials) },
  );
  if (rows.length === 0) {
    into.warnings.push(
      'Production data are present but no extra-EU trade (trade_flows) for the HS codes of the same year: ' +
        'output-vs-consumption is not computed (import Comext or BACI for it).',
    );
  }
  for (const material of materials) {
    const mine = rows.filter((r) => r.material_id === material && stages.includes(r.stage));
    if (mine.length === 0) continue;
    const input: BenchmarkInput = { material, thirdCountry: {} };
    for (const stage of stages) {
      const s = mine.filter((r) => r.stage === stage);
      if (s.length === 0) continue;
      if (!/^(t|metr\. ?t|tonnes?|metric tons?)$/i.test(s[0].unit)) {
        into.warnings.push(
          `${material} ${stage}: production in "${s[0].unit}", not tonnes; output-vs-consumption skipped.`,
        );
        continue;
      }
      into.datasets.add(s[0].dataset_id);
      const balance = stageBalance({
        euProduction: s[0].eu_output,
        importsByCountry: Object.fromEntries(s.filter((r) => r.partner).map((r) => [r.partner!, r.imports ?? 0])),
        exports: s[0].exports,
        unit: 't',
      });
      input[stage] = balance.euShare;
      input.thirdCountry![stage] = balance.thirdCountry;
      into.warnings.push(
        `${material} ${stage} ${s[0].year}: production (${s[0].dataset_id}${s[0].statistic ? `, ${s[0].statistic}` : ''}; ` +
          `${s[0].unit}) and trade (gross weight of the mapped HS codes) are added as if on one basis; read the ratios as indicative.`,
      );
    }
    if (input.extraction || input.processing) into.inputs.push({ data: 'production+trade', input });
  }
}

/**
 * How far is the EU from the CRM Act 2030 benchmarks, per strategic raw material, from whichever data are in the
 * store: EU CRM study sourcing shares, production with trade, and EoL-RIR. Every value says its basis and proxy.
 * @example await crmaBenchmarks(db, { material: 'cobalt' })
 * // processing 0.91 (eu-sourcing-share, proxy) ≥ 0.40 met; recycling 0.22 (eol-rir, proxy) < 0.25, gap 0.03 …
 */
export async function crmaBenchmarks(db: Db, options: BenchmarksOptions = {}): Promise<Result> {
  const euDate = options.euDate ?? '2024-05-23';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(euDate)) throw new UserError(`--eu-date must be YYYY-MM-DD (got ${euDate})`);
  const targets = readBenchmarkTargets();
  const strategic = (await readListMembers(db, 'crma-strategic', '2024')).map((m) => m.material_id);
  let materials = strategic;
  if (options.material) {
    const ids = await findMaterialIds(db, options.material);
    if (ids.length === 0) {
      const near = await suggestMaterials(db, options.material);
      throw new UserError(
        `unknown material: "${options.material}"`,
        near.length ? `Did you mean ${near.join(', ')}?` : undefined,
        404,
      );
    }
    materials = ids;
  }
  // A listed group (rare earths for magnets, PGMs) is assessed through its members where the data are per element.
  const partOf = new Map<string, string>();
  for (const group of materials) {
    for (const m of await readGroupMembers(db, group)) partOf.set(m.material_id, group);
  }
  const assessed = [...new Set([...materials, ...partOf.keys()])];
  const gathered: Gathered = { inputs: [], datasets: new Set(), warnings: [] };
  await fromEuSourcing(db, assessed, euDate, gathered);
  await fromProductionAndTrade(db, assessed, euDate, gathered);
  const rir = await eolRir(db, assessed, gathered);

  if (gathered.inputs.length === 0 && rir.size === 0) {
    throw new UserError(
      `no data for the CRM Act benchmarks${options.material ? ` of ${materials.join(', ')}` : ''} in the store`,
      'Import the EU CRM study tables (radar import eu-crm-study …) for EU sourcing shares, or production with trade ' +
        '(radar import wmd …, radar import comext …); the EoL-RIR for recycling comes with radar import wmd ….',
      404,
    );
  }
  if (rir.size === 0) {
    const mapped = (await columnsOf(db, 'wmd_hs_map')) && (await rowCount(db, 'wmd_hs_map', 'eol_rir IS NOT NULL')) > 0;
    gathered.warnings.push(
      mapped
        ? `No EoL-RIR for ${assessed.join(', ')} in wmd_hs_map: the recycling benchmark is not assessed.`
        : 'No EoL-RIR in the store (wmd_hs_map): the recycling benchmark is not assessed. Import it with radar import wmd ….',
    );
  }
  const rows: (BenchmarkRow & { data: string; part_of: string | null })[] = [];
  for (const { data, input } of gathered.inputs) {
    rows.push(...benchmarkRows(input, targets).map((r) => ({ ...r, data, part_of: partOf.get(r.material) ?? null })));
  }
  for (const [material, value] of rir) {
    const recycling: Evidence = { value, basis: 'eol-rir' };
    rows.push(
      ...benchmarkRows({ material, recycling }, targets).map((r) => ({
        ...r,
        data: 'wmd-hs-map',
        part_of: partOf.get(r.material) ?? null,
      })),
    );
  }
  const missing = materials.filter((m) => !rows.some((r) => r.material === m || r.part_of === m));
  if (missing.length && options.material === undefined) {
    gathered.warnings.push(`No benchmark data for: ${missing.join(', ')}.`);
  }
  const order: Record<string, number> = { extraction: 0, processing: 1, recycling: 2, 'single-third-country': 3 };
  rows.sort(
    (a, b) =>
      a.material.localeCompare(b.material) || order[a.benchmark] - order[b.benchmark] || a.stage.localeCompare(b.stage),
  );
  return result({
    columns: [
      { name: 'material', type: 'string' },
      {
        name: 'part_of',
        type: 'string',
        description: 'the listed group the material is assessed for (e.g. ree-magnets)',
      },
      { name: 'benchmark', type: 'string', description: 'extraction, processing, recycling or single-third-country' },
      { name: 'stage', type: 'string' },
      { name: 'value', type: 'number', unit: 'fraction' },
      { name: 'operator', type: 'string' },
      { name: 'target', type: 'number', unit: 'fraction', description: 'CRMA Art. 5 benchmark for 2030' },
      { name: 'meets', type: 'boolean' },
      { name: 'gap', type: 'number', unit: 'fraction', description: 'distance to the target (0 = met)' },
      { name: 'gap_quantity', type: 'number', description: 'gap × consumption, when consumption is known' },
      { name: 'unit', type: 'string' },
      { name: 'country', type: 'string', description: 'largest third country (ISO3)' },
      { name: 'basis', type: 'string', description: 'what the value measures' },
      { name: 'proxy', type: 'boolean', description: 'true when the value stands in for what Art. 5 names' },
      { name: 'proxy_note', type: 'string' },
      { name: 'data', type: 'string', description: 'eu-crm-study, production+trade or wmd-hs-map' },
      { name: 'article', type: 'string' },
    ],
    rows: rows.map((r) => ({ ...r })),
    provenance: await provenance(db, ['ref:list_membership', ...[...gathered.datasets].sort()]),
    method: {
      id: 'crma.benchmarks',
      version: '1',
      spec: 'docs/methods.md §6',
      params: {
        targets: {
          value: Object.fromEntries(targets.map((t) => [t.benchmark, `${t.operator} ${t.threshold}`])),
          assumed: false,
          description: 'reference/crma-benchmarks.csv (Art. 5)',
        },
        eu_membership_date: { value: euDate, assumed: options.euDate === undefined },
        materials: { value: options.material ? materials : 'crma-strategic 2024', assumed: false },
      },
    },
    warnings: gathered.warnings,
  });
}

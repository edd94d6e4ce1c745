import { UsageError, UserError } from '../domain/errors.js';
import type { Column, Result, Row } from '../domain/result.js';
import { result } from '../domain/result.js';
import { emptyFlow, type FlowSums } from '../methods/dependency/indicators.js';
import { levelDigits, type ScreenParams } from '../methods/dependency/params.js';
import { presets } from '../methods/dependency/presets.js';
import {
  type Partner,
  type ProductSeries,
  type ProductYear,
  type ScreenedProduct,
  screenProducts,
  type TopPartners,
} from '../methods/dependency/screen.js';
import type { Db } from '../store/db.js';
import {
  readExcludedFlows,
  readScreenSums,
  readWorldExportHhi,
  type ScreenSumRow,
  type SumColumn,
} from '../store/screen-queries.js';
import { provenance } from './provenance.js';
import { resolveReporters, selectTradeData, type TradeSelection } from './screen-data.js';
import { paramsForResult, resolveScreenParams, type ScreenOptions } from './screen-options.js';
import { ecosystemsOf, readStrategicList, type StrategicList } from './screen-strategic.js';

export type { ScreenOptions } from './screen-options.js';

/**
 * Which goods is a reporter dangerously dependent on, on whom, and for how long? One engine for the EC 2021, NBB
 * 2024 (import side and export mirror), FPB 2024, GeoDep and MERICS screens (docs/methods.md §0–§4): the store sums
 * trade per product, partner and year in SQL; the methods in src/methods/dependency/ apply thresholds, ranks and
 * persistence; this file joins them into one Result with one row per reporter × product (all products; the
 * `dependent` column says which are dependent).
 * @example await dependencyScreen(db, { preset: 'ec2021', reporter: 'EU27', years: '2021', level: 'HS6' })
 * // rows: { reporter: 'EU27', product: '280530', hhi: 0.93, extra_eu_share: 0.98, import_export_ratio: 5.1,
 * //         dependent: true, main_supplier: 'CHN', value: 1.2e8, … }
 */
export async function dependencyScreen(db: Db, options: ScreenOptions): Promise<Result> {
  const names = (options.reporter ?? 'EU27')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  // An empty or blank reporter ("", " ", ",,") named nobody (found by the API fuzzing of issue 10).
  if (names.length === 0) throw new UsageError('invalid reporter: "" (expected e.g. BEL, EU27 or BEL,NLD)');
  const reporters = await resolveReporters(db, names);
  const { preset, params, table } = resolveScreenParams(options, reporters[0].kind);
  const kinds = new Set(reporters.map((r) => r.kind));
  const selection = await selectTradeData(db, {
    dataset: options.dataset,
    source: options.source,
    years: params.years,
    level: params.level,
    preset,
    basis: params.basis,
  });
  const strategic = options.strategic ? readStrategicList(options.strategic) : null;
  const warnings = [...selection.warnings];
  if (kinds.size > 1 && (preset === 'geodep' || preset === 'merics')) {
    warnings.push(
      `${preset} reads the EU27 bloc and single countries differently; every reporter here uses the defaults for ${reporters[0].scope.id}`,
    );
  }
  const datasets = selection.datasets.map((d) => d.dataset_id);
  const query = {
    datasets,
    scopes: reporters.map((r) => r.scope),
    years: params.years,
    digits: levelDigits[params.level],
    basis: params.basis,
    euComposition: params.eu_composition,
    exports: selection.exports,
    pooled: params.method === 'rank' && params.combine === 'pooled' && params.years.length > 1,
    columns: sumColumns(params),
  } as const;
  const [sums, world] = await Promise.all([
    readScreenSums(db, query),
    params.world_export_hhi ? worldExports(db, selection, params) : Promise.resolve(null),
  ]);
  const rows: Row[] = [];
  if (selection.datasets.some((d) => d.has_confidential || d.has_aggregate_partners) || params.basis === 'quantity') {
    warnings.push(...(await exclusionWarnings(db, query, params)));
  }
  const byScope = new Map<string, ScreenSumRow[]>(reporters.map((r) => [r.scope.id, []]));
  for (const row of sums) byScope.get(row.scope)?.push(row);
  for (const reporter of reporters) {
    const series = toSeries(byScope.get(reporter.scope.id) ?? [], world);
    const screened = screenProducts(series, query.pooled ? { ...params, years: [Math.max(...params.years)] } : params);
    const own = screened.map((p) => toRow(reporter.scope.id, p, params, selection.currency, strategic));
    // Dependent first, then by value; plain code-unit comparison of product codes (ASCII; localeCompare is slow).
    own.sort(
      (a, b) =>
        Number(b.dependent) - Number(a.dependent) ||
        (b.value as number) - (a.value as number) ||
        ((a.product as string) < (b.product as string) ? -1 : (a.product as string) > (b.product as string) ? 1 : 0),
    );
    for (const row of own) rows.push(row);
    const flagged = screened.filter((p) => p.dependent && p.flags.includes('non_country_partners')).length;
    if (flagged) {
      warnings.push(
        `${reporter.scope.id}: ${flagged} dependent product(s) have more than ${params.non_country_flag * 100} % of their ` +
          'flow under non-country partner codes; their HHI may be understated',
      );
    }
  }
  if (strategic) {
    const partial = rows.filter((r) => (r.strategic_partial as string[] | undefined)?.length).length;
    if (partial)
      warnings.push(
        `${partial} product(s) contain strategic codes only partly (a listed code under a coarser product)`,
      );
  }
  if (params.method === 'thresholds' && params.persistence.n !== 'all' && params.persistence.n < params.years.length) {
    warnings.push(`persistence is judged on the last ${params.persistence.n} years of ${params.years.join(', ')}`);
  }
  return result({
    columns: columnsFor(params, selection, strategic),
    rows,
    provenance: await provenance(db, datasets),
    method: {
      id: `screen.${preset}`,
      version: '1',
      spec: presets[preset].spec,
      params: {
        preset: { value: preset, assumed: false, description: presets[preset].title },
        reporter: {
          value: reporters.map((r) => r.scope.id).join(','),
          assumed: false,
          description: reporters.map((r) => r.name).join(', '),
        },
        ...paramsForResult(table),
        source: { value: selection.source, assumed: false, description: 'trade source screened' },
        currency: { value: selection.currency, assumed: false, description: 'currency of value columns' },
        exports: {
          value: selection.exports,
          assumed: false,
          description:
            selection.exports === 'mirror' ? "exports mirrored from partners' imports (BACI)" : 'exports as reported',
        },
        trade_concept: { value: selection.tradeConcept, assumed: false, description: 'community or national (§0.2)' },
        nomenclature: {
          value: selection.nomenclatures.join(', ') || null,
          assumed: false,
          description: 'code versions',
        },
        strategic_list: {
          value: strategic ? strategic.id : null,
          assumed: false,
          description: strategic ? `strategic products from ${strategic.file}` : 'no strategic filter',
        },
      },
    },
    warnings,
  });
}

/** The sums the screen's parameters read (src/methods/dependency/indicators.ts and screen.ts). */
function sumColumns(params: ScreenParams): SumColumn[] {
  const own = params.side === 'imports' ? 'm' : 'x';
  const counter = own === 'm' ? 'x' : 'm';
  const columns: SumColumn[] = [`${own}_total`, `${own}_extra`, `${own}_nc`, `${counter}_total`, `${counter}_extra`];
  if (params.hhi_partners === 'all') columns.push(`${own}_sq`, `${own}_top_all`);
  else columns.push(`${own}_extra_sq`, `${own}_top_extra`);
  if (params.main_partner_extra) columns.push(`${own}_top_all`, `${own}_top_extra`);
  return [...new Set(columns)];
}

async function worldExports(db: Db, selection: TradeSelection, params: ScreenParams) {
  if (selection.source !== 'baci') {
    throw new UserError(
      `the world-export HHI (GeoDep criterion 2) needs world trade; ${selection.source} covers only its reporters`,
      'Screen BACI data (--source baci), or drop the criterion with --world-export-hhi none.',
    );
  }
  return readWorldExportHhi(db, {
    datasets: selection.datasets.map((d) => d.dataset_id),
    years: params.years,
    digits: levelDigits[params.level],
    basis: params.basis,
  });
}

const num = (v: unknown): number => (typeof v === 'number' ? v : v == null ? 0 : Number(v));

function flow(row: ScreenSumRow, dir: 'm' | 'x'): FlowSums {
  const total = num(row[`${dir}_total`]);
  if (total === 0) return emptyFlow;
  return {
    total,
    extra: num(row[`${dir}_extra`]),
    extraCountrySq: num(row[`${dir}_extra_sq`]),
    countrySq: num(row[`${dir}_sq`]),
    nonCountry: num(row[`${dir}_nc`]),
  };
}

function partner(row: ScreenSumRow, key: string): Partner | null {
  const code = row[key];
  return typeof code === 'string' ? { code, value: num(row[`${key}_v`]) } : null;
}

function tops(row: ScreenSumRow, prefix: string): TopPartners {
  return {
    importsExtra: partner(row, `${prefix}m_top_extra`),
    importsAll: partner(row, `${prefix}m_top_all`),
    exportsExtra: partner(row, `${prefix}x_top_extra`),
    exportsAll: partner(row, `${prefix}x_top_all`),
  };
}

/** Rows sorted by product then year → one series per product. */
function toSeries(rows: readonly ScreenSumRow[], world: Map<string, number> | null): ProductSeries[] {
  const out: ProductSeries[] = [];
  const pooled = rows.length > 0 && Object.keys(rows[0]).some((k) => k.startsWith('pooled_'));
  for (const row of rows) {
    const year: ProductYear = {
      year: Number(row.year),
      imports: flow(row, 'm'),
      exports: flow(row, 'x'),
      top: tops(row, ''),
      worldExportHhi: world?.get(`${row.year}|${row.product}`) ?? null,
    };
    const last = out[out.length - 1];
    if (last && last.product === row.product) last.years.push(year);
    else
      out.push({
        product: row.product,
        years: [year],
        pooledTop: pooled ? tops(row, 'pooled_') : undefined,
      });
  }
  return out;
}

/** Round for output; multiplication instead of toFixed, which costs half a second over a 140,000-row screen. */
function round(x: number | null, digits = 6): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.abs(x) * f < 2 ** 52 ? Math.round(x * f) / f : x;
}

function toRow(
  reporter: string,
  p: ScreenedProduct,
  params: ScreenParams,
  currency: string,
  strategic: StrategicList | null,
): Row {
  const imports = params.side === 'imports';
  const ratio = p.indicators.ratio;
  const row: Row = {
    reporter,
    product: p.product,
    hhi: round(p.indicators.hhi),
    extra_eu_share: round(p.indicators.extraShare),
    [imports ? 'import_export_ratio' : 'export_import_ratio']: round(ratio),
    no_counter_flow: ratio === Number.POSITIVE_INFINITY,
  };
  if (params.world_export_hhi) row.world_export_hhi = round(p.worldExportHhi);
  if (params.method === 'thresholds') row.criteria_met = p.criteriaMet;
  row.dependent = p.dependent;
  if (p.high) row.dependent_high = p.high.dependent;
  if (params.method === 'rank' && p.ranks) {
    row.rank_hhi = p.ranks.hhi;
    row.rank_extra_share = p.ranks.extraShare;
    row.rank_ratio = p.ranks.ratio;
    row.avg_rank = round(p.ranks.mean, 4);
  }
  row.years_dependent = p.yearsDependent;
  if (p.high) row.years_dependent_high = p.high.dependentYears.length;
  row.dependent_years = p.dependentYears;
  if (strategic) {
    const { ecosystems, partial } = ecosystemsOf(p.product, strategic);
    row.strategic = ecosystems.length > 0;
    row.ecosystems = ecosystems.join('; ');
    if (partial.length) row.strategic_partial = partial;
  }
  row[imports ? 'main_supplier' : 'main_market'] = p.mainPartner?.code ?? null;
  row[imports ? 'main_supplier_share' : 'main_market_share'] = round(p.mainPartnerShare);
  row.value = round(p.indicators.value, 2);
  row.imports_total = round(p.totals.imports, 2);
  row.exports_total = round(p.totals.exports, 2);
  row.currency = currency;
  row.flags = p.flags.join(' ');
  return row;
}

function columnsFor(params: ScreenParams, selection: TradeSelection, strategic: StrategicList | null): Column[] {
  const imports = params.side === 'imports';
  const many = params.years.length > 1 && !(params.method === 'rank' && params.combine === 'pooled');
  const mean = many ? ' (mean over the years with trade)' : '';
  const set = params.hhi_partners === 'all' ? 'all partner countries' : 'extra-EU partner countries';
  const own = imports ? 'imports' : 'exports';
  const columns: Column[] = [
    { name: 'reporter', type: 'string', description: 'EU27 (bloc) or ISO3' },
    { name: 'product', type: 'string', description: `${params.level} code` },
    { name: 'hhi', type: 'number', unit: '0–1', description: `HHI of ${own} over ${set}${mean}` },
    { name: 'extra_eu_share', type: 'number', unit: 'fraction', description: `extra-EU share of ${own}${mean}` },
    {
      name: imports ? 'import_export_ratio' : 'export_import_ratio',
      type: 'number',
      unit: 'ratio',
      description: `${params.ratio_numerator === 'extra' ? 'extra-EU' : 'total'} ${own} / ${params.ratio_denominator === 'extra' ? 'extra-EU' : 'total'} ${imports ? 'exports' : 'imports'}${mean}; null when the denominator is zero`,
    },
    {
      name: 'no_counter_flow',
      type: 'boolean',
      description: `no ${imports ? 'exports' : 'imports'}: the ratio is infinite (met)`,
    },
  ];
  if (params.world_export_hhi)
    columns.push({ name: 'world_export_hhi', type: 'number', unit: '0–1', description: `HHI of world exports${mean}` });
  if (params.method === 'thresholds')
    columns.push({ name: 'criteria_met', type: 'integer', description: 'criteria met by the shown indicators' });
  columns.push({
    name: 'dependent',
    type: 'boolean',
    description:
      params.method === 'rank'
        ? `in the top ${params.top_share * 100} % by mean rank`
        : many
          ? 'met every criterion in enough years (persistence)'
          : 'met every criterion',
  });
  if (params.hhi_high)
    columns.push({
      name: 'dependent_high',
      type: 'boolean',
      description: `same at HHI ${params.hhi_high.op} ${params.hhi_high.tau}`,
    });
  if (params.method === 'rank') {
    columns.push(
      { name: 'rank_hhi', type: 'number', description: 'rank of the HHI (1 = least dependent; ties averaged)' },
      { name: 'rank_extra_share', type: 'number', description: 'rank of the extra-EU share' },
      { name: 'rank_ratio', type: 'number', description: 'rank of the ratio' },
      { name: 'avg_rank', type: 'number', description: 'mean of the three ranks' },
    );
  }
  columns.push({ name: 'years_dependent', type: 'integer', description: 'years in which the product was dependent' });
  if (params.hhi_high)
    columns.push({ name: 'years_dependent_high', type: 'integer', description: 'same at the second threshold' });
  columns.push({ name: 'dependent_years', type: 'json', description: 'those years' });
  if (strategic) {
    columns.push(
      { name: 'strategic', type: 'boolean', description: `on strategic list ${strategic.id}` },
      { name: 'ecosystems', type: 'string', description: 'ecosystems of the list the product belongs to' },
    );
  }
  columns.push(
    {
      name: imports ? 'main_supplier' : 'main_market',
      type: 'string',
      description: `largest ${imports ? 'supplier' : 'market'} among ${set}${many ? ', years pooled' : ''}`,
    },
    {
      name: imports ? 'main_supplier_share' : 'main_market_share',
      type: 'number',
      unit: 'fraction',
      description: `its share of ${own} from ${set}`,
    },
    {
      name: 'value',
      type: 'number',
      unit: selection.currency,
      description: `${params.hhi_partners === 'all' ? 'total' : 'extra-EU'} ${own} (${params.basis === 'quantity' ? 'kg' : selection.currency})${many ? ', mean per year' : ''}`,
    },
    {
      name: 'imports_total',
      type: 'number',
      unit: selection.currency,
      description: `imports from all partners${many ? ', mean per year' : ''}`,
    },
    {
      name: 'exports_total',
      type: 'number',
      unit: selection.currency,
      description: `exports to all partners${many ? ', mean per year' : ''}`,
    },
    { name: 'currency', type: 'string' },
    { name: 'flags', type: 'string', description: 'non_country_partners, no_counter_flow' },
  );
  return columns;
}

async function exclusionWarnings(
  db: Db,
  query: Parameters<typeof readExcludedFlows>[1],
  params: ScreenParams,
): Promise<string[]> {
  const rows = await readExcludedFlows(db, query, params.side === 'imports' ? 'import' : 'export');
  const out: string[] = [];
  for (const r of rows) {
    const pct = (x: number) => `${((100 * x) / r.total).toFixed(1)} %`;
    const at = `${r.scope} ${r.year}`;
    if (r.confidential > 0)
      out.push(`${at}: ${pct(r.confidential)} of ${params.side} sit under confidential product codes (left out, §0.2)`);
    if (r.aggregate_partners > 0)
      out.push(`${at}: ${pct(r.aggregate_partners)} of ${params.side} are partner totals (World, EU…), left out`);
    if (r.missing_quantity > 0)
      out.push(`${at}: ${pct(r.missing_quantity)} of ${params.side} by value have no quantity (left out)`);
  }
  return out;
}

import { type DuckDBValue, listValue } from '@duckdb/node-api';
import type { Db } from './db.js';

/**
 * The SQL of the product screens (docs/methods.md §0–§4): every aggregation over `trade_flows` happens here, in
 * DuckDB; the methods in src/methods/dependency/ decide on the aggregated rows.
 *
 * Conventions of `trade_flows` (migrations/100-trade-flows.ts) this file relies on:
 * - BACI is stored once, in the import view (reporter = importer, partner = exporter). Its exports are therefore
 *   "mirrored": the exports of X are the imports of every reporter from partner X (`exports: 'mirror'`).
 * - Non-country partners (`partner_is_country` false) stay in totals but not in sums of squares (§0.1). Comext
 *   QR/QV/QY are intra-EU non-country codes; the rest count as extra. Aggregate partners (World, EU…) are dropped:
 *   they would double-count.
 * - Confidential product codes (Comext 39XXXXXX) are left out of the screen and reported as a bucket (§0.2).
 */

/** A reporter of the screen: EU27 as a bloc (27 members) or one country; `euBloc` sets what "extra" means. */
export interface ScreenScope {
  id: string;
  members: string[];
  /** true: extra = outside the EU; false: extra = everyone but the reporter itself. */
  euBloc: boolean;
}

export interface ScreenQuery {
  datasets: string[];
  scopes: ScreenScope[];
  years: number[];
  /** Product code length: 8, 6 or 4. */
  digits: number;
  basis: 'value' | 'quantity';
  /** EU27_2020 composition in every year, or membership as of 1 July of each year. */
  euComposition: 'EU27_2020' | 'as_of_year';
  /** 'reported' when the data holds export rows; 'mirror' for import-view data (BACI). */
  exports: 'reported' | 'mirror';
  /** Pool all years into one (labelled with the last year) before computing the sums. */
  pooled: boolean;
  /** The sums to compute; the others are absent from the rows. */
  columns: SumColumn[];
}

/**
 * Annual rows at product level only: Comtrade also stores its HS2/HS4/TOTAL aggregates and months
 * (migrations/100-trade-flows.ts); summing them with the leaves would double-count.
 */
const annualLeaves = `f.classification IN ('CN8', 'HS6') AND strlen(f.period) = 4`;

/**
 * Partner codes that are totals of other partners: Comtrade 0 (World) and 97 (EU aggregate, reference/country-aliases
 * .csv), and the usual aggregate names. Kept out of every sum; their value is reported.
 */
export const aggregatePartnerCodes = [
  '0',
  '97',
  'WLD',
  'W00',
  'World',
  'EU',
  'EU27_2020',
  'EU28',
  'EXT_EU27_2020',
  'INT_EU27_2020',
];
/** Comext non-country codes inside intra-EU trade (stores and provisions, not specified, secret). */
export const intraNonCountryCodes = ['QR', 'QV', 'QY'];

export interface TradeDatasetInfo {
  dataset_id: string;
  source: string;
  classification: string;
  nomenclatures: string[];
  currencies: string[];
  years: number[];
  has_exports: boolean;
  has_quantity: boolean;
  /** Rows under confidential product codes, or under aggregate partners (World…): the screen reports them. */
  has_confidential: boolean;
  has_aggregate_partners: boolean;
  trade_concept: string | null;
}

/**
 * What trade data the store holds, per dataset (only the named ones when `ids` is given). One pass over the table
 * with low-cardinality groups; the lists are folded here.
 */
export async function readTradeDatasets(db: Db, ids?: string[]): Promise<TradeDatasetInfo[]> {
  const rows = await db.all<{
    dataset_id: string;
    source: string;
    classification: string;
    nomenclature: string;
    currency: string;
    year: number;
    has_exports: boolean;
    has_quantity: boolean;
    has_confidential: boolean;
    has_aggregate_partners: boolean;
  }>(
    `SELECT dataset_id, source, classification, coalesce(nomenclature, '') AS nomenclature, currency, year,
            bool_or(flow = 'export') AS has_exports, bool_or(quantity_kg IS NOT NULL) AS has_quantity,
            bool_or(confidential) AS has_confidential,
            bool_or(NOT partner_is_country AND (list_contains($aggregates, partner) OR list_contains($aggregates, partner_code)))
              AS has_aggregate_partners
     FROM trade_flows
     WHERE classification IN ('CN8', 'HS6') AND strlen(period) = 4 ${ids ? 'AND list_contains($ids, dataset_id)' : ''}
     GROUP BY ALL`,
    { aggregates: listValue(aggregatePartnerCodes), ...(ids ? { ids: listValue(ids) } : {}) },
  );
  const concepts = new Map(
    (await db.all<{ id: string; trade_concept: string | null }>('SELECT id, trade_concept FROM datasets')).map((d) => [
      d.id,
      d.trade_concept,
    ]),
  );
  const out = new Map<string, TradeDatasetInfo>();
  for (const r of rows) {
    const d = out.get(r.dataset_id) ?? {
      dataset_id: r.dataset_id,
      source: r.source,
      classification: r.classification,
      nomenclatures: [],
      currencies: [],
      years: [],
      has_exports: false,
      has_quantity: false,
      has_confidential: false,
      has_aggregate_partners: false,
      trade_concept: concepts.get(r.dataset_id) ?? null,
    };
    if (r.classification === 'CN8') d.classification = 'CN8';
    const add = <T>(xs: T[], x: T) => {
      if (!xs.includes(x)) xs.push(x);
    };
    add(d.nomenclatures, r.nomenclature);
    add(d.currencies, r.currency);
    add(d.years, Number(r.year));
    d.has_exports ||= r.has_exports;
    d.has_quantity ||= r.has_quantity;
    d.has_confidential ||= r.has_confidential;
    d.has_aggregate_partners ||= r.has_aggregate_partners;
    out.set(r.dataset_id, d);
  }
  return [...out.values()]
    .map((d) => ({
      ...d,
      nomenclatures: d.nomenclatures.sort(),
      currencies: d.currencies.sort(),
      years: d.years.sort((x, y) => x - y),
    }))
    .sort((x, y) => x.dataset_id.localeCompare(y.dataset_id));
}

/**
 * One reporter × year × product: per flow (m = imports, x = exports) the total, extra, sums of squares,
 * non-country value and largest partners (`m_total`, `m_extra`, `m_extra_sq`, `m_sq`, `m_nc`, `m_top_extra`,
 * `m_top_extra_v`, `m_top_all`, `m_top_all_v`, same with `x_`); with several years also `pooled_m_top_…`.
 */
export interface ScreenSumRow {
  scope: string;
  year: number;
  product: string;
  [column: string]: string | number | null;
}

/**
 * Partner-level sums for every reporter scope, year and product, and (for several years) the largest partners over
 * the pooled years (`pooled_*` columns). One scan of trade_flows into a materialised partner table, then the
 * aggregations of it, in one statement.
 */
export async function readScreenSums(db: Db, q: ScreenQuery): Promise<ScreenSumRow[]> {
  const withPooled = q.years.length > 1 && !q.pooled && q.columns.some((c) => c.includes('_top_'));
  const needed = new Set(q.columns);
  const pooledTops = (dir: 'm' | 'x') => {
    const d = `dir = '${dir}'`;
    return [
      needed.has(`${dir}_top_extra`) ? topPartner(dir, `${d} AND is_country AND NOT intra`, 'extra', 'pooled_') : '',
      needed.has(`${dir}_top_all`) ? topPartner(dir, `${d} AND is_country`, 'all', 'pooled_') : '',
    ].filter(Boolean);
  };
  const tops = [...pooledTops('m'), ...pooledTops('x')];
  const sql = `
    WITH pp AS ${withPooled ? 'MATERIALIZED' : ''} (${partnerSql(q)}),
    agg AS (SELECT scope, year, product, ${[...flowAggregates('m', needed), ...flowAggregates('x', needed)].join(',\n      ')}
            FROM pp GROUP BY scope, year, product)
    ${
      withPooled
        ? `, pooled AS (SELECT scope, product, dir, partner, is_country, bool_and(intra) AS intra, sum(v) AS v
                       FROM pp GROUP BY scope, product, dir, partner, is_country),
           tops AS (SELECT scope AS t_scope, product AS t_product, ${tops.join(', ')}
                    FROM pooled GROUP BY scope, product)
           SELECT agg.*, tops.* EXCLUDE (t_scope, t_product)
           FROM agg LEFT JOIN tops ON tops.t_scope = agg.scope AND tops.t_product = agg.product`
        : 'SELECT * FROM agg'
    }
    ORDER BY scope, product, year`;
  return db.all<ScreenSumRow>(sql, usedParams(sql, partnerParams(q, await euLists(db, q))));
}

/**
 * `dataset_id IN ($ds0, $ds1…) AND year BETWEEN … AND list_contains(…)`: plain comparisons that DuckDB pushes into
 * the table scan (zone maps), unlike list_contains alone. Returns the SQL and its parameters.
 */
function datasetYearFilter(alias: string, datasets: readonly string[], years: readonly number[]) {
  const params: Record<string, DuckDBValue> = {
    years: listValue([...years]),
    year_min: Math.min(...years),
    year_max: Math.max(...years),
  };
  datasets.forEach((d, i) => {
    params[`ds${i}`] = d;
  });
  const sql = `${alias}dataset_id IN (${datasets.map((_, i) => `$ds${i}`).join(', ')})
      AND ${alias}year BETWEEN $year_min AND $year_max AND list_contains($years, ${alias}year)`;
  return { sql, params };
}

/** DuckDB rejects named parameters that a statement does not use. */
function usedParams<T extends Record<string, unknown>>(sql: string, params: T): T {
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql))) as T;
}

function partnerParams(q: ScreenQuery, eu: { fixed: string[]; byYear: string[] }) {
  return {
    ...datasetYearFilter('f.', q.datasets, q.years).params,
    scope_ids: listValue(q.scopes.flatMap((s) => s.members.map(() => s.id))),
    scope_members: listValue(q.scopes.flatMap((s) => s.members)),
    scope_eu: listValue(q.scopes.flatMap((s) => s.members.map(() => s.euBloc))),
    eu: listValue(eu.fixed),
    eu_by_year: listValue(eu.byYear),
    aggregates: listValue(aggregatePartnerCodes),
    intra_nc: listValue(intraNonCountryCodes),
    last_year: Math.max(...q.years),
  };
}

/** EU members: the 2020 composition, or as 'year|ISO3' pairs for membership as of 1 July of each year. */
async function euLists(db: Db, q: ScreenQuery): Promise<{ fixed: string[]; byYear: string[] }> {
  if (q.euComposition === 'EU27_2020') return { fixed: await readEuMembers(db, '2020-02-01'), byYear: [] };
  const years = q.pooled ? [Math.max(...q.years)] : q.years;
  const pairs = await Promise.all(
    years.map(async (y) => (await readEuMembers(db, `${y}-07-01`)).map((c) => `${y}|${c}`)),
  );
  return { fixed: [], byYear: pairs.flat() };
}

/**
 * Values summed per reporter scope × year × product × direction × partner, with the partner classified as intra
 * (inside the scope's bloc) or not. Filters are list_contains expressions rather than semi-joins on unnested
 * lists: the planner then keeps its row estimates and builds its hash tables on the small side.
 */
function partnerSql(q: ScreenQuery): string {
  const measure = q.basis === 'value' ? 'f.value' : 'f.quantity_kg';
  // One year (or pooled years): a constant, left out of the grouping and added after it.
  const oneYear = q.pooled || q.years.length === 1;
  const year = oneYear ? 'CAST($last_year AS INTEGER)' : 'f.year';
  const product = `left(f.product, ${Math.trunc(q.digits)})`;
  const common = `${datasetYearFilter('f.', q.datasets, q.years).sql} AND ${annualLeaves}
      AND NOT f.confidential AND ${measure} IS NOT NULL
      AND (f.partner_is_country OR NOT (list_contains($aggregates, f.partner) OR list_contains($aggregates, f.partner_code)))`;
  const inEu = (code: string) =>
    q.euComposition === 'EU27_2020'
      ? `list_contains($eu, ${code})`
      : `list_contains($eu_by_year, ${year} || '|' || ${code})`;
  const intra = (code: string, isCountry: string) => `CASE WHEN NOT ${isCountry} THEN list_contains($intra_nc, ${code})
             WHEN s.eu_bloc THEN ${inEu(code)} ELSE ${code} = s.scope END`;
  // Direction, intra and is_country packed in one small key (bits 4, 2, 1): fewer, cheaper group keys.
  const cls = (dir: string, code: string, isCountry: string) =>
    `CAST(${dir} + CASE WHEN ${intra(code, isCountry)} THEN 2 ELSE 0 END + CASE WHEN ${isCountry} THEN 1 ELSE 0 END AS UTINYINT)`;
  // Reported exports come with the imports in one scan; mirrored exports (BACI) need a second one, by partner.
  const mirrored = `UNION ALL
      SELECT s.scope, ${year} AS year, ${product} AS product, f.reporter AS partner, ${cls('4', 'f.reporter', 'true')} AS cls,
             ${measure} AS v
      FROM trade_flows f JOIN scopes s ON f.partner = s.member
      WHERE f.flow = 'import' AND f.partner_is_country AND ${common}`;
  return `
    WITH scopes AS (SELECT unnest($scope_ids) AS scope, unnest($scope_members) AS member, unnest($scope_eu) AS eu_bloc),
    flows AS (
      SELECT s.scope, ${year} AS year, ${product} AS product, f.partner,
             ${cls("CASE f.flow WHEN 'import' THEN 0 ELSE 4 END", 'f.partner', 'f.partner_is_country')} AS cls, ${measure} AS v
      FROM trade_flows f JOIN scopes s ON f.reporter = s.member
      WHERE ${q.exports === 'reported' ? 'true' : "f.flow = 'import'"} AND ${common}
      ${q.exports === 'reported' ? '' : mirrored}
    ),
    summed AS (
      SELECT scope, ${oneYear ? '' : 'year, '}product, partner, cls, sum(v) AS v FROM flows
      GROUP BY scope, ${oneYear ? '' : 'year, '}product, partner, cls)
    SELECT scope, ${oneYear ? year : 'year'} AS year, product,
           CASE WHEN cls >= 4 THEN 'x' ELSE 'm' END AS dir, partner, (cls & 1) = 1 AS is_country, (cls & 2) = 2 AS intra, v
    FROM summed`;
}

/**
 * The sums a screen reads, by column name (`m_total`, `x_extra_sq`, `m_top_extra`…). Computing only those keeps the
 * product-level aggregation as light as a hand-written query for the same indicators.
 */
export type SumColumn = `${'m' | 'x'}_${'total' | 'extra' | 'extra_sq' | 'sq' | 'nc' | 'top_extra' | 'top_all'}`;

function flowAggregates(dir: 'm' | 'x', needed: ReadonlySet<SumColumn>): string[] {
  const d = `dir = '${dir}'`;
  const extraCountry = `${d} AND is_country AND NOT intra`;
  const all: [SumColumn, string][] = [
    [`${dir}_total`, `coalesce(sum(v) FILTER (${d}), 0) AS ${dir}_total`],
    [`${dir}_extra`, `coalesce(sum(v) FILTER (${d} AND NOT intra), 0) AS ${dir}_extra`],
    [`${dir}_extra_sq`, `coalesce(sum(v * v) FILTER (${extraCountry}), 0) AS ${dir}_extra_sq`],
    [`${dir}_sq`, `coalesce(sum(v * v) FILTER (${d} AND is_country), 0) AS ${dir}_sq`],
    [`${dir}_nc`, `coalesce(sum(v) FILTER (${d} AND NOT is_country), 0) AS ${dir}_nc`],
    [`${dir}_top_extra`, topPartner(dir, extraCountry, 'extra')],
    [`${dir}_top_all`, topPartner(dir, `${d} AND is_country`, 'all')],
  ];
  return all.filter(([name]) => needed.has(name)).map(([, sql]) => sql);
}

/** Largest partner by value (on equal values, whichever DuckDB meets first). */
function topPartner(dir: string, filter: string, name: string, prefix = ''): string {
  return `arg_max(partner, v) FILTER (${filter} AND v > 0) AS ${prefix}${dir}_top_${name},
    max(v) FILTER (${filter} AND v > 0) AS ${prefix}${dir}_top_${name}_v`;
}

/**
 * HHI of world exports per product and year (GeoDep criterion 2): exporters are the partners of import-view data
 * (BACI), summed over every importer.
 */
export async function readWorldExportHhi(
  db: Db,
  q: { datasets: string[]; years: number[]; digits: number; basis: 'value' | 'quantity' },
): Promise<Map<string, number>> {
  const measure = q.basis === 'value' ? 'value' : 'quantity_kg';
  const filter = datasetYearFilter('', q.datasets, q.years);
  const rows = await db.all<{ year: number; product: string; hhi: number }>(
    `WITH e AS (
       SELECT year, left(product, ${Math.trunc(q.digits)}) AS product, partner, sum(${measure}) AS v
       FROM trade_flows
       WHERE ${filter.sql} AND flow = 'import'
         AND partner_is_country AND NOT confidential AND ${measure} IS NOT NULL
         AND classification IN ('CN8', 'HS6') AND strlen(period) = 4
       GROUP BY ALL)
     SELECT year, product, sum(v * v) / (sum(v) * sum(v)) AS hhi FROM e GROUP BY year, product HAVING sum(v) > 0`,
    filter.params,
  );
  return new Map(rows.map((r) => [`${r.year}|${r.product}`, r.hhi]));
}

export interface ExcludedFlows {
  scope: string;
  year: number;
  total: number;
  confidential: number;
  aggregate_partners: number;
  missing_quantity: number;
}

/** What the screen leaves out, per reporter scope and year: confidential codes, aggregate partners, no quantity. */
export async function readExcludedFlows(
  db: Db,
  q: Pick<ScreenQuery, 'datasets' | 'scopes' | 'years' | 'basis'>,
  flow: 'import' | 'export',
): Promise<ExcludedFlows[]> {
  const filter = datasetYearFilter('f.', q.datasets, q.years);
  const missingQuantity = q.basis === 'quantity' ? 'coalesce(sum(f.value) FILTER (f.quantity_kg IS NULL), 0)' : '0';
  return db.all<ExcludedFlows>(
    `WITH scopes AS (SELECT unnest($scope_ids) AS scope, unnest($scope_members) AS member)
     SELECT s.scope, f.year, coalesce(sum(f.value), 0) AS total,
            coalesce(sum(f.value) FILTER (f.confidential), 0) AS confidential,
            coalesce(sum(f.value) FILTER (list_contains($aggregates, f.partner) OR list_contains($aggregates, f.partner_code)), 0)
              AS aggregate_partners,
            ${missingQuantity} AS missing_quantity
     FROM trade_flows f JOIN scopes s ON f.reporter = s.member
     WHERE ${filter.sql} AND f.flow = $flow AND ${annualLeaves}
     GROUP BY s.scope, f.year ORDER BY s.scope, f.year`,
    {
      scope_ids: listValue(q.scopes.flatMap((s) => s.members.map(() => s.id))),
      scope_members: listValue(q.scopes.flatMap((s) => s.members)),
      ...filter.params,
      aggregates: listValue(aggregatePartnerCodes),
      flow,
    },
  );
}

/** EU member states (ISO3) on a date, from the dated `countries` reference table. */
export async function readEuMembers(db: Db, onDate: string): Promise<string[]> {
  const rows = await db.all<{ iso3: string }>(
    `SELECT iso3 FROM countries WHERE eu_from IS NOT NULL AND eu_from <= CAST($1 AS DATE)
       AND (eu_to IS NULL OR eu_to >= CAST($1 AS DATE)) ORDER BY iso3`,
    [onDate],
  );
  return rows.map((r) => r.iso3);
}

export interface CountryCodes {
  iso3: string;
  iso2: string | null;
  eurostat_geo: string | null;
  name_en: string;
  is_country: boolean;
}

/** Every country with the codes a user may type for it. */
export function readCountryCodes(db: Db): Promise<CountryCodes[]> {
  return db.all<CountryCodes>(
    'SELECT iso3, iso2, eurostat_geo, name_en, is_country FROM countries ORDER BY is_country DESC, iso3',
  );
}

/** A reporter as typed (ISO3, ISO2, Eurostat geo code, English name), countries before other territories. */
export function findCountryIn(countries: readonly CountryCodes[], text: string): CountryCodes | undefined {
  const t = text.trim();
  return countries.find(
    (c) =>
      c.iso3.toUpperCase() === t.toUpperCase() ||
      c.iso2?.toUpperCase() === t.toUpperCase() ||
      c.eurostat_geo?.toUpperCase() === t.toUpperCase() ||
      c.name_en.toLowerCase() === t.toLowerCase(),
  );
}

/** English names of countries by ISO3, for labels. */
export async function readCountryNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.all<{ iso3: string; name_en: string }>('SELECT iso3, name_en FROM countries');
  return new Map(rows.map((r) => [r.iso3, r.name_en]));
}

export async function tableExists(db: Db, name: string): Promise<boolean> {
  const row = await db.one<{ n: number }>('SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1', [
    name,
  ]);
  return (row?.n ?? 0) > 0;
}

/** A saved screening result: the Result as printed, and what it screened. */
export interface SavedScreen {
  id: string;
  preset: string;
  reporters: string;
  side: string;
  level: string;
  years: number[];
  datasets: string[];
  source: string | null;
  currency: string | null;
  trade_concept: string | null;
  strategic_list: string | null;
  products: number;
  dependent: number;
  created_at: Date;
}

/** The Result fields a saved screen keeps (src/domain/result.ts; kept structural so the store stays below domain). */
export interface SavedResult {
  columns: unknown[];
  rows: Record<string, unknown>[];
  provenance: unknown[];
  method: { id: string; version: string; params: Record<string, { value: unknown; assumed: boolean }> };
  warnings: string[];
}

/** Store a screen under an id, replacing an earlier one of the same id (the caller decides whether that is allowed). */
export async function writeScreenResult(
  db: Db,
  id: string,
  meta: Omit<SavedScreen, 'id' | 'created_at' | 'products' | 'dependent'>,
  result: SavedResult,
): Promise<void> {
  await db.transaction(async () => {
    await db.run('DELETE FROM screen_result_products WHERE result_id = $1', [id]);
    await db.run('DELETE FROM screen_results WHERE id = $1', [id]);
    await db.run(
      `INSERT INTO screen_results VALUES ($id, $preset, $reporters, $side, $level, $years, $datasets, $source, $currency,
         $trade_concept, $strategic_list, $products, $dependent, now(), $json)`,
      {
        id,
        preset: meta.preset,
        reporters: meta.reporters,
        side: meta.side,
        level: meta.level,
        years: listValue(meta.years),
        datasets: listValue(meta.datasets),
        source: meta.source,
        currency: meta.currency,
        trade_concept: meta.trade_concept,
        strategic_list: meta.strategic_list,
        products: result.rows.length,
        dependent: result.rows.filter((r) => r.dependent === true).length,
        json: JSON.stringify(result, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
      },
    );
    const appender = await db.connection.createAppender('screen_result_products');
    for (const r of result.rows) {
      appender.appendVarchar(id);
      appender.appendVarchar(String(r.reporter));
      appender.appendVarchar(String(r.product));
      appender.appendBoolean(r.dependent === true);
      if (typeof r.strategic === 'boolean') appender.appendBoolean(r.strategic);
      else appender.appendNull();
      const partner = r.main_supplier ?? r.main_market;
      if (typeof partner === 'string') appender.appendVarchar(partner);
      else appender.appendNull();
      if (typeof r.value === 'number') appender.appendDouble(r.value);
      else appender.appendNull();
      if (typeof r.currency === 'string') appender.appendVarchar(r.currency);
      else appender.appendNull();
      appender.endRow();
    }
    appender.closeSync();
  });
}

function savedRow(row: SavedScreen): SavedScreen {
  return {
    ...row,
    years: [...(row.years as Iterable<number>)].map(Number),
    datasets: [...(row.datasets as Iterable<string>)],
  };
}

/** Every saved screen, newest first. */
export async function readScreenResults(db: Db): Promise<SavedScreen[]> {
  const rows = await db.all<SavedScreen>(
    'SELECT * EXCLUDE (result_json) FROM screen_results ORDER BY created_at DESC, id',
  );
  return rows.map(savedRow);
}

/**
 * One saved screen by id, with its full Result; undefined when no such id. Other capabilities (the IO shock's
 * `--from-screen`) start from `result.rows` (reporter, product, dependent, strategic, main_supplier, value …).
 * @example const saved = await readScreenResult(db, 'fpb-be'); saved?.result.rows.filter((r) => r.dependent)
 */
export async function readScreenResult(
  db: Db,
  id: string,
): Promise<(SavedScreen & { result: SavedResult }) | undefined> {
  const row = await db.one<SavedScreen & { result_json: string }>('SELECT * FROM screen_results WHERE id = $1', [id]);
  if (!row) return undefined;
  const { result_json, ...meta } = row;
  return { ...savedRow(meta as SavedScreen), result: JSON.parse(result_json) as SavedResult };
}

/** The products of a saved screen, as stored for joins: dependent ones first. */
export function readScreenResultProducts(
  db: Db,
  id: string,
): Promise<
  {
    reporter: string;
    product: string;
    dependent: boolean;
    strategic: boolean | null;
    main_partner: string | null;
    value: number | null;
    currency: string | null;
  }[]
> {
  return db.all(
    `SELECT reporter, product, dependent, strategic, main_partner, value, currency FROM screen_result_products
     WHERE result_id = $1 ORDER BY dependent DESC, value DESC NULLS LAST, product`,
    [id],
  );
}

export async function deleteScreenResult(db: Db, id: string): Promise<boolean> {
  const found = await db.one<{ n: number }>('SELECT count(*) AS n FROM screen_results WHERE id = $1', [id]);
  if (!found?.n) return false;
  await db.transaction(async () => {
    await db.run('DELETE FROM screen_result_products WHERE result_id = $1', [id]);
    await db.run('DELETE FROM screen_results WHERE id = $1', [id]);
  });
  return true;
}

/**
 * HS6 → BEC Rev.4 codes from the `hs_bec` code table (importer `hs-bec`, migrations/124-hs-bec.ts), for one HS
 * edition when the table holds it, else every edition together; null when the table is empty or absent.
 */
export async function readHsBec(
  db: Db,
  edition: string | null,
): Promise<{ map: Map<string, string[]>; edition: string | null } | null> {
  if (!(await tableExists(db, 'hs_bec'))) return null;
  const editions = (await db.all<{ e: string }>('SELECT DISTINCT hs_edition AS e FROM hs_bec ORDER BY e')).map(
    (r) => r.e,
  );
  if (editions.length === 0) return null;
  const used = edition && editions.includes(edition) ? edition : null;
  const rows = await db.all<{ hs6: string; bec4: string }>(
    `SELECT DISTINCT hs6, bec4 FROM hs_bec WHERE ${used ? 'hs_edition = $1' : 'true'}`,
    used ? [used] : undefined,
  );
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.hs6, [...(map.get(r.hs6) ?? []), r.bec4]);
  return { map, edition: used };
}

export interface BasketCode {
  code: string;
  stage: string;
}

export interface FactsheetQuery {
  datasets: string[];
  members: string[];
  euBloc: boolean;
  reporter: string;
  years: number[];
  basket: BasketCode[];
  exports: 'reported' | 'mirror';
}

/**
 * Partner-level sums of a material's basket for a reporter: per year, stage, direction and partner, the value, the
 * quantity (kg) and the value that has a quantity. A trade row belongs to the basket code that is a prefix of its
 * product code (an HS6 code covers its CN8 codes); the caller passes codes that do not nest within a stage.
 */
export async function readFactsheetFlows(
  db: Db,
  q: FactsheetQuery,
): Promise<
  {
    year: number;
    stage: string;
    dir: 'm' | 'x';
    partner: string;
    is_country: boolean;
    intra: boolean;
    value: number;
    quantity_kg: number | null;
    value_with_quantity: number;
  }[]
> {
  const common = `f.dataset_id IN (SELECT unnest($datasets)) AND f.year IN (SELECT unnest($years)) AND NOT f.confidential
    AND ${annualLeaves} AND f.partner NOT IN (SELECT unnest($aggregates)) AND f.partner_code NOT IN (SELECT unnest($aggregates))`;
  const exportsSql =
    q.exports === 'reported'
      ? `SELECT f.year, f.product, 'x' AS dir, f.partner, f.partner_is_country AS is_country, f.value, f.quantity_kg
         FROM trade_flows f WHERE f.flow = 'export' AND f.reporter IN (SELECT unnest($members)) AND ${common}`
      : `SELECT f.year, f.product, 'x' AS dir, f.reporter AS partner, true AS is_country, f.value, f.quantity_kg
         FROM trade_flows f WHERE f.flow = 'import' AND f.partner IN (SELECT unnest($members)) AND ${common}`;
  return db.all(
    `WITH basket AS (SELECT unnest($codes) AS code, unnest($stages) AS stage),
     bloc AS (
       SELECT iso3 AS code FROM countries WHERE $eu_bloc AND eu_from IS NOT NULL AND eu_from <= DATE '2020-02-01'
         AND (eu_to IS NULL OR eu_to >= DATE '2020-02-01')
       UNION ALL SELECT $reporter WHERE NOT $eu_bloc),
     flows AS (
       SELECT f.year, f.product, 'm' AS dir, f.partner, f.partner_is_country AS is_country, f.value, f.quantity_kg
       FROM trade_flows f WHERE f.flow = 'import' AND f.reporter IN (SELECT unnest($members)) AND ${common}
       UNION ALL ${exportsSql})
     SELECT f.year, b.stage, f.dir, f.partner, f.is_country,
            CASE WHEN f.is_country THEN f.partner IN (SELECT code FROM bloc)
                 ELSE f.partner IN (SELECT unnest($intra_nc)) END AS intra,
            sum(f.value) AS value, sum(f.quantity_kg) AS quantity_kg,
            coalesce(sum(f.value) FILTER (f.quantity_kg IS NOT NULL), 0) AS value_with_quantity
     FROM flows f JOIN basket b ON starts_with(f.product, b.code)
     GROUP BY ALL ORDER BY f.year, b.stage, f.dir, value DESC`,
    {
      codes: listValue(q.basket.map((b) => b.code)),
      stages: listValue(q.basket.map((b) => b.stage)),
      eu_bloc: q.euBloc,
      reporter: q.reporter,
      members: listValue(q.members),
      datasets: listValue(q.datasets),
      years: listValue(q.years),
      aggregates: listValue(aggregatePartnerCodes),
      intra_nc: listValue(intraNonCountryCodes),
    },
  );
}

/** HS6 codes of materials from the World Mining Data map (`wmd_hs_map`, importer `wmd`), when it is in the store. */
export async function readWmdBasket(
  db: Db,
  materialIds: string[],
): Promise<
  {
    material_id: string;
    stage: string;
    hs6: string;
    hs_role: string;
    hs_description: string | null;
    dataset_id: string;
  }[]
> {
  if (!(await tableExists(db, 'wmd_hs_map'))) return [];
  return db.all(
    `SELECT DISTINCT material_id, stage, hs6, hs_role, hs_description, dataset_id FROM wmd_hs_map
     WHERE material_id IN (SELECT unnest($ids)) AND hs6 IS NOT NULL AND stage IS NOT NULL ORDER BY material_id, stage, hs6`,
    { ids: listValue(materialIds) },
  );
}

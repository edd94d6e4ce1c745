import { UsageError, UserError } from '../domain/errors.js';
import { type Column, type Result, type Row, result } from '../domain/result.js';
import { segmentOf, segmentOrder } from '../methods/dependency/segments.js';
import { stageOfProduct, stageOrder } from '../methods/dependency/stages.js';
import { churn, groupCounts, type ListedProduct, overlap } from '../methods/dependency/summaries.js';
import type { Db } from '../store/db.js';
import { readCountryNames, readHsBec } from '../store/screen-queries.js';

/**
 * Breakdowns of a screen's product rows (report digest part 4 D2–D4): who supplies the dependent goods (by number
 * and by value), at which stage of processing (HS→BEC→SoP), in which broad segment, how the list churns from year
 * to year, and how two lists overlap. They read a product Result (fresh or saved) and never re-run the screen.
 */

export const screenViews = [
  'products',
  'summary',
  'suppliers',
  'segments',
  'supplier-segments',
  'stages',
  'churn',
] as const;
export type ScreenView = (typeof screenViews)[number];
export type ScreenSelection = 'dependent' | 'strategic' | 'all';

/** Which rows a view counts: the dependent ones, or (with a strategic list) the dependent strategic ones. */
export function defaultSelection(products: Result): ScreenSelection {
  return products.method.params.strategic_list?.value ? 'strategic' : 'dependent';
}

export function selectRows(products: Result, only: ScreenSelection): Row[] {
  if (only === 'strategic' && !products.method.params.strategic_list?.value) {
    throw new UsageError('--only strategic needs a strategic list (pass --strategic LIST)');
  }
  return products.rows.filter(
    (r) => only === 'all' || (r.dependent === true && (only === 'dependent' || r.strategic === true)),
  );
}

function partnerColumn(products: Result): 'main_supplier' | 'main_market' {
  return products.columns.some((c) => c.name === 'main_market') ? 'main_market' : 'main_supplier';
}

function listed(rows: readonly Row[], column: string): ListedProduct[] {
  return rows.map((r) => ({
    product: String(r.product),
    partner: (r[column] as string | null) ?? null,
    value: typeof r.value === 'number' ? r.value : 0,
  }));
}

function derived(
  products: Result,
  view: string,
  only: ScreenSelection,
  columns: Column[],
  rows: Row[],
  warnings: string[] = [],
): Result {
  return result({
    columns,
    rows,
    provenance: products.provenance,
    method: {
      ...products.method,
      params: {
        ...products.method.params,
        view: { value: view, assumed: false, description: 'breakdown of the screened products' },
        only: {
          value: only,
          assumed: false,
          description: 'rows counted: dependent, strategic (dependent and on the list) or all',
        },
      },
    },
    warnings: [...products.warnings, ...warnings],
  });
}

const countColumns = (unit: string): Column[] => [
  { name: 'products', type: 'integer', description: 'number of products' },
  { name: 'product_share', type: 'number', unit: 'fraction', description: 'share of the counted products' },
  { name: 'value', type: 'number', unit, description: 'their value' },
  { name: 'value_share', type: 'number', unit: 'fraction', description: "share of the counted products' value" },
  { name: 'rank_by_count', type: 'integer' },
  { name: 'rank_by_value', type: 'integer' },
];

function byReporter(rows: readonly Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) out.set(String(r.reporter), [...(out.get(String(r.reporter)) ?? []), r]);
  return out;
}

/**
 * A breakdown of a screen. `products` returns the counted rows themselves.
 * @example await screenView(db, products, 'suppliers') // rows: { reporter: 'EU27', main_supplier: 'CHN', products: 67, value_share: 0.327, … }
 */
export async function screenView(
  db: Db,
  products: Result,
  view: ScreenView,
  only = defaultSelection(products),
): Promise<Result> {
  const rows = selectRows(products, only);
  const unit = String(products.method.params.currency?.value ?? '');
  const partner = partnerColumn(products);
  if (view === 'products') return { ...products, rows };
  if (view === 'summary') return summaryView(products, only);
  if (view === 'churn') {
    // Churn follows each product's dependent years, whether or not it is dependent over the whole window.
    const pool = only === 'strategic' ? products.rows.filter((r) => r.strategic === true) : products.rows;
    return churnView(products, pool, only);
  }
  const names = await readCountryNames(db);
  const all = byReporter(products.rows);
  const out: Row[] = [];
  const warnings: string[] = [];
  let groupColumns: Column[];
  let groupOf: (p: ListedProduct) => string;
  if (view === 'suppliers') {
    groupColumns = [
      {
        name: partner,
        type: 'string',
        description: partner === 'main_supplier' ? 'main supplier of the product' : 'main market of the product',
      },
      { name: 'name', type: 'string' },
    ];
    groupOf = (p) => p.partner ?? 'none';
  } else if (view === 'segments') {
    groupColumns = [{ name: 'segment', type: 'string', description: 'NBB segment by HS chapter (assumed mapping)' }];
    groupOf = (p) => segmentOf(p.product);
  } else if (view === 'supplier-segments') {
    groupColumns = [
      { name: partner, type: 'string' },
      { name: 'segment', type: 'string', description: 'NBB segment by HS chapter (assumed mapping)' },
    ];
    groupOf = (p) => `${p.partner ?? 'none'}|${segmentOf(p.product)}`;
  } else {
    const nomenclature = String(products.method.params.nomenclature?.value ?? '');
    const hsBec = await readHsBec(db, /^HS\d\d$/.test(nomenclature) ? nomenclature : null);
    if (!hsBec) {
      throw new UserError(
        'stage of processing needs the HS→BEC table, which is not in the store',
        'Import it first: `radar import hs-bec HS2017_to_BEC4.csv` (UNSD HS–BEC correlation).',
      );
    }
    const bec = hsBec.map;
    if (!hsBec.edition) {
      warnings.push(
        `HS→BEC links of every HS edition are used together (the screen's codes: ${nomenclature || 'edition unknown'})`,
      );
    }
    if (String(products.method.params.level?.value) === 'HS4') {
      warnings.push('HS4 products map to BEC only when every HS6 under them agrees');
    }
    groupColumns = [
      { name: 'stage', type: 'string', description: 'UNCTAD stage of processing from BEC Rev.4 (mapping assumed)' },
    ];
    groupOf = (p) => stageOfProduct(becOf(p.product, bec));
  }
  for (const [reporter, rs] of byReporter(rows)) {
    const items = listed(rs, partner);
    const allValue = (all.get(reporter) ?? []).reduce((s, r) => s + (typeof r.value === 'number' ? r.value : 0), 0);
    for (const g of groupCounts(items, groupOf)) {
      const row: Row = { reporter };
      if (view === 'suppliers') {
        row[partner] = g.group;
        row.name = names.get(g.group) ?? null;
      } else if (view === 'supplier-segments') {
        const [p, s] = g.group.split('|');
        row[partner] = p;
        row.segment = s;
      } else row[view === 'segments' ? 'segment' : 'stage'] = g.group;
      Object.assign(row, {
        products: g.products,
        product_share: round(g.productShare),
        value: round(g.value, 2),
        value_share: round(g.valueShare),
        share_of_all_value: allValue > 0 ? round(g.value / allValue) : null,
        rank_by_count: g.rankByCount,
        rank_by_value: g.rankByValue,
      });
      out.push(row);
    }
  }
  if (view === 'segments' || view === 'stages') {
    const order: readonly string[] = view === 'segments' ? segmentOrder : stageOrder;
    const key = view === 'segments' ? 'segment' : 'stage';
    out.sort(
      (a, b) =>
        String(a.reporter).localeCompare(String(b.reporter)) ||
        order.indexOf(String(a[key])) - order.indexOf(String(b[key])),
    );
  }
  return derived(
    products,
    view,
    only,
    [
      { name: 'reporter', type: 'string' },
      ...groupColumns,
      ...countColumns(unit),
      {
        name: 'share_of_all_value',
        type: 'number',
        unit: 'fraction',
        description: 'their value as a share of the value of every screened product (e.g. of all extra-EU imports)',
      },
    ],
    out,
    warnings,
  );
}

/** BEC codes of a product: its HS6 code, or every HS6 under an HS4 code. */
function becOf(product: string, bec: Map<string, string[]>): string[] {
  if (product.length >= 6) return bec.get(product.slice(0, 6)) ?? [];
  return [...bec.entries()].filter(([hs]) => hs.startsWith(product)).flatMap(([, b]) => b);
}

/**
 * Counts per reporter, as the studies publish them: products screened, dependent, dependent and strategic, and
 * their value as a share of all screened value (EC 2021: 390 / 137 / 6 % of extra-EU imports).
 */
function summaryView(products: Result, only: ScreenSelection): Result {
  const unit = String(products.method.params.currency?.value ?? '');
  const hasList = Boolean(products.method.params.strategic_list?.value);
  const out: Row[] = [];
  for (const [reporter, rs] of byReporter(products.rows)) {
    const value = (xs: Row[]) => xs.reduce((s, r) => s + (typeof r.value === 'number' ? r.value : 0), 0);
    const dependent = rs.filter((r) => r.dependent === true);
    const strategic = dependent.filter((r) => r.strategic === true);
    const all = value(rs);
    out.push({
      reporter,
      products: rs.filter((r) => typeof r.value === 'number' && r.value > 0).length,
      dependent: dependent.length,
      dependent_value: round(value(dependent), 2),
      dependent_value_share: all > 0 ? round(value(dependent) / all) : null,
      strategic: hasList ? strategic.length : null,
      strategic_value: hasList ? round(value(strategic), 2) : null,
      strategic_value_share: hasList && all > 0 ? round(value(strategic) / all) : null,
      value: round(all, 2),
    });
  }
  return derived(
    products,
    'summary',
    only,
    [
      { name: 'reporter', type: 'string' },
      { name: 'products', type: 'integer', description: 'products with a flow on the HHI partner set' },
      { name: 'dependent', type: 'integer' },
      { name: 'dependent_value', type: 'number', unit },
      { name: 'dependent_value_share', type: 'number', unit: 'fraction', description: 'of the value of every product' },
      { name: 'strategic', type: 'integer', description: 'dependent and on the strategic list' },
      { name: 'strategic_value', type: 'number', unit },
      { name: 'strategic_value_share', type: 'number', unit: 'fraction' },
      { name: 'value', type: 'number', unit, description: 'value of every product (e.g. all extra-EU imports)' },
    ],
    out,
  );
}

function churnView(products: Result, rows: readonly Row[], only: ScreenSelection): Result {
  const years = (products.method.params.years?.value as number[] | undefined) ?? [];
  if (years.length < 2) throw new UsageError('churn needs a screen over several years (e.g. --years 2017-2022)');
  const out: Row[] = [];
  for (const [reporter, rs] of byReporter(rows)) {
    const map = new Map(rs.map((r) => [String(r.product), (r.dependent_years as number[]) ?? []]));
    for (const { exitRate, enteredRate, ...c } of churn(years, map)) {
      out.push({ reporter, ...c, exit_rate: round(exitRate), entry_share: round(enteredRate) });
    }
  }
  return derived(
    products,
    'churn',
    only,
    [
      { name: 'reporter', type: 'string' },
      { name: 'year', type: 'integer' },
      { name: 'dependent', type: 'integer', description: 'products dependent in the year' },
      { name: 'entered', type: 'integer', description: 'dependent this year, not the year before' },
      { name: 'exited', type: 'integer', description: 'dependent the year before, not this year' },
      { name: 'stayed', type: 'integer' },
      { name: 'exit_rate', type: 'number', unit: 'fraction', description: 'exited / dependent the year before' },
      { name: 'entry_share', type: 'number', unit: 'fraction', description: 'entered / dependent this year' },
    ],
    out,
    only === 'strategic' ? ['churn counts the products on the strategic list'] : [],
  );
}

export interface OverlapResult extends Result {
  summary: Record<string, number | string>;
}

/**
 * Overlap of two screens: the products counted in A (e.g. the EU's 139 strategic dependencies) against B (e.g. a
 * Belgian screen): in both lists, only in one, and B's figures for each of A's products: whether B is a net
 * importer (imports > exports), its value, extra-EU share and main supplier (SERV Fig. 89; NBB 214 ∩ 178 = 70).
 * @example screenOverlap(eu, be) // summary: { a: 139, b: 277, both: 70, a_b_net_importer: 94, … }
 */
export function screenOverlap(
  a: Result,
  b: Result,
  onlyA = defaultSelection(a),
  onlyB = defaultSelection(b),
): OverlapResult {
  const partnerA = partnerColumn(a);
  const partnerB = partnerColumn(b);
  const A = new Map(selectRows(a, onlyA).map((r) => [String(r.product), r]));
  const B = new Map(selectRows(b, onlyB).map((r) => [String(r.product), r]));
  const bAll = new Map(b.rows.map((r) => [String(r.product), r]));
  const o = overlap(A.keys(), B.keys());
  const rows: Row[] = [...A.keys(), ...o.onlyB].map((product) => {
    const ra = A.get(product);
    const rb = bAll.get(product);
    const imports = Number(rb?.imports_total ?? 0);
    const exports = Number(rb?.exports_total ?? 0);
    return {
      product,
      in_a: A.has(product),
      in_b: B.has(product),
      a_value: ra?.value ?? null,
      a_main_partner: ra?.[partnerA] ?? null,
      b_dependent: rb?.dependent ?? null,
      b_net_importer: rb ? imports > exports : null,
      b_imports: rb ? imports : null,
      b_exports: rb ? exports : null,
      b_extra_eu_share: rb?.extra_eu_share ?? null,
      b_value: rb?.value ?? null,
      b_main_partner: rb?.[partnerB] ?? null,
    };
  });
  const aRows = rows.filter((r) => r.in_a);
  const netImporter = aRows.filter((r) => r.b_net_importer === true);
  const sum = (xs: Row[], k: string) => xs.reduce((s, r) => s + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
  const summary = {
    a: A.size,
    b: B.size,
    both: o.both.length,
    only_a: o.onlyA.length,
    only_b: o.onlyB.length,
    a_b_net_importer: netImporter.length,
    a_b_net_importer_imports: round(sum(netImporter, 'b_imports'), 2) ?? 0,
    a_b_net_importer_extra_value: round(sum(netImporter, 'b_value'), 2) ?? 0,
    a_b_missing: aRows.filter((r) => r.b_dependent === null).length,
  };
  const unitA = String(a.method.params.currency?.value ?? '');
  const unitB = String(b.method.params.currency?.value ?? '');
  const warnings = [...a.warnings.map((w) => `A: ${w}`), ...b.warnings.map((w) => `B: ${w}`)];
  if (a.method.params.level?.value !== b.method.params.level?.value) {
    warnings.push(
      `A is at ${a.method.params.level?.value}, B at ${b.method.params.level?.value}: codes are matched literally`,
    );
  }
  return {
    ...result({
      columns: [
        { name: 'product', type: 'string' },
        { name: 'in_a', type: 'boolean', description: `counted in A (${onlyA})` },
        { name: 'in_b', type: 'boolean', description: `counted in B (${onlyB})` },
        { name: 'a_value', type: 'number', unit: unitA },
        { name: 'a_main_partner', type: 'string' },
        { name: 'b_dependent', type: 'boolean', description: 'dependent in B (null: not traded by B)' },
        { name: 'b_net_importer', type: 'boolean', description: 'B imports more than it exports' },
        { name: 'b_imports', type: 'number', unit: unitB },
        { name: 'b_exports', type: 'number', unit: unitB },
        { name: 'b_extra_eu_share', type: 'number', unit: 'fraction' },
        {
          name: 'b_value',
          type: 'number',
          unit: unitB,
          description: "B's value on its HHI partner set (extra-EU for EC/NBB)",
        },
        { name: 'b_main_partner', type: 'string' },
      ],
      rows,
      provenance: [...a.provenance, ...b.provenance.filter((p) => !a.provenance.some((q) => q.dataset === p.dataset))],
      method: {
        id: 'screen.overlap',
        version: '1',
        params: {
          a: {
            value: a.method.params.preset?.value ?? a.method.id,
            assumed: false,
            description: `${a.method.params.reporter?.value}`,
          },
          b: {
            value: b.method.params.preset?.value ?? b.method.id,
            assumed: false,
            description: `${b.method.params.reporter?.value}`,
          },
          only_a: { value: onlyA, assumed: false },
          only_b: { value: onlyB, assumed: false },
        },
      },
      warnings,
    }),
    summary,
  };
}

function round(x: number | null, digits = 6): number | null {
  return x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits));
}

import { UsageError, UserError } from '../domain/errors.js';
import { type Column, type Result, type Row, result } from '../domain/result.js';
import {
  type FactsheetPartners,
  factsheetByYear,
  type PartnerFlow,
  partnerShares,
} from '../methods/dependency/factsheet.js';
import type { Db } from '../store/db.js';
import { readGroupMembers } from '../store/reference-queries.js';
import { type BasketCode, readCountryNames, readFactsheetFlows, readWmdBasket } from '../store/screen-queries.js';
import { resolveMaterial } from './material-info.js';
import { provenance } from './provenance.js';
import { resolveReporter, selectTradeData } from './screen-data.js';
import { parseYears } from './screen-options.js';
import { readBasketFile } from './trade-factsheet-baskets.js';

export interface TradeFactsheetOptions {
  reporter?: string;
  /** "2018-2024" etc.; default every year of the chosen trade data. */
  years?: string;
  partners?: FactsheetPartners;
  /** extraction, processing, manufacturing, or all. */
  stage?: string;
  by?: 'year' | 'partner';
  top?: number;
  source?: string;
  dataset?: string[];
}

/**
 * A material's trade over the years, from its code basket (reference/material-hs-baskets.csv and World Mining
 * Data's HS map): tonnes, value per kg, partner shares and HHI, and the import:export ratio, per year and stage.
 * @example await tradeFactsheet(db, 'magnesium', { reporter: 'EU27', years: '2018-2024' })
 * // rows: { year: 2022, stage: 'processing', import_value: …, import_tonnes: …, import_unit_value: …, top_partner: 'CHN', top_share: 0.85, … }
 */
export async function tradeFactsheet(
  db: Db,
  materialText: string,
  options: TradeFactsheetOptions = {},
): Promise<Result> {
  const material = await resolveMaterial(db, materialText);
  const reporter = await resolveReporter(db, options.reporter ?? 'EU27');
  const partners = options.partners ?? 'extra';
  if (!['extra', 'all'].includes(partners))
    throw new UsageError(`invalid partners: "${partners}" (expected extra or all)`);
  const by = options.by ?? 'year';
  if (!['year', 'partner'].includes(by)) throw new UsageError(`invalid view: "${by}" (expected year or partner)`);
  const selection = await selectTradeData(db, {
    dataset: options.dataset,
    source: options.source,
    years: options.years ? parseYears(options.years) : [],
    level: 'HS6',
    preset: 'ec2021',
    basis: 'value',
  });
  const classification = selection.datasets.every((d) => d.classification === 'CN8') ? 'CN8' : 'HS6';
  const basket = await materialBasket(db, material.id, classification, options.stage ?? 'all');
  const warnings = [...selection.warnings, ...basket.warnings];
  const flows: PartnerFlow[] = (
    await readFactsheetFlows(db, {
      datasets: selection.datasets.map((d) => d.dataset_id),
      members: reporter.scope.members,
      euBloc: reporter.scope.euBloc,
      reporter: reporter.scope.id,
      years: selection.years,
      basket: basket.codes,
      exports: selection.exports,
    })
  ).map((r) => ({
    year: Number(r.year),
    stage: r.stage,
    dir: r.dir,
    partner: r.partner,
    isCountry: r.is_country,
    intra: r.intra,
    value: r.value,
    quantityKg: r.quantity_kg,
    valueWithQuantity: r.value_with_quantity,
  }));
  if (flows.length === 0) {
    warnings.push(
      `no ${selection.source} trade of ${basket.codes.map((c) => c.code).join(', ')} for ${reporter.scope.id} in ${selection.years.join(', ')}`,
    );
  }
  const currency = selection.currency;
  const names = await readCountryNames(db);
  const set =
    partners === 'extra'
      ? reporter.scope.euBloc
        ? 'extra-EU'
        : `partners other than ${reporter.scope.id}`
      : 'all partners';
  const { columns, rows } =
    by === 'year'
      ? yearRows(flows, partners, currency, set, names)
      : partnerRows(flows, partners, currency, set, names, options.top ?? 10);
  return result({
    columns,
    rows,
    provenance: await provenance(db, [...selection.datasets.map((d) => d.dataset_id), ...basket.datasets]),
    method: {
      id: 'trade.factsheet',
      version: '1',
      params: {
        material: { value: material.id, assumed: false, description: material.name_en },
        reporter: { value: reporter.scope.id, assumed: false, description: reporter.name },
        partners: {
          value: partners,
          assumed: options.partners === undefined,
          description: `imports and exports with ${set}`,
        },
        stage: { value: options.stage ?? 'all', assumed: false },
        basket: {
          value: basket.codes.map((c) => `${c.stage}:${c.code}`),
          assumed: false,
          description: `${classification} codes from ${basket.sources.join(' and ')}`,
        },
        years: { value: selection.years, assumed: false },
        source: { value: selection.source, assumed: false },
        currency: { value: currency, assumed: false },
        exports: {
          value: selection.exports,
          assumed: false,
          description: selection.exports === 'mirror' ? "mirrored from partners' imports (BACI)" : 'as reported',
        },
      },
    },
    warnings,
  });
}

/** The codes of a material (or of the group it trades in), at the data's classification, not nested in a stage. */
async function materialBasket(db: Db, materialId: string, classification: 'CN8' | 'HS6', stage: string) {
  const members = (await readGroupMembers(db, materialId)).map((m) => m.material_id);
  const fileRows = readBasketFile();
  const wmd = await readWmdBasket(db, [materialId, ...members]);
  const warnings: string[] = [];
  const pick = (ids: string[]) => {
    const own = fileRows.filter((r) => ids.includes(r.material_id));
    const cn8 = own.filter((r) => r.classification === 'CN8');
    const chosen =
      classification === 'CN8' && cn8.length
        ? [...cn8, ...own.filter((r) => r.classification === 'HS6' && !cn8.some((c) => c.stage === r.stage))]
        : own.filter((r) => r.classification === 'HS6');
    const fromWmd = wmd.filter((r) => ids.includes(r.material_id));
    return { chosen, fromWmd };
  };
  let ids = [materialId, ...members];
  let { chosen, fromWmd } = pick(ids);
  if (chosen.length === 0 && fromWmd.length === 0) {
    const groups = (
      await db.all<{ group_id: string }>(
        'SELECT group_id FROM group_members WHERE material_id = $1 ORDER BY group_id',
        [materialId],
      )
    ).map((g) => g.group_id);
    for (const g of groups) {
      ({ chosen, fromWmd } = pick([g]));
      if (chosen.length || fromWmd.length) {
        warnings.push(`${materialId} has no code of its own: showing the codes of its group ${g}`);
        ids = [g];
        break;
      }
    }
  }
  const codes = new Map<string, BasketCode>();
  for (const r of chosen) codes.set(`${r.stage}|${r.code}`, { code: r.code, stage: r.stage });
  for (const r of fromWmd)
    if (![...codes.values()].some((c) => c.code === r.hs6))
      codes.set(`${r.stage}|${r.hs6}`, { code: r.hs6, stage: r.stage });
  let list = [...codes.values()].filter((c) => stage === 'all' || c.stage === stage);
  if (list.length === 0) {
    throw new UserError(
      `no trade codes for ${ids.join(', ')}${stage === 'all' ? '' : ` at stage ${stage}`}`,
      'Add rows to reference/material-hs-baskets.csv (material_id, stage, classification, code, source…) or import the World Mining Data HS map (radar import wmd).',
    );
  }
  // A code nested under another code of the same stage would count its trade twice.
  list = list.filter(
    (c) => !list.some((o) => o !== c && o.stage === c.stage && c.code.startsWith(o.code) && o.code !== c.code),
  );
  for (const r of chosen.filter((r) => r.note)) warnings.push(`${r.code}: ${r.note}`);
  return {
    codes: list.sort((a, b) => a.stage.localeCompare(b.stage) || a.code.localeCompare(b.code)),
    sources: [
      ...(chosen.length ? ['reference/material-hs-baskets.csv'] : []),
      ...(fromWmd.length ? ['World Mining Data HS map'] : []),
    ],
    datasets: [...new Set(fromWmd.map((r) => r.dataset_id))],
    warnings: [...new Set(warnings)],
  };
}

const round = (x: number | null, digits = 6) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));

function yearRows(
  flows: PartnerFlow[],
  set: FactsheetPartners,
  currency: string,
  label: string,
  names: Map<string, string>,
) {
  const rows: Row[] = factsheetByYear(flows, set, 3).map((y) => ({
    year: y.year,
    stage: y.stage,
    import_value: round(y.importValue, 2),
    import_tonnes: round(y.importTonnes, 3),
    import_unit_value: round(y.importUnitValue, 4),
    export_value: round(y.exportValue, 2),
    export_tonnes: round(y.exportTonnes, 3),
    export_unit_value: round(y.exportUnitValue, 4),
    import_export_ratio: round(y.ratioValue, 4),
    import_export_ratio_tonnes: round(y.ratioTonnes, 4),
    hhi: round(y.hhi),
    partners: y.partners,
    top_partner: y.top[0]?.partner ?? null,
    top_partner_name: y.top[0] ? (names.get(y.top[0].partner) ?? null) : null,
    top_share: round(y.top[0]?.share ?? null),
    second_partner: y.top[1]?.partner ?? null,
    second_share: round(y.top[1]?.share ?? null),
    third_partner: y.top[2]?.partner ?? null,
    third_share: round(y.top[2]?.share ?? null),
    quantity_coverage: round(y.quantityCoverage, 4),
  }));
  const columns: Column[] = [
    { name: 'year', type: 'integer' },
    { name: 'stage', type: 'string', description: 'basket stage: extraction, processing, manufacturing' },
    { name: 'import_value', type: 'number', unit: currency, description: `imports from ${label}` },
    { name: 'import_tonnes', type: 'number', unit: 't', description: 'imports with a reported quantity' },
    { name: 'import_unit_value', type: 'number', unit: `${currency}/kg` },
    { name: 'export_value', type: 'number', unit: currency, description: `exports to ${label}` },
    { name: 'export_tonnes', type: 'number', unit: 't' },
    { name: 'export_unit_value', type: 'number', unit: `${currency}/kg` },
    { name: 'import_export_ratio', type: 'number', unit: 'ratio', description: 'by value; null without exports' },
    { name: 'import_export_ratio_tonnes', type: 'number', unit: 'ratio', description: 'by tonnes' },
    { name: 'hhi', type: 'number', unit: '0–1', description: `HHI of imports over partner countries (${label})` },
    { name: 'partners', type: 'integer', description: 'partner countries' },
    { name: 'top_partner', type: 'string' },
    { name: 'top_partner_name', type: 'string' },
    { name: 'top_share', type: 'number', unit: 'fraction', description: 'share of import value' },
    { name: 'second_partner', type: 'string' },
    { name: 'second_share', type: 'number', unit: 'fraction' },
    { name: 'third_partner', type: 'string' },
    { name: 'third_share', type: 'number', unit: 'fraction' },
    {
      name: 'quantity_coverage',
      type: 'number',
      unit: 'fraction',
      description: 'share of import value with a quantity',
    },
  ];
  return { columns, rows };
}

function partnerRows(
  flows: PartnerFlow[],
  set: FactsheetPartners,
  currency: string,
  label: string,
  names: Map<string, string>,
  top: number,
) {
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`invalid top: ${top} (expected a whole number ≥ 1)`);
  const rows: Row[] = partnerShares(flows, set, top).map((p) => ({
    year: p.year,
    stage: p.stage,
    partner: p.partner,
    name: names.get(p.partner) ?? null,
    value: round(p.value, 2),
    value_share: round(p.valueShare),
    tonnes: round(p.tonnes, 3),
    tonnes_share: round(p.tonnesShare),
    unit_value: round(p.unitValue, 4),
  }));
  const columns: Column[] = [
    { name: 'year', type: 'integer' },
    { name: 'stage', type: 'string' },
    { name: 'partner', type: 'string', description: `import partner (${label}); "other" sums the rest` },
    { name: 'name', type: 'string' },
    { name: 'value', type: 'number', unit: currency },
    { name: 'value_share', type: 'number', unit: 'fraction' },
    { name: 'tonnes', type: 'number', unit: 't' },
    { name: 'tonnes_share', type: 'number', unit: 'fraction' },
    { name: 'unit_value', type: 'number', unit: `${currency}/kg` },
  ];
  return { columns, rows };
}

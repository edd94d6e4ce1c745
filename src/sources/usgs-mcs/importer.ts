import { UserError } from '../../domain/errors.js';
import {
  type CountryLookup,
  countryLookup,
  type MaterialLookup,
  materialLookup,
  Unresolved,
} from '../eu-crm-study/resolve-names.js';
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
import { type ProductionRow, productionSpec } from '../wmd/production-table.js';
import { stageOf, usgsMaterial, usgsValue } from './values.js';

/**
 * USGS Mineral Commodity Summaries data releases (US public domain). Recognised by header:
 * - the long `MCS20xx_Commodities_Data.csv` (one row per chapter × country × statistic × year; Windows-1252 in the
 *   original): production rows → `production`, all other statistics → `usgs_mcs_statistics`;
 * - the critical-minerals salient table (T5 in MCS2025, T7 in MCS2026) → `usgs_mcs_salient`;
 * - US net import reliance (Fig. 2) → `usgs_mcs_nir`; critical-mineral end uses (T4) → `usgs_mcs_end_uses`.
 */
export const importer: Importer = {
  id: 'usgs-mcs',
  title: 'USGS Mineral Commodity Summaries (data release)',
  licence: 'US public domain (USGS)',
  url: 'https://www.usgs.gov/centers/national-minerals-information-center/mineral-commodity-summaries',
  accepts:
    'MCS20xx_Commodities_Data.csv (long), MCS20xx_T5/T7_Critical_Minerals_Salient.csv, ' +
    'MCS20xx_Fig2_Net_Import_Reliance.csv, MCS20xx_T4_Critical_Minerals_End_Use.csv',
  tables: ['production', 'usgs_mcs_statistics', 'usgs_mcs_salient', 'usgs_mcs_nir', 'usgs_mcs_end_uses'],
  load,
};

const longHeader = [
  'MCS chapter',
  'Section',
  'Commodity',
  'Country',
  'Statistics',
  'Statistics_detail',
  'Unit',
  'Year',
  'Value',
  'Notes',
] as const;
const salientHeader = [
  'Source',
  'Year',
  'Critical_mineral',
  'Primary_prod',
  'Secondary_prod',
  'Prod_notes',
  'Apparent_Consumption',
  'Consumption_Notes',
  'Net_Import_Reliance',
  'Primary_import_source',
  'Import_source_notes',
  'Leading_source_country',
  'Leading_country_prod',
  'Leading_source_precent_world',
  'World_total_prod',
  'World_prod_notes',
] as const;
const nirHeader = [
  'Source',
  'Import_Share_Order',
  'Commodity',
  'Net_Import_Reliance_pct_',
  'Major_Import_Sources',
  'Notes',
];
const endUseHeader = ['Source', 'Critical Mineral', 'Primary Applications', 'Category_Note'] as const;

type Kind = 'long' | 'salient' | 'nir' | 'end-use';

function kindOf(header: CsvRecord | undefined): Kind | null {
  const cells = header?.fields.map(cleanCell) ?? [];
  const starts = (expected: readonly string[]) => expected.every((name, i) => (cells[i] ?? '').startsWith(name));
  if (starts(longHeader) && (cells[10] ?? '').startsWith('Is critical mineral')) return 'long';
  if (starts(salientHeader)) return 'salient';
  if (starts(nirHeader)) return 'nir';
  if (starts(endUseHeader)) return 'end-use';
  return null;
}

interface StatisticRow extends Record<string, unknown> {
  dataset_id: string;
  chapter: string;
  section: string;
  commodity: string;
  material_id: string | null;
  country_iso3: string | null;
  country_name: string;
  is_aggregate: boolean;
  statistic: string;
  statistic_detail: string | null;
  unit: string | null;
  year: number;
  value: number | null;
  value_text: string;
  flag: string | null;
  notes: string | null;
  source_line: number;
}

const statisticSpec: TableSpec<StatisticRow> = {
  table: 'usgs_mcs_statistics',
  columns: [
    ['dataset_id', 'varchar'],
    ['chapter', 'varchar'],
    ['section', 'varchar'],
    ['commodity', 'varchar'],
    ['material_id', 'varchar'],
    ['country_iso3', 'varchar'],
    ['country_name', 'varchar'],
    ['is_aggregate', 'boolean'],
    ['statistic', 'varchar'],
    ['statistic_detail', 'varchar'],
    ['unit', 'varchar'],
    ['year', 'integer'],
    ['value', 'double'],
    ['value_text', 'varchar'],
    ['flag', 'varchar'],
    ['notes', 'varchar'],
    ['source_line', 'integer'],
  ],
};

interface SalientRow extends Record<string, unknown> {
  source_line: number;
}

const salientSpec: TableSpec<SalientRow> = {
  table: 'usgs_mcs_salient',
  columns: [
    ['dataset_id', 'varchar'],
    ['edition', 'varchar'],
    ['year_label', 'varchar'],
    ['mineral', 'varchar'],
    ['material_id', 'varchar'],
    ['primary_prod', 'double'],
    ['primary_prod_text', 'varchar'],
    ['secondary_prod', 'double'],
    ['secondary_prod_text', 'varchar'],
    ['prod_notes', 'varchar'],
    ['apparent_consumption', 'double'],
    ['apparent_consumption_text', 'varchar'],
    ['consumption_notes', 'varchar'],
    ['net_import_reliance', 'double'],
    ['net_import_reliance_text', 'varchar'],
    ['net_import_reliance_flag', 'varchar'],
    ['primary_import_source', 'varchar'],
    ['primary_import_source_iso3', 'varchar'],
    ['import_source_notes', 'varchar'],
    ['leading_country', 'varchar'],
    ['leading_country_iso3', 'varchar'],
    ['leading_country_prod', 'double'],
    ['leading_country_share', 'double'],
    ['world_total_prod', 'double'],
    ['world_prod_notes', 'varchar'],
    ['source_line', 'integer'],
  ],
};

const nirSpec: TableSpec<SalientRow> = {
  table: 'usgs_mcs_nir',
  columns: [
    ['dataset_id', 'varchar'],
    ['edition', 'varchar'],
    ['import_share_order', 'integer'],
    ['commodity', 'varchar'],
    ['material_id', 'varchar'],
    ['year', 'integer'],
    ['net_import_reliance', 'double'],
    ['net_import_reliance_text', 'varchar'],
    ['net_import_reliance_flag', 'varchar'],
    ['major_import_sources', 'varchar'],
    ['notes', 'varchar'],
    ['source_line', 'integer'],
  ],
};

const endUseSpec: TableSpec<SalientRow> = {
  table: 'usgs_mcs_end_uses',
  columns: [
    ['dataset_id', 'varchar'],
    ['edition', 'varchar'],
    ['mineral', 'varchar'],
    ['material_id', 'varchar'],
    ['primary_applications', 'varchar'],
    ['category_note', 'varchar'],
    ['source_line', 'integer'],
  ],
};

interface Context {
  datasetId: string;
  materials: MaterialLookup;
  countries: CountryLookup;
  unresolvedMaterials: Unresolved;
  unresolvedCountries: Unresolved;
}

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const c: Context = {
    datasetId: ctx.datasetId,
    materials: await materialLookup(ctx.db),
    countries: await countryLookup(ctx.db),
    unresolvedMaterials: new Unresolved(),
    unresolvedCountries: new Unresolved(),
  };
  const production: ProductionRow[] = [];
  const statistics: StatisticRow[] = [];
  const salient: SalientRow[] = [];
  const nir: SalientRow[] = [];
  const endUses: SalientRow[] = [];
  const editions = new Set<string>();
  const encodings: Record<string, string> = {};
  for (const source of ctx.files) {
    const file = readText(source.path, source.name);
    encodings[file.name] = file.encoding;
    const [header, ...records] = readCsv(file);
    const kind = kindOf(header);
    const edition = /MCS\s?(\d{4})/i.exec(file.name)?.[1];
    if (edition) editions.add(`MCS${edition}`);
    if (kind === 'long') parseLong(file, records, c, production, statistics);
    else if (kind === 'salient') salient.push(...parseSalient(file, records, c));
    else if (kind === 'nir') nir.push(...parseNir(file, header as CsvRecord, records, c));
    else if (kind === 'end-use') endUses.push(...parseEndUses(file, records, c));
    else {
      throw new UserError(
        `${file.name}:${header?.line ?? 1}: not a USGS MCS data-release table: header "${header?.fields.join(',') ?? ''}" ` +
          `matches none of: "${longHeader.join(',')},Is critical mineral …" (long data), "${salientHeader.join(',')}" ` +
          `(salient), "${nirHeader.join(',')}…" (net import reliance), "${endUseHeader.join(',')}" (end uses). ` +
          'Nothing was imported.',
      );
    }
    ctx.progress(production.length + statistics.length + salient.length + nir.length + endUses.length);
  }
  const m = c.unresolvedMaterials.warning('commodity names (no Radar material)', 'material_id');
  if (m) ctx.warn(m);
  const k = c.unresolvedCountries.warning('country names', 'country_iso3');
  if (k) ctx.warn(k);
  const rows =
    (await writeRows(ctx.db, productionSpec, production)) +
    (await writeRows(ctx.db, statisticSpec, statistics)) +
    (await writeRows(ctx.db, salientSpec, salient)) +
    (await writeRows(ctx.db, nirSpec, nir)) +
    (await writeRows(ctx.db, endUseSpec, endUses));
  const sorted = [...editions].sort();
  return {
    rows,
    vintage: sorted.length ? sorted.join('+') : null,
    params: {
      encodings,
      rows: {
        production: production.length,
        statistics: statistics.length,
        salient: salient.length,
        nir: nir.length,
        end_uses: endUses.length,
      },
    },
  };
}

function material(c: Context, name: string): string | null {
  const id = usgsMaterial(c.materials, name);
  if (!id) c.unresolvedMaterials.add(name.trim());
  return id;
}

function country(c: Context, name: string): { iso3: string | null; aggregate: boolean } {
  if (name === '') return { iso3: null, aggregate: false };
  const found = c.countries.byName(name);
  if (!found.known) c.unresolvedCountries.add(name);
  return found;
}

function parseLong(
  file: TextFile,
  records: CsvRecord[],
  c: Context,
  production: ProductionRow[],
  statistics: StatisticRow[],
): void {
  const columns = [...longHeader, 'Is critical mineral', 'Other notes'];
  const seen = new Map<string, number>();
  for (const record of records) {
    const cells = new Cells(file.name, record, columns);
    const chapter = cells.text(0);
    const section = cells.text(1);
    const commodity = cells.text(2);
    if (commodity === '') cells.fail(2, 'empty commodity');
    const countryName = cells.text(3);
    const statistic = cells.text(4);
    const detail = cells.text(5);
    const unit = cells.text(6);
    const year = cells.integer(7);
    if (year < 1900 || year > 2100) cells.fail(7, `${year} is not a year`);
    const value = usgsValue(cells, 8);
    const notes = cells.text(9) || null;
    const key = [chapter, section, commodity, countryName, statistic, detail, year].join('|');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      failAt(
        file.name,
        record.line,
        undefined,
        `duplicate key ${commodity} / ${countryName} / ${detail || statistic} / ${year}: already on line ${earlier}`,
      );
    }
    seen.set(key, record.line);
    const place = country(c, countryName);
    const materialId = material(c, commodity);
    if (statistic === 'Production') {
      production.push({
        dataset_id: c.datasetId,
        source: 'usgs-mcs',
        commodity,
        material_id: materialId,
        stage: stageOf(detail),
        statistic: detail || statistic,
        country_iso3: place.iso3,
        country_name: countryName,
        is_aggregate: place.aggregate,
        year,
        quantity: value.value,
        unit,
        flag: value.flag ?? (notes && /^estimated/i.test(notes) ? 'E' : null),
        note: notes,
        source_line: record.line,
      });
    } else {
      statistics.push({
        dataset_id: c.datasetId,
        chapter,
        section,
        commodity,
        material_id: materialId,
        country_iso3: place.iso3,
        country_name: countryName,
        is_aggregate: place.aggregate,
        statistic,
        statistic_detail: detail || null,
        unit: unit || null,
        year,
        value: value.value,
        value_text: cells.text(8),
        flag: value.flag,
        notes,
        source_line: record.line,
      });
    }
  }
}

function parseSalient(file: TextFile, records: CsvRecord[], c: Context): SalientRow[] {
  const seen = new Map<string, number>();
  return records.map((record) => {
    const cells = new Cells(file.name, record, salientHeader);
    const mineral = cells.text(2);
    if (mineral === '') cells.fail(2, 'empty mineral');
    const key = `${cells.text(1)}|${mineral.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      failAt(file.name, record.line, 3, `duplicate mineral "${mineral}": already on line ${earlier}`);
    seen.set(key, record.line);
    const primary = usgsValue(cells, 3);
    const secondary = usgsValue(cells, 4);
    const consumption = usgsValue(cells, 6);
    const nir = usgsValue(cells, 8, { netExporter: true });
    const leadingShare = usgsValue(cells, 13);
    if (leadingShare.value !== null && leadingShare.value > 100) cells.fail(13, `${leadingShare.value}% is above 100%`);
    const importSource = cells.text(9);
    const leading = cells.text(11);
    return {
      dataset_id: c.datasetId,
      edition: cells.text(0),
      year_label: cells.text(1),
      mineral,
      material_id: material(c, mineral),
      primary_prod: primary.value,
      primary_prod_text: cells.text(3) || null,
      secondary_prod: secondary.value,
      secondary_prod_text: cells.text(4) || null,
      prod_notes: cells.text(5) || null,
      apparent_consumption: consumption.value,
      apparent_consumption_text: cells.text(6) || null,
      consumption_notes: cells.text(7) || null,
      net_import_reliance: nir.value === null ? null : nir.value / 100,
      net_import_reliance_text: cells.text(8) || null,
      net_import_reliance_flag: nir.flag,
      primary_import_source: importSource || null,
      primary_import_source_iso3: country(c, importSource).iso3,
      import_source_notes: cells.text(10) || null,
      leading_country: leading || null,
      leading_country_iso3: country(c, leading).iso3,
      leading_country_prod: usgsValue(cells, 12).value,
      leading_country_share: leadingShare.value === null ? null : leadingShare.value / 100,
      world_total_prod: usgsValue(cells, 14).value,
      world_prod_notes: cells.text(15) || null,
      source_line: record.line,
    };
  });
}

function parseNir(file: TextFile, header: CsvRecord, records: CsvRecord[], c: Context): SalientRow[] {
  const year = Number(/(\d{4})$/.exec(cleanCell(header.fields[3]))?.[1]);
  if (!Number.isInteger(year))
    failAt(file.name, header.line, 4, 'expected a header like "Net_Import_Reliance_pct_2024"');
  const seen = new Map<string, number>();
  return records.map((record) => {
    const cells = new Cells(file.name, record, header.fields.map(cleanCell));
    const commodity = cells.text(2);
    if (commodity === '') cells.fail(2, 'empty commodity');
    const earlier = seen.get(commodity.toLowerCase());
    if (earlier !== undefined)
      failAt(file.name, record.line, 3, `duplicate commodity "${commodity}": already on line ${earlier}`);
    seen.set(commodity.toLowerCase(), record.line);
    const nir = usgsValue(cells, 3, { netExporter: true });
    if (nir.value !== null && nir.value > 100) cells.fail(3, `${nir.value}% is above 100%`);
    return {
      dataset_id: c.datasetId,
      edition: cells.text(0),
      import_share_order: cells.integer(1),
      commodity,
      material_id: material(c, commodity),
      year,
      net_import_reliance: nir.value === null ? null : nir.value / 100,
      net_import_reliance_text: cells.text(3),
      net_import_reliance_flag: nir.flag,
      major_import_sources: cells.text(4) || null,
      notes: cells.text(5) || null,
      source_line: record.line,
    };
  });
}

function parseEndUses(file: TextFile, records: CsvRecord[], c: Context): SalientRow[] {
  const seen = new Map<string, number>();
  return records.map((record) => {
    const cells = new Cells(file.name, record, endUseHeader);
    const mineral = cells.text(1);
    if (mineral === '') cells.fail(1, 'empty mineral');
    const earlier = seen.get(mineral.toLowerCase());
    if (earlier !== undefined)
      failAt(file.name, record.line, 2, `duplicate mineral "${mineral}": already on line ${earlier}`);
    seen.set(mineral.toLowerCase(), record.line);
    return {
      dataset_id: c.datasetId,
      edition: cells.text(0),
      mineral,
      material_id: material(c, mineral),
      primary_applications: cells.text(2),
      category_note: cells.text(3) || null,
      source_line: record.line,
    };
  });
}

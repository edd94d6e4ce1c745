import { UserError } from '../../domain/errors.js';
import { countryLookup, Unresolved } from '../eu-crm-study/resolve-names.js';
import { Cells, cleanCell, ensureHeader, failAt, readCsv, readText } from '../eu-crm-study/text-table.js';
import { type TableSpec, writeRows } from '../eu-crm-study/write-rows.js';
import type { Importer, LoadContext, LoadOutcome } from '../importer.js';

/**
 * World Bank Worldwide Governance Indicators, DataBank bulk CSV (`WGIData.csv` of WGI_csv.zip): UTF-8 with BOM,
 * every field quoted, a trailing comma, one row per economy × series and one column per year (1996, 1998, 2000,
 * 2002…). Keeps the estimate (`XX.EST`) and its standard error (`XX.STD.ERR`) of the six dimensions; the rank and
 * source-count series are counted and skipped.
 */
export const importer: Importer = {
  id: 'wgi',
  title: 'World Bank Worldwide Governance Indicators',
  licence: 'CC BY 4.0 (World Bank)',
  url: 'https://www.worldbank.org/en/publication/worldwide-governance-indicators',
  accepts: 'WGIData.csv from the DataBank bulk download WGI_csv.zip',
  tables: ['wgi'],
  load,
};

export const dimensions = ['VA', 'PV', 'GE', 'RQ', 'RL', 'CC'] as const;
const fixedHeader = ['Country Name', 'Country Code', 'Indicator Name', 'Indicator Code'];

interface WgiRow extends Record<string, unknown> {
  dataset_id: string;
  iso3: string | null;
  country_code: string;
  country_name: string;
  year: number;
  indicator: string;
  estimate: number | null;
  std_err: number | null;
}

const spec: TableSpec<WgiRow> = {
  table: 'wgi',
  columns: [
    ['dataset_id', 'varchar'],
    ['iso3', 'varchar'],
    ['country_code', 'varchar'],
    ['country_name', 'varchar'],
    ['year', 'integer'],
    ['indicator', 'varchar'],
    ['estimate', 'double'],
    ['std_err', 'double'],
  ],
};

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const countries = await countryLookup(ctx.db);
  const unresolved = new Unresolved();
  const withoutIso3 = new Unresolved();
  const rows = new Map<string, WgiRow>();
  const seenSeries = new Map<string, number>();
  let skippedSeries = 0;
  const years = new Set<number>();

  for (const source of ctx.files) {
    const file = readText(source.path, source.name);
    const [header, ...records] = readCsv(file);
    ensureHeader(file, header, fixedHeader);
    const yearColumns: { index: number; year: number }[] = [];
    for (const [index, cell] of header.fields.entries()) {
      if (index < fixedHeader.length) continue;
      const text = cleanCell(cell);
      if (text === '' && index === header.fields.length - 1) continue; // the trailing comma
      const match = /^(\d{4})(?: \[YR\d{4}\])?$/.exec(text);
      if (!match) failAt(file.name, header.line, index + 1, `header "${text}" is not a year like "2022"`);
      yearColumns.push({ index, year: Number(match[1]) });
    }
    if (yearColumns.length === 0) failAt(file.name, header.line, undefined, 'no year columns after "Indicator Code"');
    const columns = [...fixedHeader, ...yearColumns.map((y) => String(y.year))];

    for (const record of records) {
      const cells = new Cells(file.name, record, columns);
      if (record.fields.length < header.fields.length - 1) {
        cells.fail(
          record.fields.length - 1,
          `the row has ${record.fields.length} fields, the header ${header.fields.length}: the line is truncated`,
        );
      }
      const code = cells.text(3);
      const series = /^(VA|PV|GE|RQ|RL|CC)\.(EST|STD\.ERR)$/.exec(code);
      const countryCode = cells.text(1);
      if (!/^[A-Z]{3}$/.test(countryCode)) cells.fail(1, `"${countryCode}" is not a three-letter economy code`);
      const seriesKey = `${countryCode}|${code}`;
      const earlier = seenSeries.get(seriesKey);
      if (earlier !== undefined) {
        failAt(file.name, record.line, 4, `duplicate key ${countryCode} ${code}: already on line ${earlier}`);
      }
      seenSeries.set(seriesKey, record.line);
      if (!series) {
        if (!/^(VA|PV|GE|RQ|RL|CC)\./.test(code)) cells.fail(3, `"${code}" is not a WGI series code like "CC.EST"`);
        skippedSeries++;
        continue;
      }
      const country = countries.byCode(countryCode, 'worldbank');
      for (const { index, year } of yearColumns) {
        const value = cells.number(index, { optional: true });
        if (value === null) continue;
        if (series[2] === 'EST' && Math.abs(value) > 5) cells.fail(index, `estimate ${value} is outside −5…5`);
        if (series[2] === 'STD.ERR' && value < 0) cells.fail(index, `standard error ${value} is negative`);
        years.add(year);
        const key = `${countryCode}|${year}|${series[1]}`;
        if (!rows.has(key) && !country.iso3)
          (country.known ? withoutIso3 : unresolved).add(`${countryCode} (${cells.text(0)})`);
        const row: WgiRow = rows.get(key) ?? {
          dataset_id: ctx.datasetId,
          iso3: country.iso3,
          country_code: countryCode,
          country_name: cells.text(0),
          year,
          indicator: series[1],
          estimate: null,
          std_err: null,
        };
        if (series[2] === 'EST') row.estimate = value;
        else row.std_err = value;
        rows.set(key, row);
      }
    }
    ctx.progress(rows.size);
  }
  if (rows.size === 0)
    throw new UserError(`${ctx.files.map((f) => f.name).join(', ')}: no WGI estimates found. Nothing was imported.`);
  const warning = unresolved.warning('economy codes', 'iso3');
  if (warning) ctx.warn(warning);
  const known = withoutIso3.warning('economies that have no single ISO3 (country_aliases)', 'iso3', '');
  if (known) ctx.warn(known);
  const written = await writeRows(ctx.db, spec, [...rows.values()]);
  const sortedYears = [...years].sort();
  return {
    rows: written,
    vintage: String(sortedYears[sortedYears.length - 1]),
    params: {
      years: sortedYears,
      series_kept: dimensions.flatMap((d) => [`${d}.EST`, `${d}.STD.ERR`]),
      series_skipped: skippedSeries,
      unresolved_rows: unresolved.rows,
      rows_without_iso3: withoutIso3.rows,
    },
  };
}

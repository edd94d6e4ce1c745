import type { DuckDBValue } from '@duckdb/node-api';
import { UserError } from '../../domain/errors.js';
import { appendRows, cellError, headerMatches, readTable } from '../code-table-files.js';
import type { Importer, LoadContext, LoadOutcome } from '../importer.js';

/**
 * Eurostat's CN8 year-to-year concordance into `cn_concordance` (migrations/122-cn-concordance.ts; docs:
 * ../shared/docs/data-sources.md §10): `Period,Origin code,Destination code`, period YYYYyyyy (19881989), one row
 * per link. Some years write the codes with spaces ("0307 41 91"); they are stored as 8 digits. Read from CSV or
 * .xlsx; the .xls Eurostat publishes must be saved as one of these first (no .xls reader ships with Radar).
 * No `radar fetch`: the sources note gives no stable public URL for this file.
 */
export const importer: Importer = {
  id: 'cn-concordance',
  title: 'Eurostat CN8 concordance (year-to-year predecessor/successor links)',
  licence: 'CC BY 4.0 (Commission Decision 2011/833/EU)',
  url: 'https://ec.europa.eu/eurostat/web/metadata/classifications',
  accepts: 'CN_concordances_YYYY_YYYY (CSV or .xlsx): Period,Origin code,Destination code',
  tables: ['cn_concordance'],
  load,
};

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const rows: [number, number, string, string][] = [];
  const seen = new Set<string>();
  for (const file of ctx.files) {
    for (const table of await readTable(file.path, file.name)) {
      const [header, ...data] = table.rows;
      if (!headerMatches(header, ['Period', 'Origin code', 'Destination code'])) {
        if (table.sheet !== undefined) continue; // another sheet of the workbook
        throw new UserError(
          `${file.name}:1:1: header is "${header?.cells.join(',') ?? ''}"; expected "Period,Origin code,Destination ` +
            'code" (Eurostat CN concordance). Nothing was imported.',
        );
      }
      for (const row of data) {
        const [period, origin, destination] = row.cells;
        if (!/^\d{8}$/.test(period) || Number(period.slice(4)) !== Number(period.slice(0, 4)) + 1) {
          throw cellError(table, row, 0, 'Period', 'YYYYyyyy with yyyy = YYYY + 1, e.g. 20222023');
        }
        const from = origin.replace(/\s+/g, '');
        const to = destination.replace(/\s+/g, '');
        if (!/^\d{8}$/.test(from)) throw cellError(table, row, 1, 'Origin code', 'a CN8 code (8 digits)');
        if (!/^\d{8}$/.test(to)) throw cellError(table, row, 2, 'Destination code', 'a CN8 code (8 digits)');
        const key = `${period}|${from}|${to}`;
        if (seen.has(key)) throw cellError(table, row, 1, 'the link', 'each link once (it appears twice)');
        seen.add(key);
        rows.push([Number(period.slice(0, 4)), Number(period.slice(4)), from, to]);
      }
    }
  }
  if (rows.length === 0) {
    throw new UserError(`${ctx.files.map((f) => f.name).join(', ')}: no concordance rows found. Nothing was imported.`);
  }
  await ctx.db.run(
    'CREATE OR REPLACE TEMP TABLE radar_cn_links (from_year INTEGER, to_year INTEGER, origin VARCHAR, destination VARCHAR)',
  );
  await appendRows(ctx.db, 'radar_cn_links', rows as DuckDBValue[][]);
  // The relation of each link, from how many partners each end has within its year pair (see the migration).
  await ctx.db.run(
    `INSERT INTO cn_concordance
     SELECT $dataset, from_year, to_year, origin, destination,
       CASE WHEN count(*) OVER (PARTITION BY from_year, origin) = 1
            THEN CASE WHEN count(*) OVER (PARTITION BY from_year, destination) = 1 THEN '1:1' ELSE 'n:1' END
            ELSE CASE WHEN count(*) OVER (PARTITION BY from_year, destination) = 1 THEN '1:n' ELSE 'n:n' END
       END
     FROM radar_cn_links`,
    { dataset: ctx.datasetId },
  );
  await ctx.db.run('DROP TABLE radar_cn_links');
  ctx.progress(rows.length);
  const years = rows.map((r) => r[1]);
  return {
    rows: rows.length,
    vintage: `${Math.min(...rows.map((r) => r[0]))}-${Math.max(...years)}`,
    params: { year_pairs: new Set(rows.map((r) => r[0])).size },
  };
}

import type { DuckDBValue } from '@duckdb/node-api';
import { UserError } from '../../domain/errors.js';
import { appendRows, cellError, padCode, readTable, type Table } from '../code-table-files.js';
import type { Importer, LoadContext, LoadOutcome, RemoteFile } from '../importer.js';

/**
 * UNSD HS edition correspondences into `hs_conversion` (migrations/123-hs-conversion.ts; docs:
 * ../shared/docs/data-sources.md §10). Layouts (the workbook's two sheets, or each saved as CSV):
 * - Conversions: header `From HS2022,To HS2017`, one row per code of the first edition;
 * - Correlations: a title row `Between,,` then `HS2022, HS2017,Relationship` (1:1, 1:n, n:1, n:n).
 * The editions are read from the header, so other pairs (HS2017→HS2012…) load the same way.
 */
export const importer: Importer = {
  id: 'hs-conversion',
  title: 'UNSD HS edition conversion and correlation tables',
  licence: 'UN terms of use, with attribution (UNSD)',
  url: 'https://unstats.un.org/unsd/classifications/Econ',
  accepts: 'HS2022toHS2017ConversionAndCorrelationTables.xlsx, or its Conversions / Correlations sheets as CSV',
  tables: ['hs_conversion'],
  load,
  remote,
};

/** `radar fetch hs-conversion`: the HS2022 → HS2017 workbook. */
function remote(): RemoteFile[] {
  const file = 'HS2022toHS2017ConversionAndCorrelationTables.xlsx';
  return [{ url: `https://unstats.un.org/unsd/classifications/Econ/tables/${file}`, file }];
}

type Row = [
  kind: string,
  fromEdition: string,
  fromCode: string,
  toEdition: string,
  toCode: string,
  relation: string | null,
];

/** 'HS2022' or 'HS 2022' → 'HS22' (as trade_flows.nomenclature). */
function edition(text: string): string | undefined {
  const m = /^HS\s*(\d{4})$/i.exec(text.trim());
  return m ? `HS${m[1].slice(2)}` : undefined;
}

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const rows: Row[] = [];
  for (const file of ctx.files) {
    const tables = await readTable(file.path, file.name);
    const read = tables.map(readSheet).filter((r): r is Row[] => r !== undefined);
    if (read.length === 0) {
      const first = tables[0]?.rows[0]?.cells.join(',') ?? '';
      throw new UserError(
        `${file.name}:1:1: header is "${first}"; expected "From HS2022,To HS2017" (conversions) or a "Between" row ` +
          'then "HS2022,HS2017,Relationship" (correlations). Nothing was imported.',
      );
    }
    rows.push(...read.flat());
  }
  const seen = new Set<string>();
  for (const r of rows) {
    const key = r.slice(0, 5).join('|');
    if (seen.has(key))
      throw new UserError(`${r[0]} ${r[2]} → ${r[4]} appears twice; expected once. Nothing was imported.`);
    seen.add(key);
  }
  await appendRows(
    ctx.db,
    'hs_conversion',
    rows.map((r) => [ctx.datasetId, ...r] as DuckDBValue[]),
  );
  ctx.progress(rows.length);
  const pairs = [...new Set(rows.map((r) => `${r[1]}→${r[3]}`))];
  return {
    rows: rows.length,
    vintage: pairs.join(', '),
    params: {
      conversions: rows.filter((r) => r[0] === 'conversion').length,
      correlations: rows.filter((r) => r[0] === 'correlation').length,
    },
  };
}

/** The rows of one sheet (or CSV), or undefined when its header is neither layout. */
function readSheet(table: Table): Row[] | undefined {
  const [first, second] = table.rows;
  if (!first) return undefined;
  const conversion = /^From\s+(HS\s*\d{4})$/i.exec(first.cells[0] ?? '');
  const conversionTo = /^To\s+(HS\s*\d{4})$/i.exec(first.cells[1] ?? '');
  if (conversion && conversionTo) {
    return codeRows(table, table.rows.slice(1), 'conversion', edition(conversion[1])!, edition(conversionTo[1])!);
  }
  const isCorrelation =
    /^between$/i.test(first.cells[0] ?? '') &&
    second &&
    edition(second.cells[0] ?? '') &&
    edition(second.cells[1] ?? '') &&
    /^relationship$/i.test(second.cells[2] ?? '');
  if (!isCorrelation) return undefined;
  return codeRows(table, table.rows.slice(2), 'correlation', edition(second.cells[0])!, edition(second.cells[1])!);
}

function codeRows(table: Table, data: Table['rows'], kind: string, from: string, to: string): Row[] {
  return data.map((row) => {
    const a = padCode(row.cells[0] ?? '', 6);
    const b = padCode(row.cells[1] ?? '', 6);
    if (!/^\d{6}$/.test(a)) throw cellError(table, row, 0, from, 'an HS6 code (6 digits)');
    if (!/^\d{6}$/.test(b)) throw cellError(table, row, 1, to, 'an HS6 code (6 digits)');
    if (kind === 'conversion') return [kind, from, a, to, b, null];
    const relation = row.cells[2] ?? '';
    if (!['1:1', '1:n', 'n:1', 'n:n'].includes(relation))
      throw cellError(table, row, 2, 'Relationship', '1:1, 1:n, n:1 or n:n');
    return [kind, from, a, to, b, relation];
  });
}

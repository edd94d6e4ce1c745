import { basename, extname } from 'node:path';
import { UserError } from '../../domain/errors.js';
import type { Db } from '../../store/db.js';
import type { Importer, LoadContext, LoadOutcome, SourceFile } from '../importer.js';
import {
  ensureSquareIndustries,
  ensureUniqueLabels,
  type IoLabel,
  ioTableNames,
  openCellWriter,
  parseCell,
  readCsvLines,
  writeTableMeta,
} from '../oecd-iot/io-table-writer.js';

/**
 * Eurostat FIGARO inter-country input–output tables (ESA 2010; 46 areas × 64 NACE/CPA = 2,944 industries; EUR
 * million at basic prices; docs/data-sources.md §8). Two layouts of the same table are accepted:
 * - flat (long) files, e.g. `flatfile_eu-ic-io_ind-by-ind_24ed_2022.csv`: columns `refArea`, a row-code column
 *   (`rowPi`/`rowIi`…), `counterpartArea`, a column-code column (`colPi`/`colIi`…), `obsValue` (plus optional
 *   concatenated labels). Read by DuckDB's CSV reader (9–10 M rows) and validated in SQL, with file:line errors;
 * - matrix files, e.g. `matrix_eu-ic-io_ind-by-ind_24ed_2022.csv`: first column `rowLabels`, labels `AT_A01`.
 * Labels are `{area}_{code}`; a `CPA_` prefix on product codes is dropped from `sector` so rows and columns align.
 * Primary inputs: D1, D29X39, B2A3G (value added), D21X31 (taxes less subsidies on products), OP_RES, OP_NRES
 * (adjustments); final uses P3_S13, P3_S14, P3_S15, P51G, P5M. Supply and use tables (icsupRow/icuseRow) are not
 * symmetric IO tables and are refused with a hint.
 */
export const importer: Importer = {
  id: 'figaro',
  title: 'Eurostat FIGARO inter-country input–output tables',
  licence: 'Eurostat copyright policy (free reuse with attribution, CC BY 4.0)',
  url: 'https://ec.europa.eu/eurostat/web/esa-supply-use-input-tables/database',
  accepts: 'FIGARO IO flat or matrix CSV, e.g. flatfile_eu-ic-io_ind-by-ind_24ed_2022.csv',
  tables: ioTableNames,
  load,
};

const valueAdded = new Set(['D1', 'D29X39', 'B2A3G', 'B1G', 'D11', 'D12', 'B2A3N', 'P51C']);
const adjustments = new Set(['OP_RES', 'OP_NRES']);
const finalUse = new Set(['P3_S13', 'P3_S14', 'P3_S15', 'P51G', 'P5M', 'P52', 'P53']);

/** `{area}_{code}` → kind, region, sector. */
export function classifyFigaro(label: string, area?: string, code?: string): IoLabel | undefined {
  let region = area;
  let c = code;
  if (region === undefined || c === undefined) {
    const i = label.indexOf('_');
    if (i <= 0) return undefined;
    region = label.slice(0, i);
    c = label.slice(i + 1);
  }
  if (!c) return undefined;
  if (valueAdded.has(c)) return { label, kind: 'value_added', region };
  if (c === 'D21X31') return { label, kind: 'tax', region };
  if (adjustments.has(c)) return { label, kind: 'adjustment', region };
  if (finalUse.has(c)) return { label, kind: 'final_demand', region, sector: c };
  return { label, kind: 'industry', region, sector: c.replace(/^CPA_/, '') };
}

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  let cells = 0;
  const tables: string[] = [];
  for (const file of ctx.files) {
    const tableId = basename(file.name, extname(file.name)).replace(/^(flatfile|matrix)_/, '');
    if (tables.includes(tableId))
      throw new UserError(`${file.name}: two files for table ${tableId}. Nothing was imported.`);
    const header = await firstLine(file);
    if (header.some((h) => /^ic(sup|use)(Row|Col)$/i.test(h))) {
      throw new UserError(
        `${file.name}: this is a FIGARO ${header.some((h) => /^icsup/i.test(h)) ? 'supply' : 'use'} table (product by industry), not a symmetric input–output table. Nothing was imported.`,
        'Download the FIGARO input–output table (industry by industry or product by product), flat or matrix CSV.',
      );
    }
    const rows = header.includes('obsValue')
      ? await loadFlat(ctx, file, tableId, header)
      : await loadMatrix(ctx, file, tableId);
    cells += rows;
    tables.push(tableId);
  }
  return { rows: cells, vintage: tables.join('+'), params: { tables } };
}

async function firstLine(file: SourceFile): Promise<string[]> {
  for await (const { cells } of readCsvLines(file)) return cells.map((c) => c.trim());
  throw new UserError(`${file.name}: the file is empty. Nothing was imported.`);
}

function meta(tableId: string, name: string, industries: IoLabel[]) {
  const year = /_(\d{4})\.csv$/i.exec(name) ?? /(\d{4})/.exec(name);
  const edition = /_(\d{2})ed_/i.exec(name);
  return {
    tableId,
    source: 'figaro',
    layout: 'multi-regional' as const,
    country: null,
    year: year ? Number(year[1]) : null,
    edition: edition ? `${edition[1]}ed` : null,
    unit: 'EUR million',
    valuation: 'basic prices',
    classification: `NACE Rev.2 / CPA 2.1 (FIGARO, ${new Set(industries.map((c) => c.sector)).size} industries)`,
    importSplit: true,
  };
}

async function loadMatrix(ctx: LoadContext, file: SourceFile, tableId: string): Promise<number> {
  const writer = await openCellWriter(ctx.db, ctx.datasetId, tableId);
  let cols: IoLabel[] | undefined;
  const rows: IoLabel[] = [];
  try {
    for await (const { line, cells } of readCsvLines(file)) {
      if (!cols) {
        const labels = cells.slice(1).map((c) => c.trim());
        ensureUniqueLabels(file.name, line, labels, 'column');
        cols = labels.map((label) => {
          const c = classifyFigaro(label);
          if (!c)
            throw new UserError(
              `${file.name}:${line}: unknown column "${label}" (expected area_code such as AT_A01 or AT_P3_S14). Nothing was imported.`,
            );
          return c;
        });
        continue;
      }
      if (cells.length !== cols.length + 1) {
        throw new UserError(
          `${file.name}:${line}: ${cells.length} fields, expected ${cols.length + 1}. Nothing was imported.`,
        );
      }
      const row = classifyFigaro(cells[0].trim());
      if (!row)
        throw new UserError(
          `${file.name}:${line}: unknown row label "${cells[0]}" (expected area_code such as AT_A01 or W2_D1). Nothing was imported.`,
        );
      rows.push(row);
      for (let j = 0; j < cols.length; j++)
        writer.add(row.label, cols[j].label, parseCell(cells[j + 1], file.name, line, cols[j].label));
      ctx.progress(writer.count);
    }
  } finally {
    writer.close();
  }
  if (!cols) throw new UserError(`${file.name}: the file is empty. Nothing was imported.`);
  ensureUniqueLabels(
    file.name,
    2,
    rows.map((r) => r.label),
    'row',
  );
  ensureSquareIndustries(file.name, rows, cols);
  await writeTableMeta(
    ctx.db,
    ctx.datasetId,
    meta(
      tableId,
      file.name,
      cols.filter((c) => c.kind === 'industry'),
    ),
    rows,
    cols,
  );
  return writer.count;
}

async function loadFlat(ctx: LoadContext, file: SourceFile, tableId: string, header: string[]): Promise<number> {
  const rowCode = header.find((h) => /^row/i.test(h));
  const colCode = header.find((h) => /^col/i.test(h));
  for (const [name, found] of [
    ['refArea', header.includes('refArea')],
    ['counterpartArea', header.includes('counterpartArea')],
    ['a row code column (rowPi, rowIi, …)', rowCode],
    ['a column code column (colPi, colIi, …)', colCode],
  ] as const) {
    if (!found)
      throw new UserError(`${file.name}:1: no ${name} column (header: ${header.join(', ')}). Nothing was imported.`);
  }
  const db = ctx.db;
  const raw = 'figaro_raw';
  await db.run(`DROP TABLE IF EXISTS ${raw}`);
  try {
    try {
      await db.run(
        `CREATE TEMP TABLE ${raw} AS SELECT row_number() OVER () + 1 AS line, "refArea" AS ra, "${rowCode}" AS rc, "counterpartArea" AS ca, "${colCode}" AS cc,
           "obsValue" AS v FROM read_csv($1, header = true, all_varchar = true, delim = ',', quote = '"', strict_mode = true, parallel = false)`,
        [file.path],
      );
    } catch (error) {
      const message = (error as Error).message.replace(file.path, file.name);
      const line = /line[:\s]+(\d+)/i.exec(message);
      throw new UserError(
        `${file.name}:${line ? line[1] : '?'}: not a readable FIGARO flat file (${message.split('\n')[0]}). Nothing was imported.`,
      );
    }
    const bad = await db.one<{ line: number; v: string; col: string }>(
      `SELECT line, coalesce(v, '') AS v,
         CASE WHEN ra IS NULL OR ra = '' THEN 'refArea' WHEN rc IS NULL OR rc = '' THEN '${rowCode}'
              WHEN ca IS NULL OR ca = '' THEN 'counterpartArea' WHEN cc IS NULL OR cc = '' THEN '${colCode}' ELSE 'obsValue' END AS col
       FROM ${raw}
       WHERE ra IS NULL OR ra = '' OR rc IS NULL OR rc = '' OR ca IS NULL OR ca = '' OR cc IS NULL OR cc = ''
          OR (trim(coalesce(v, '')) <> '' AND TRY_CAST(v AS DOUBLE) IS NULL)
       ORDER BY line LIMIT 1`,
    );
    if (bad) {
      if (bad.col === 'obsValue') parseCell(bad.v, file.name, bad.line, 'obsValue');
      throw new UserError(`${file.name}:${bad.line}: column "${bad.col}" is empty. Nothing was imported.`);
    }
    const dup = await db.one<{ line: number; r: string; c: string }>(
      `SELECT max(line) AS line, ra || '_' || rc AS r, ca || '_' || cc AS c FROM ${raw}
       GROUP BY ra, rc, ca, cc HAVING count(*) > 1 ORDER BY line LIMIT 1`,
    );
    if (dup) throw new UserError(`${file.name}:${dup.line}: duplicate cell ${dup.r} × ${dup.c}. Nothing was imported.`);
    const rows = await labels(db, raw, 'ra', 'rc', file);
    const cols = await labels(db, raw, 'ca', 'cc', file);
    ensureSquareIndustries(file.name, rows, cols);
    await db.run(
      `INSERT INTO io_cells SELECT $1, $2, ra || '_' || rc, ca || '_' || cc, CAST(v AS DOUBLE) FROM ${raw}
       WHERE trim(coalesce(v, '')) <> '' AND CAST(v AS DOUBLE) <> 0`,
      [ctx.datasetId, tableId],
    );
    const count = await db.one<{ n: number }>(
      'SELECT count(*) AS n FROM io_cells WHERE dataset_id = $1 AND table_id = $2',
      [ctx.datasetId, tableId],
    );
    await writeTableMeta(
      db,
      ctx.datasetId,
      meta(
        tableId,
        file.name,
        cols.filter((c) => c.kind === 'industry'),
      ),
      rows,
      cols,
    );
    ctx.progress(count?.n ?? 0);
    return count?.n ?? 0;
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${raw}`);
  }
}

async function labels(db: Db, raw: string, area: string, code: string, file: SourceFile): Promise<IoLabel[]> {
  const found = await db.all<{ a: string; c: string; first: number }>(
    `SELECT ${area} AS a, ${code} AS c, min(line) AS first FROM ${raw} GROUP BY 1, 2 ORDER BY first`,
  );
  return found.map(({ a, c, first }) => {
    const l = classifyFigaro(`${a}_${c}`, a, c);
    if (!l) throw new UserError(`${file.name}:${first}: unknown code "${c}". Nothing was imported.`);
    return l;
  });
}

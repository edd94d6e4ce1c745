/**
 * What the three IO importers (oecd-iot, oecd-icio, figaro) share: reading a wide CSV matrix line by line with
 * file:line errors, classifying labels, and writing io_tables / io_labels / io_cells (migration 400) inside the
 * import transaction. Only non-zero cells are written.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { UserError } from '../../domain/errors.js';
import type { Db } from '../../store/db.js';
import type { SourceFile } from '../importer.js';

export type LabelKind =
  | 'industry'
  | 'final_demand'
  | 'value_added'
  | 'tax'
  | 'imports'
  | 'output'
  | 'total'
  | 'adjustment';

export interface IoLabel {
  label: string;
  kind: LabelKind;
  origin?: 'total' | 'domestic' | 'imported';
  region?: string;
  sector?: string;
}

export interface IoTableMeta {
  tableId: string;
  source: string;
  layout: 'national' | 'multi-regional';
  country: string | null;
  year: number | null;
  edition: string | null;
  unit: string;
  valuation: string;
  classification: string;
  importSplit: boolean;
}

export const ioTableNames = ['io_tables', 'io_labels', 'io_cells'] as const;

/** Lines of a CSV file as string arrays with their 1-based line numbers (BOM stripped, quotes handled). */
export async function* readCsvLines(
  file: SourceFile,
  delimiter = ',',
): AsyncGenerator<{ line: number; cells: string[] }> {
  const parser = createReadStream(file.path).pipe(
    parse({ delimiter, bom: true, relax_column_count: true, info: true, skip_empty_lines: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: info.lines, cells: record };
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const e = error as { lines?: number; message: string };
    throw new UserError(`${file.name}:${e.lines ?? '?'}: not a readable CSV file (${e.message})`);
  }
}

const numberPattern = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A cell value: '' → 0 (empty cells are structural zeros); anything that is not a number is an error at file:line. */
export function parseCell(text: string, file: string, line: number, column: string): number {
  const t = text.trim();
  if (t === '') return 0;
  if (!numberPattern.test(t)) {
    throw new UserError(
      `${file}:${line}: column "${column}": "${text}" is not a number (expected e.g. 914.2). Nothing was imported.`,
    );
  }
  return Number(t);
}

/** Appends io_cells rows; call `close` before the transaction commits. */
export async function openCellWriter(db: Db, datasetId: string, tableId: string) {
  const appender = await db.connection.createAppender('io_cells');
  let count = 0;
  return {
    add(row: string, col: string, value: number) {
      if (value === 0) return;
      appender.appendVarchar(datasetId);
      appender.appendVarchar(tableId);
      appender.appendVarchar(row);
      appender.appendVarchar(col);
      appender.appendDouble(value);
      appender.endRow();
      count++;
    },
    get count() {
      return count;
    },
    close() {
      appender.flushSync();
      appender.closeSync();
    },
  };
}

export async function writeTableMeta(
  db: Db,
  datasetId: string,
  meta: IoTableMeta,
  rows: readonly IoLabel[],
  cols: readonly IoLabel[],
): Promise<void> {
  const industries = cols.filter((c) => c.kind === 'industry');
  const regions = new Set(industries.map((c) => c.region ?? ''));
  await db.run(
    `INSERT INTO io_tables VALUES ($dataset, $table, $source, $layout, $country, $year, $edition, $unit, $valuation,
       $classification, $n, $regions, $split)`,
    {
      dataset: datasetId,
      table: meta.tableId,
      source: meta.source,
      layout: meta.layout,
      country: meta.country,
      year: meta.year,
      edition: meta.edition,
      unit: meta.unit,
      valuation: meta.valuation,
      classification: meta.classification,
      n: industries.length,
      regions: regions.size,
      split: meta.importSplit,
    },
  );
  const appender = await db.connection.createAppender('io_labels');
  const put = (axis: 'row' | 'col', labels: readonly IoLabel[]) => {
    labels.forEach((l, position) => {
      appender.appendVarchar(datasetId);
      appender.appendVarchar(meta.tableId);
      appender.appendVarchar(axis);
      appender.appendVarchar(l.label);
      appender.appendInteger(position);
      appender.appendVarchar(l.kind);
      for (const v of [l.origin, l.region, l.sector]) {
        if (v === undefined) appender.appendNull();
        else appender.appendVarchar(v);
      }
      appender.endRow();
    });
  };
  put('row', rows);
  put('col', cols);
  appender.flushSync();
  appender.closeSync();
}

/** Industry rows and industry columns must cover the same (region, sector) keys, or the table cannot be squared. */
export function ensureSquareIndustries(file: string, rows: readonly IoLabel[], cols: readonly IoLabel[]): void {
  const key = (l: IoLabel) => `${l.region ?? ''}|${l.sector}`;
  const colKeys = new Set(cols.filter((c) => c.kind === 'industry').map(key));
  const rowKeys = new Set(rows.filter((r) => r.kind === 'industry').map(key));
  const missingCol = [...rowKeys].find((k) => !colKeys.has(k));
  const missingRow = [...colKeys].find((k) => !rowKeys.has(k));
  if (missingCol || missingRow) {
    const [region, sector] = (missingCol ?? missingRow ?? '').split('|');
    throw new UserError(
      `${file}: industry ${region ? `${region} ` : ''}${sector} appears as a ${missingCol ? 'row but not as a column' : 'column but not as a row'}; an input–output table needs the same industries on both axes. Nothing was imported.`,
    );
  }
}

/** Duplicate labels on one axis make cells ambiguous. */
export function ensureUniqueLabels(
  file: string,
  line: number,
  labels: readonly string[],
  axis: 'row' | 'column',
): void {
  const seen = new Set<string>();
  for (const l of labels) {
    if (seen.has(l)) throw new UserError(`${file}:${line}: ${axis} label "${l}" appears twice. Nothing was imported.`);
    seen.add(l);
  }
}

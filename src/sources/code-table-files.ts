import { readFileSync } from 'node:fs';
import type { DuckDBValue } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { UserError } from '../domain/errors.js';
import type { Db } from '../store/db.js';
import { firstInvalidUtf8 } from './trade-text.js';

/**
 * Small code tables (HS lists, concordances, HS→BEC: thousands of rows, not millions) read whole into JS from
 * CSV or XLSX, so that one validation path serves both. Every row remembers where it came from, and errors name
 * `file:line:column` (CSV) or `file, sheet "S", row R, column C` (XLSX).
 */
export interface TableRow {
  cells: string[];
  /** 1-based line (CSV) or row (XLSX). */
  line: number;
}

export interface Table {
  label: string;
  sheet?: string;
  rows: TableRow[];
  /** Raw text of each line (CSV only), to point at a character column. */
  lines?: string[];
}

export async function readTable(path: string, label: string): Promise<Table[]> {
  if (/\.xlsx$/i.test(label)) return readXlsx(path, label);
  if (/\.xls$/i.test(label)) {
    throw new UserError(
      `${label}: legacy Excel (.xls) cannot be read; expected .csv or .xlsx. Open it and save it as .xlsx or CSV ` +
        '(UTF-8). Nothing was imported.',
    );
  }
  return [readCsv(readFileSync(path), label)];
}

export function readCsv(bytes: Buffer, label: string): Table {
  const bad = firstInvalidUtf8(bytes);
  if (bad < bytes.length) {
    const before = bytes.subarray(0, bad).toString('utf8');
    const line = before.split('\n').length;
    throw new UserError(
      `${label}:${line}:${bad - before.lastIndexOf('\n')}: byte 0x${bytes[bad].toString(16).toUpperCase()} is not ` +
        'UTF-8; expected UTF-8 text (convert a Windows-1252 or Latin-1 file first). Nothing was imported.',
    );
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new UserError(`${label}:${e.lines ?? 1}:1: ${e.message}. Nothing was imported.`);
  }
  return {
    label,
    rows: records.map((r) => ({ cells: r.record.map((c) => c.trim()), line: r.info.lines })),
    lines: text.split(/\r?\n/),
  };
}

async function readXlsx(path: string, label: string): Promise<Table[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new UserError(
      `${label}: cannot be read as an .xlsx workbook (${(error as Error).message}); is it truncated? ` +
        'Nothing was imported.',
    );
  }
  return workbook.worksheets.map((sheet) => {
    const rows: TableRow[] = [];
    sheet.eachRow((row, line) => {
      const values = (row.values as unknown[]).slice(1).map(cellText);
      if (values.some((v) => v !== '')) rows.push({ cells: values, line });
    });
    return { label, sheet: sheet.name, rows };
  });
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (v.richText)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text.trim();
  }
  return String(value).trim();
}

/** Where a cell is, for messages. */
export function place(table: Table, row: TableRow, column: number): string {
  if (table.sheet !== undefined) {
    return `${table.label}, sheet "${table.sheet}", row ${row.line}, column ${columnLetter(column)}`;
  }
  const text = table.lines?.[row.line - 1] ?? '';
  let at = 0;
  for (let i = 0; i < column; i++) {
    const next = text.indexOf(',', at);
    if (next < 0) break;
    at = next + 1;
  }
  return `${table.label}:${row.line}:${at + 1}`;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellError(table: Table, row: TableRow, column: number, name: string, expected: string): UserError {
  const found = row.cells[column] ?? '';
  return new UserError(
    `${place(table, row, column)}: ${name} is "${found}"; expected ${expected}. Nothing was imported.`,
  );
}

/** Header check: the first non-empty row must start with these names (case and spaces ignored). */
export function headerMatches(row: TableRow | undefined, names: readonly string[]): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '');
  return !!row && names.every((n, i) => norm(row.cells[i] ?? '') === norm(n));
}

/** Insert rows into a table through DuckDB's appender (inside the import transaction), in column order. */
export async function appendRows(db: Db, table: string, rows: DuckDBValue[][]): Promise<void> {
  const appender = await db.connection.createAppender(table);
  const types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
  for (const row of rows) {
    for (const [i, value] of row.entries()) {
      if (value === null) appender.appendNull();
      else appender.appendValue(value, types[i]);
    }
    appender.endRow();
  }
  appender.closeSync();
}

/** Leading zeros lost by a spreadsheet or a numeric export: pad a digit code to `width`. */
export function padCode(code: string, width: number): string {
  return /^\d+$/.test(code) && code.length < width ? code.padStart(width, '0') : code;
}

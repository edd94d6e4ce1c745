import type { DuckDBValue } from '@duckdb/node-api';
import { UserError } from '../domain/errors.js';
import type { Db } from '../store/db.js';
import { fieldStart, fieldText, firstInvalidUtf8, physicalLine, rawLine, verifyGzip } from './trade-text.js';

export { ensureLayout, firstInvalidUtf8, readHeaderLine, splitHeader } from './trade-text.js';

/**
 * Delimited files read by DuckDB's own CSV reader (streaming, parallel), with errors that name file:line:column.
 *
 * Why DuckDB and not a JS parser: bench/import.bench.ts measures both paths on a 10 M-row BACI file; the reader
 * streams at DuckDB speed in bounded memory, and the rows never cross into JS. How errors keep their line numbers:
 * - cast and structure errors (a letter in a number column, a missing or extra field, bytes that are not UTF-8)
 *   come from DuckDB's reject table, which records the physical line;
 * - checks that need SQL (a year out of range, an unknown country code, a duplicate key) are counted in one
 *   validating scan; only when one fails, a second scan numbers the rows to find the first bad one, and the file
 *   is read once more in JS to turn that row number into a physical line and a character column.
 * DuckDB skips blank lines and has no line-number column; both are why the last step reads the file itself.
 * Gzip is read by DuckDB transparently, but a truncated .gz reads as a shorter file without error, so .gz inputs
 * are also decompressed once in JS to verify their trailer.
 * Call these inside the import transaction: the reject table is a temporary table, and temporary tables belong to
 * the connection that made them (outside a transaction, `Db` spreads reads over a pool of connections).
 */

/** A column of a delimited file: the header text it must carry, and the SQL name and type it is read as. */
export interface CsvColumn {
  header: string;
  name: string;
  type: 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE';
  /** What a value must look like, for messages: "a year", "a number (thousand USD)". */
  expected: string;
}

export interface CsvInput {
  /** The file DuckDB reads; `.gz` is decompressed on the fly. */
  path: string;
  /** How the file is named in messages: its base name, or `archive.7z:member.dat`. */
  label: string;
  delimiter: string;
  columns: CsvColumn[];
  /** Lines above the header row (a title line, say). */
  skipLines?: number;
}

/** A condition every data row must meet. `bad` is SQL over the column names, true for a row that breaks it. */
export interface RowCheck {
  column: string;
  bad: string;
  expected: string;
}

export interface ScanSpec {
  checks?: RowCheck[];
  /** Columns whose distinct non-null values the scan returns (country codes, years). */
  distinct?: string[];
  /** Columns that identify a row: two rows with the same values are an error naming both lines. */
  key?: string[];
  /** Rows to count, by name: SQL conditions (confidential codes, rows to skip). */
  counts?: Record<string, string>;
  progress?: (fraction: number) => void;
}

export interface ScanResult {
  rows: number;
  distinct: Record<string, string[]>;
  counts: Record<string, number>;
}

const rejects = 'radar_csv_rejects';
const rejectScans = 'radar_csv_reject_scans';

/** The `read_csv(...)` table expression for an input; its path is the named parameter `$path`. */
export function csvRelation(input: CsvInput, options: { storeRejects?: boolean } = {}): string {
  const columns = input.columns.map((c) => `'${c.name}': '${c.type}'`).join(', ');
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  return `read_csv($path, header = true, auto_detect = false, delim = ${quote(input.delimiter)}, quote = '"',
    escape = '"', skip = ${input.skipLines ?? 0}, columns = {${columns}}${
      options.storeRejects === false
        ? ''
        : `, store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejectScans}'`
    })`;
}

/**
 * Validate a whole file in one streaming scan: DuckDB's cast/structure errors, the row checks, the key; returns the
 * row count and the distinct values asked for. Throws a UserError naming the first bad line.
 */
export async function scanCsv(db: Db, input: CsvInput, spec: ScanSpec = {}): Promise<ScanResult> {
  const checks = spec.checks ?? [];
  const distinct = spec.distinct ?? [];
  const selects = [
    'count(*) AS n',
    // Every column is referenced, so that DuckDB casts (and rejects) each of them.
    ...input.columns.map((c, i) => `count("${c.name}") AS c${i}`),
    ...checks.map((c, i) => `count(*) FILTER (WHERE ${c.bad}) AS bad${i}`),
    ...distinct.map((d, i) => `list(DISTINCT "${d}"::VARCHAR) FILTER (WHERE "${d}" IS NOT NULL) AS d${i}`),
    ...Object.values(spec.counts ?? {}).map((where, i) => `count(*) FILTER (WHERE ${where}) AS n${i}`),
    // A 64-bit hash per key instead of the key itself: a third of the memory. A collision can only make the count
    // smaller; the exact query in duplicateError then decides.
    ...(spec.key ? [`count(DISTINCT hash(${spec.key.map((k) => `"${k}"`).join(', ')})) AS keys`] : []),
  ];
  const verify = input.path.endsWith('.gz') ? verifyGzip(input) : Promise.resolve();
  verify.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
  await db.run(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejectScans}`);
  const row = await readOrFail(input, () =>
    withProgress(db, spec.progress, () =>
      db.one(`SELECT ${selects.join(', ')} FROM ${csvRelation(input)}`, { path: input.path }),
    ),
  );
  await verify;
  if (!row) throw new UserError(`${input.label}: cannot be read as a delimited file`);
  await ensureNoRejects(db, input);
  const rows = Number(row.n);
  if (rows === 0) {
    throw new UserError(
      `${input.label}: no data rows after the header; expected at least one (is the file truncated?). ` +
        'Nothing was imported.',
    );
  }
  const failed = checks.filter((_, i) => Number(row[`bad${i}`]) > 0);
  if (failed.length > 0) {
    // The earliest bad row over every failing check, and the first check it breaks.
    const flags = failed.map((c) => c.bad);
    const found = await findFirstRow(db, input, flags.map((f) => `(${f})`).join(' OR '), {}, flags);
    const check = failed[found?.flags.indexOf(true) ?? 0] ?? failed[0];
    if (found) throw await rowError(input, found, check.column, check.expected);
  }
  if (spec.key && Number(row.keys) < rows) {
    const duplicate = await duplicateError(db, input, spec.key);
    if (duplicate) throw duplicate;
  }
  const values: Record<string, string[]> = {};
  distinct.forEach((d, i) => {
    values[d] = [...((row[`d${i}`] as Iterable<string> | null) ?? [])];
  });
  const counts = Object.fromEntries(Object.keys(spec.counts ?? {}).map((name, i) => [name, Number(row[`n${i}`])]));
  return { rows, distinct: values, counts };
}

/** Run a statement that reads the input (an INSERT … SELECT from `csvRelation`), reporting its progress. */
export async function runCsv(
  db: Db,
  input: CsvInput,
  sql: string,
  params: Record<string, DuckDBValue>,
  progress?: (fraction: number) => void,
): Promise<void> {
  await readOrFail(input, () => withProgress(db, progress, () => db.run(sql, { path: input.path, ...params })));
}

export interface FoundRow {
  /** 1-based position among the data rows, as DuckDB numbers them (blank lines skipped). */
  index: number;
  values: Record<string, unknown>;
  /** The value of each `flags` expression for this row. */
  flags: boolean[];
}

/** The first data row for which `where` (SQL over the column names) holds, or undefined. */
export async function findFirstRow(
  db: Db,
  input: CsvInput,
  where: string,
  params: Record<string, DuckDBValue> = {},
  flags: string[] = [],
): Promise<FoundRow | undefined> {
  // row_number() OVER () numbers rows in file order: DuckDB preserves insertion order for a window without ORDER BY
  // (test/sources/baci/importer.test.ts checks it on a file large enough to be read in parallel).
  const extra = flags.map((f, i) => `, coalesce(${f}, false) AS radar_flag${i}`).join('');
  const row = await db.one(
    `SELECT * FROM (SELECT row_number() OVER () AS radar_row, *${extra} FROM ${csvRelation(input)}) WHERE ${where}
     ORDER BY radar_row LIMIT 1`,
    { path: input.path, ...params },
  );
  if (!row) return undefined;
  const { radar_row, ...values } = row;
  return { index: Number(radar_row), values, flags: flags.map((_, i) => values[`radar_flag${i}`] === true) };
}

/** The UserError for one bad field: `file:line:column: column "v" holds "abc"; expected a number. …`. */
export async function rowError(input: CsvInput, found: FoundRow, column: string, expected: string): Promise<UserError> {
  const { line, text } = await physicalLine(input, found.index);
  const index = input.columns.findIndex((c) => c.name === column);
  const at = fieldStart(text, input.delimiter, index);
  const raw = fieldText(text, input.delimiter, index);
  const header = input.columns[index]?.header ?? column;
  return new UserError(
    `${input.label}:${line}:${at}: column "${header}" holds "${raw}"; expected ${expected}. Nothing was imported.`,
  );
}

async function duplicateError(db: Db, input: CsvInput, key: string[]): Promise<UserError | undefined> {
  const cols = key.map((k) => `"${k}"`).join(', ');
  const dup = await db.one<{ first: number; second: number }>(
    `SELECT rows[1] AS first, rows[2] AS second FROM (
       SELECT list(radar_row ORDER BY radar_row) AS rows
       FROM (SELECT row_number() OVER () AS radar_row, * FROM ${csvRelation(input)})
       GROUP BY ${cols} HAVING count(*) > 1) ORDER BY second LIMIT 1`,
    { path: input.path },
  );
  if (!dup) return undefined; // two keys shared a hash, no real duplicate
  const first = await physicalLine(input, Number(dup.first));
  const second = await physicalLine(input, Number(dup.second));
  const headers = key.map((k) => input.columns.find((c) => c.name === k)?.header ?? k);
  return new UserError(
    `${input.label}:${second.line}:1: duplicate key: this row has the same ${headers.join(', ')} as line ${first.line}; ` +
      `expected one row per ${headers.join(', ')}. Nothing was imported.`,
  );
}

/** DuckDB read errors (unreadable file, bad compression) become UserErrors naming the file. */
async function readOrFail<T>(input: CsvInput, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError) throw error;
    const message = (error as Error).message.split('\n')[0];
    throw new UserError(`${input.label}: cannot be read: ${message}. Nothing was imported.`);
  }
}

interface RejectRow {
  line: number;
  column_idx: number;
  column_name: string | null;
  error_type: string;
  csv_line: string;
  error_message: string;
}

async function ensureNoRejects(db: Db, input: CsvInput): Promise<void> {
  // DuckDB creates the reject table only when a scan rejected something.
  const exists = await db.one(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${rejects}'`);
  if (!exists) return;
  const reject = await db.one<RejectRow>(
    `SELECT line, column_idx, column_name, error_type, csv_line, error_message FROM ${rejects} ORDER BY line LIMIT 1`,
  );
  if (!reject) return;
  const line = Number(reject.line);
  const { text, bytes } = await rawLine(input, line);
  const columns = input.columns;
  const index = Math.max(0, Number(reject.column_idx) - 1);
  const column = columns[Math.min(index, columns.length - 1)];
  const at = (what: string) => `${input.label}:${line}:${what}`;
  const fields = text.split(input.delimiter).length;
  const invalid = firstInvalidUtf8(bytes);
  // A byte that is not UTF-8 inside a number column is reported by DuckDB as a cast error: name the real cause.
  const type = invalid < bytes.length ? 'INVALID ENCODING' : reject.error_type;
  switch (type) {
    case 'CAST': {
      const raw = fieldText(text, input.delimiter, index);
      throw new UserError(
        `${at(String(fieldStart(text, input.delimiter, index)))}: column "${column.header}" holds "${raw}"; ` +
          `expected ${column.expected}. Nothing was imported.`,
      );
    }
    case 'MISSING COLUMNS':
      throw new UserError(
        `${at(String(text.length + 1))}: the row ends after ${fields} field${fields === 1 ? '' : 's'}; expected ` +
          `${columns.length} (${columns.map((c) => c.header).join(',')}). Is the file truncated?` +
          ' Nothing was imported.',
      );
    case 'TOO MANY COLUMNS':
      throw new UserError(
        `${at(String(fieldStart(text, input.delimiter, columns.length)))}: the row has ${fields} fields; expected ` +
          `${columns.length} (${columns.map((c) => c.header).join(',')}). Nothing was imported.`,
      );
    case 'INVALID ENCODING':
    case 'INVALID UNICODE': {
      const column = bytes.subarray(0, invalid).toString('utf8').length + 1;
      throw new UserError(
        `${at(String(column))}: byte 0x${bytes[invalid]?.toString(16).toUpperCase()} is not UTF-8; expected UTF-8 text ` +
          '(a Windows-1252 or Latin-1 file must be converted to UTF-8 first). Nothing was imported.',
      );
    }
    default:
      throw new UserError(`${at('1')}: ${reject.error_message}. Nothing was imported.`);
  }
}

const progressEnabled = new WeakSet<Db>();

/** Poll DuckDB's query progress while `work` runs. */
async function withProgress<T>(
  db: Db,
  report: ((fraction: number) => void) | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!report) return work();
  if (!progressEnabled.has(db)) {
    // DuckDB only tracks query progress while its progress bar is on; printing it stays off.
    await db.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0');
    progressEnabled.add(db);
  }
  const timer = setInterval(() => {
    const p = db.connection.progress.percentage;
    if (p >= 0) report(Math.min(1, p / 100));
  }, 200);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

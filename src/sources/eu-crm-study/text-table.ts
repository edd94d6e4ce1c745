import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UserError } from '../../domain/errors.js';

/**
 * Reading the small delimited tables of the EU CRM study, WGI, World Mining Data and USGS MCS (all well under
 * 10 MB, so each file is read whole): byte decoding with the encoding detected and checked, CSV records with their
 * line numbers, header checks and cell parsers whose errors name `file:line:column`.
 * Shared by the importers eu-crm-study, wgi, wmd and usgs-mcs (it lives here until src/sources/ has a common home).
 */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface TextFile {
  /** Base name, as the user sees it in messages. */
  name: string;
  text: string;
  encoding: Encoding;
}

/** One CSV record: `line` is the line it starts on (1-based), `fields` its raw cells. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

const nothingImported = 'Nothing was imported.';

/** Throws the UserError every cell check uses: `file:line:column: message. Nothing was imported.` */
export function failAt(file: string, line: number, column: number | undefined, message: string): never {
  const where = column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
  throw new UserError(`${where}: ${message}. ${nothingImported}`);
}

/**
 * Decode a file's bytes. UTF-8 (with or without byte-order mark) when the bytes are valid UTF-8, else
 * Windows-1252 (the USGS MCS and EU CRM transcription files are cp1252). Refused, with the position:
 * UTF-16, NUL bytes, a UTF-8 byte-order mark followed by bytes that are not UTF-8, and the five byte values
 * Windows-1252 leaves undefined.
 */
export function decodeText(name: string, bytes: Uint8Array): TextFile {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UserError(
      `${name}: the file is UTF-16 encoded (byte-order mark ${bytes[0].toString(16)} ${bytes[1].toString(16)}); ` +
        `save it as UTF-8 or Windows-1252 CSV. ${nothingImported}`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = positionOf(bytes, nul);
    failAt(name, line, column, 'NUL byte: this is a binary file or UTF-16 text, not a CSV in UTF-8 or Windows-1252');
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const invalid = firstInvalidUtf8(body);
  if (invalid < 0) return { name, text: new TextDecoder('utf-8').decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  if (bom) {
    const { line, column } = positionOf(bytes, invalid + 3);
    const byte = body[invalid];
    failAt(
      name,
      line,
      column,
      `the file starts with a UTF-8 byte-order mark but byte 0x${byte.toString(16).toUpperCase()} here is not UTF-8 ` +
        `(Windows-1252 would read it as "${decodeWindows1252(body.subarray(invalid, invalid + 1))}"); ` +
        're-save the file in one encoding',
    );
  }
  const undefinedByte = body.findIndex((b) => b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d);
  if (undefinedByte >= 0) {
    const { line, column } = positionOf(bytes, undefinedByte);
    failAt(
      name,
      line,
      column,
      `byte 0x${body[undefinedByte].toString(16).toUpperCase()} is neither UTF-8 nor Windows-1252; expected one of ` +
        'those encodings',
    );
  }
  return { name, text: decodeWindows1252(body), encoding: 'windows-1252' };
}

/**
 * Windows-1252 by hand: Node's TextDecoder reads the label 'windows-1252' as ISO-8859-1 unless it has full ICU,
 * which turns 0x80 into U+0080 instead of "€". Bytes 0x80–0x9F use the table; the five undefined ones are refused
 * before this is called.
 */
const cp1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (const b of bytes) {
    chunk.push(b >= 0x80 && b <= 0x9f ? cp1252High[b - 0x80] : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

export function readText(path: string, name: string): TextFile {
  return decodeText(name, readFileSync(path));
}

/** Offset of the first byte that breaks UTF-8, or -1 when all of it is valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const extra = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0 || i + extra >= bytes.length) return i;
    for (let k = 1; k <= extra; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return -1;
}

function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parse CSV text into records with their starting line. Blank lines are skipped; a quote that is never closed
 * (a truncated file) or a stray quote is an error naming the line where the broken record starts.
 */
export function readCsv(file: TextFile, options: { delimiter?: string } = {}): CsvRecord[] {
  let lastEnd = 0;
  const records: CsvRecord[] = [];
  try {
    const parsed = parse(file.text, {
      delimiter: options.delimiter ?? ',',
      relax_column_count: true,
      skip_empty_lines: false,
      // csv-parse counts lines up to the end of each record; a record starts one line after the previous one ended.
      on_record: (fields, context) => {
        const line = lastEnd + 1;
        lastEnd = context.lines;
        return { line, fields } as unknown as string[];
      },
    }) as unknown as CsvRecord[];
    for (const record of parsed) {
      if (record.fields.length === 1 && record.fields[0].trim() === '') continue;
      records.push(record);
    }
  } catch (error) {
    const e = error as { code?: string; message: string };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      failAt(file.name, lastEnd + 1, undefined, 'a quoted field opened here is never closed: the file is truncated');
    }
    // csv-parse's codes: CSV_… and INVALID_OPENING_QUOTE (a quote inside an unquoted field); all are bad input.
    if (e.code?.startsWith('CSV_') || e.code === 'INVALID_OPENING_QUOTE')
      failAt(file.name, lastEnd + 1, undefined, `malformed CSV (${e.message})`);
    throw error;
  }
  return records;
}

/** Header cells compared after trimming and collapsing whitespace (some transcriptions wrap header cells). */
export function cleanCell(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Check the header record: the first `expected.length` cells must equal `expected` (case-sensitive after
 * whitespace clean-up); further cells are allowed only when empty (the WGI trailing comma) or listed in `extra`.
 */
export function ensureHeader(file: TextFile, header: CsvRecord | undefined, expected: readonly string[]): void {
  if (!header)
    throw new UserError(
      `${file.name}: the file is empty (expected a header: ${expected.join(',')}). ${nothingImported}`,
    );
  const found = header.fields.map(cleanCell);
  for (const [i, name] of expected.entries()) {
    if (found[i] !== name) {
      failAt(
        file.name,
        header.line,
        i + 1,
        `header column ${i + 1} is "${found[i] ?? ''}", expected "${name}" (expected header: ${expected.join(',')})`,
      );
    }
  }
}

/** A cell reader bound to one record, for messages that name file:line:column and the column's header. */
export class Cells {
  constructor(
    readonly file: string,
    readonly record: CsvRecord,
    private readonly header: readonly string[],
  ) {}

  get line(): number {
    return this.record.line;
  }

  /** The raw cell (whitespace-collapsed), checking that the record is long enough (truncated rows). */
  text(column: number): string {
    const value = this.record.fields[column];
    if (value === undefined) {
      this.fail(
        column,
        `the row has ${this.record.fields.length} field(s), expected at least ${column + 1} ` +
          `(${this.header.join(',')}): the line is truncated or a delimiter is missing`,
      );
    }
    return cleanCell(value);
  }

  fail(column: number, message: string): never {
    const name = this.header[column];
    return failAt(this.file, this.record.line, column + 1, name ? `${name}: ${message}` : message);
  }

  /** A finite number written plainly ("1.5", "-0.2", "1e-3"); "" → null when `optional`. */
  number(column: number, options: { optional?: boolean; thousands?: boolean } = {}): number | null {
    const text = this.text(column);
    if (text === '' && options.optional) return null;
    const plain = options.thousands ? text.replace(/,(?=\d{3}(\D|$))/g, '') : text;
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain)) this.fail(column, `"${text}" is not a number`);
    return Number(plain);
  }

  integer(column: number): number {
    const text = this.text(column);
    if (!/^\d+$/.test(text)) this.fail(column, `"${text}" is not a whole number`);
    return Number(text);
  }
}

/**
 * Percent text as a fraction: "28.4%" → 0.284, "<0.1%" → half the bound (0.0005, bound "<"), ">0%" → 0 (">").
 * A bare number ("6", once in the EU sourcing table) is read as percent and reported in `bare`, so the importer
 * can warn about it.
 */
export function parsePercent(
  cells: Cells,
  column: number,
): { value: number; bound: '<' | '>' | null; text: string; bare: boolean } {
  const text = cells.text(column);
  const match = /^([<>])?\s*(\d+(?:\.\d+)?)\s*(%?)$/.exec(text);
  if (!match) return cells.fail(column, `"${text}" is not a percentage like "28.4%" or "<0.1%"`);
  const bound = (match[1] as '<' | '>' | undefined) ?? null;
  const percent = Number(match[2]);
  if (percent > 100) cells.fail(column, `"${text}" is above 100%`);
  const value = bound === '<' ? percent / 200 : percent / 100;
  return { value, bound, text, bare: match[3] === '' };
}

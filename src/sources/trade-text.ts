import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { UserError } from '../domain/errors.js';

/**
 * The bytes and lines of delimited trade files, read in JS where DuckDB cannot help (trade-csv.ts): strict UTF-8
 * checks, the raw text of one line for an error message, the physical line of the n-th data row, the header, and
 * the gzip trailer check. Each reads only as far as it needs.
 */

/** Where a line reader finds a file, and how to name it. */
export interface TextInput {
  path: string;
  label: string;
  skipLines?: number;
}

/** Index (0-based) of the first byte of an invalid UTF-8 sequence, or the length when all is valid. */
export function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >> 5 === 6 ? 1 : b >> 4 === 14 ? 2 : b >> 3 === 30 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || bytes[i + k] >> 6 !== 2) return i;
    i += n + 1;
  }
  return i;
}

export function fieldStart(text: string, delimiter: string, index: number): number {
  let at = 0;
  for (let i = 0; i < index; i++) {
    const next = text.indexOf(delimiter, at);
    if (next < 0) return text.length + 1;
    at = next + delimiter.length;
  }
  return at + 1;
}

export function fieldText(text: string, delimiter: string, index: number): string {
  return text.split(delimiter)[index] ?? '';
}

/**
 * Open a file as a byte stream, decompressing .gz. A damaged .gz fails as a UserError naming the file (the
 * reliability fuzzing of issue 10 found zlib's own error, "incorrect header check", escaping as a crash).
 */
function openRaw(path: string, label = path): Readable {
  const stream = createReadStream(path);
  if (!path.endsWith('.gz')) return stream;
  const gunzip = stream.pipe(createGunzip());
  return Readable.from(
    (async function* () {
      try {
        for await (const chunk of gunzip) yield chunk as Buffer;
      } catch (error) {
        throw new UserError(
          `${label}: the gzip stream is damaged or truncated (${(error as Error).message}); expected a complete ` +
            '.gz file. Nothing was imported.',
        );
      } finally {
        stream.destroy();
      }
    })(),
    { objectMode: false },
  );
}

/** The raw bytes and text (CR stripped) of one physical line (1-based). Reads up to that line only. */
export async function rawLine(input: TextInput, line: number): Promise<{ text: string; bytes: Buffer }> {
  let current = 1;
  let pending: Buffer[] = [];
  for await (const chunk of openRaw(input.path, input.label) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
      if (current === line) return decodeLine(Buffer.concat([...pending, chunk.subarray(start, i)]));
      current++;
      pending = [];
      start = i + 1;
    }
    if (current === line) pending.push(chunk.subarray(start));
  }
  return decodeLine(Buffer.concat(pending));
}

function decodeLine(bytes: Buffer): { text: string; bytes: Buffer } {
  const trimmed = bytes.at(-1) === 13 ? bytes.subarray(0, -1) : bytes;
  return { text: trimmed.toString('utf8').replace(/^\uFEFF/, ''), bytes: trimmed };
}

/** The physical line of the n-th data row (DuckDB skips blank lines, so the two can differ). */
export async function physicalLine(input: TextInput, index: number): Promise<{ line: number; text: string }> {
  const lines = createInterface({ input: openRaw(input.path, input.label), crlfDelay: Number.POSITIVE_INFINITY });
  const first = (input.skipLines ?? 0) + 2;
  let line = 0;
  let row = 0;
  try {
    for await (const text of lines) {
      line++;
      if (line < first || text.trim() === '') continue;
      if (++row === index) return { line, text: text.replace(/^\uFEFF/, '') };
    }
  } finally {
    lines.close();
  }
  return { line: first + index - 1, text: '' };
}

/** The first line (after `skipLines`), decoded strictly as UTF-8 (BOM removed), and the CR/LF style. */
export async function readHeaderLine(path: string, label: string, skipLines = 0): Promise<string> {
  const { bytes } = await rawLine({ path, label }, skipLines + 1);
  const bad = firstInvalidUtf8(bytes);
  if (bad < bytes.length) {
    throw new UserError(
      `${label}:${skipLines + 1}:${bytes.subarray(0, bad).toString('utf8').length + 1}: byte 0x${bytes[bad]
        .toString(16)
        .toUpperCase()} in the header is not UTF-8; expected UTF-8 text. Nothing was imported.`,
    );
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** Split a header line into field names (surrounding quotes and spaces removed). */
export function splitHeader(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * Pick the layout whose header the file carries. On no match, the error names the first differing column of the
 * closest layout.
 */
export function ensureLayout<T extends { name: string; headers: readonly string[] }>(
  label: string,
  found: readonly string[],
  layouts: readonly T[],
  line = 1,
): T {
  const exact = layouts.find((l) => l.headers.length === found.length && l.headers.every((h, i) => h === found[i]));
  if (exact) return exact;
  const agree = (l: T) => l.headers.findIndex((h, i) => h !== found[i]);
  const closest = [...layouts].sort((a, b) => score(b) - score(a))[0];
  function score(l: T): number {
    const i = agree(l);
    return i < 0 ? l.headers.length : i;
  }
  const i = agree(closest) < 0 ? closest.headers.length : agree(closest);
  const column = found.slice(0, i).join(',').length + (i > 0 ? 2 : 1);
  const what = i < found.length ? `"${found[i]}"` : 'nothing';
  const expected = i < closest.headers.length ? `"${closest.headers[i]}"` : 'the end of the line';
  throw new UserError(
    `${label}:${line}:${column}: header column ${i + 1} is ${what}; expected ${expected} ` +
      `(${closest.name} layout: ${closest.headers.join(',')}). ` +
      `Accepted layouts: ${layouts.map((l) => l.name).join('; ')}. Nothing was imported.`,
  );
}

/** Decompress a .gz once to check its trailer: DuckDB reads a truncated gzip stream as a shorter file. */
export async function verifyGzip(input: TextInput): Promise<void> {
  try {
    await pipeline(createReadStream(input.path), createGunzip(), async (source: AsyncIterable<Buffer>) => {
      for await (const _ of source);
    });
  } catch (error) {
    throw new UserError(
      `${input.label}: the gzip stream is damaged or truncated (${(error as Error).message}); expected a complete ` +
        '.gz file. Download it again. Nothing was imported.',
    );
  }
}

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type Matrix, matrix, type Vector, vector } from '../../../src/methods/io/matrix.js';

/**
 * The iotables transcriptions of textbook IOTs (../shared/data/real/io-tables, never copied here): a label column,
 * six industry columns, then final-use columns; rows are the six domestic products, then primary inputs.
 */
export interface Textbook {
  labels: string[];
  Z: Matrix;
  x: Vector;
  row: (label: string) => Vector;
}

export function readTextbook(
  path: string,
  layout: { sep: string; firstIndustryColumn: number; outputRow: string; labelColumn?: number },
): Textbook {
  const [header, ...rows] = parse(readFileSync(path, 'utf8'), { delimiter: layout.sep }) as string[][];
  const c0 = layout.firstIndustryColumn;
  const labels = header.slice(c0, c0 + 6);
  const byLabel = new Map(rows.map((r) => [r[layout.labelColumn ?? 0], r]));
  const numbers = (r: string[]) => r.slice(c0, c0 + 6).map((v) => (v === '' ? 0 : Number(v)));
  const Z = matrix(labels, labels, rows.slice(0, 6).map(numbers));
  const out = byLabel.get(layout.outputRow);
  if (!out) throw new Error(`no ${layout.outputRow} row in ${path}`);
  return {
    labels,
    Z,
    x: vector(labels, numbers(out)),
    row: (label) => {
      const r = byLabel.get(label);
      if (!r) throw new Error(`no ${label} row in ${path}`);
      return vector(labels, numbers(r));
    },
  };
}

export function assertClose(actual: ArrayLike<number>, expected: readonly number[], tolerance: number, what: string) {
  if (actual.length !== expected.length)
    throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      throw new Error(`${what}[${i}]: ${actual[i]} differs from ${expected[i]} by more than ${tolerance}`);
    }
  }
}

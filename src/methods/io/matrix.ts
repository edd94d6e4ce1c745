/**
 * Labelled dense matrices and vectors for input–output maths (docs/methods.md §2). Values are row-major
 * Float64Arrays; every matrix carries its row and column labels, and every operation that combines two of them
 * checks that the labels agree. A mismatch is a broken invariant (InternalError), never a silent misalignment.
 *
 * Names stay mathematical inside methods/io: Z (flows), A (technical coefficients), L (Leontief inverse),
 * B (allocation coefficients), G (Ghosh inverse), x (output), y (final demand), v (value-added coefficients).
 */
import { InternalError } from '../../domain/errors.js';

export interface Matrix {
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  /** Row-major: values[i * cols.length + j]. */
  readonly values: Float64Array;
}

export interface Vector {
  readonly labels: readonly string[];
  readonly values: Float64Array;
}

/**
 * @example matrix(['s1', 's2'], ['s1', 's2'], [[0.15, 0.25], [0.2, 0.05]]).values // Float64Array [0.15, 0.25, 0.2, 0.05]
 */
export function matrix(
  rows: readonly string[],
  cols: readonly string[],
  values: readonly (readonly number[])[],
): Matrix {
  if (values.length !== rows.length)
    throw new InternalError(`matrix: ${values.length} value rows for ${rows.length} labels`);
  const out = new Float64Array(rows.length * cols.length);
  values.forEach((row, i) => {
    if (row.length !== cols.length)
      throw new InternalError(`matrix: row ${rows[i]} has ${row.length} values, not ${cols.length}`);
    out.set(row, i * cols.length);
  });
  return { rows, cols, values: out };
}

export function vector(labels: readonly string[], values: ArrayLike<number>): Vector {
  if (values.length !== labels.length)
    throw new InternalError(`vector: ${values.length} values for ${labels.length} labels`);
  return { labels, values: Float64Array.from(values) };
}

export function at(m: Matrix, i: number, j: number): number {
  return m.values[i * m.cols.length + j];
}

/** Same labels in the same order, or an InternalError naming the first difference. */
export function ensureSameLabels(a: readonly string[], b: readonly string[], what: string): void {
  if (a === b) return;
  if (a.length !== b.length) throw new InternalError(`${what}: ${a.length} labels against ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i])
      throw new InternalError(`${what}: label ${i} is "${a[i]}" on one side and "${b[i]}" on the other`);
  }
}

export function ensureSquare(m: Matrix, what: string): number {
  ensureSameLabels(m.rows, m.cols, `${what} must be square with the same row and column labels`);
  return m.rows.length;
}

export function identity(labels: readonly string[]): Matrix {
  const n = labels.length;
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) values[i * n + i] = 1;
  return { rows: labels, cols: labels, values };
}

/** C = A·B with label checks (A.cols = B.rows). */
export function multiply(a: Matrix, b: Matrix): Matrix {
  ensureSameLabels(a.cols, b.rows, 'multiply: inner labels');
  const n = a.rows.length;
  const k = a.cols.length;
  const m = b.cols.length;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a.values[i * k + p];
      if (aip === 0) continue;
      const bRow = p * m;
      const oRow = i * m;
      for (let j = 0; j < m; j++) out[oRow + j] += aip * b.values[bRow + j];
    }
  }
  return { rows: a.rows, cols: b.cols, values: out };
}

/** y = M·x (x labelled by M's columns). */
export function multiplyVector(m: Matrix, x: Vector): Vector {
  ensureSameLabels(m.cols, x.labels, 'matrix·vector');
  const n = m.rows.length;
  const k = m.cols.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * k;
    for (let j = 0; j < k; j++) s += m.values[row + j] * x.values[j];
    out[i] = s;
  }
  return { labels: m.rows, values: out };
}

/** y' = x'·M (x labelled by M's rows). */
export function vectorMultiply(x: Vector, m: Matrix): Vector {
  ensureSameLabels(x.labels, m.rows, 'vector·matrix');
  const n = m.rows.length;
  const k = m.cols.length;
  const out = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const xi = x.values[i];
    if (xi === 0) continue;
    const row = i * k;
    for (let j = 0; j < k; j++) out[j] += xi * m.values[row + j];
  }
  return { labels: m.cols, values: out };
}

export function columnSums(m: Matrix): Vector {
  const out = new Float64Array(m.cols.length);
  const k = m.cols.length;
  for (let i = 0; i < m.rows.length; i++) for (let j = 0; j < k; j++) out[j] += m.values[i * k + j];
  return { labels: m.cols, values: out };
}

export function rowSums(m: Matrix): Vector {
  const out = new Float64Array(m.rows.length);
  const k = m.cols.length;
  for (let i = 0; i < m.rows.length; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += m.values[i * k + j];
    out[i] = s;
  }
  return { labels: m.rows, values: out };
}

/**
 * 1/x with 1/0 := 0, the one place this numerical choice is made (pymrio repeats it silently in calc_A, calc_B and
 * calc_G). A zero-output industry produces nothing and buys nothing, so its coefficients are 0 rather than NaN; the
 * labels of such industries are returned so that callers can put their count in the Result's warnings.
 */
export function reciprocalOrZero(x: Vector): { values: Float64Array; zeroLabels: string[] } {
  const values = new Float64Array(x.values.length);
  const zeroLabels: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const xi = x.values[i];
    if (xi === 0) zeroLabels.push(x.labels[i]);
    else values[i] = 1 / xi;
  }
  return { values, zeroLabels };
}

/** The largest |a − b| over two matrices with the same labels (for tests and checks). */
export function maxAbsDifference(a: Matrix, b: Matrix): number {
  ensureSameLabels(a.rows, b.rows, 'compare rows');
  ensureSameLabels(a.cols, b.cols, 'compare cols');
  let max = 0;
  for (let i = 0; i < a.values.length; i++) max = Math.max(max, Math.abs(a.values[i] - b.values[i]));
  return max;
}

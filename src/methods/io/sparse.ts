/**
 * Compressed sparse row (CSR) matrices for large IO tables (FIGARO 2,944², ICIO ≈ 4,000²): A is stored once, and
 * shocks are solved with matrix–vector products (methods/io/iterative.ts) without forming the dense inverse.
 */
import { InternalError } from '../../domain/errors.js';

export interface Csr {
  /** Rows. */
  n: number;
  /** Columns. */
  m: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
}

/** Build from triplets (duplicates are summed; zeros dropped). */
export function csrFromTriplets(
  n: number,
  m: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  vals: ArrayLike<number>,
): Csr {
  const count = new Int32Array(n + 1);
  for (let k = 0; k < rows.length; k++) {
    if (rows[k] < 0 || rows[k] >= n || cols[k] < 0 || cols[k] >= m) {
      throw new InternalError(`csr: triplet (${rows[k]}, ${cols[k]}) outside ${n}×${m}`);
    }
    if (vals[k] !== 0) count[rows[k] + 1]++;
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const rowPtr = Int32Array.from(count);
  const fill = Int32Array.from(count);
  const colIdx = new Int32Array(rowPtr[n]);
  const values = new Float64Array(rowPtr[n]);
  for (let k = 0; k < rows.length; k++) {
    if (vals[k] === 0) continue;
    const at = fill[rows[k]]++;
    colIdx[at] = cols[k];
    values[at] = vals[k];
  }
  return sortAndMerge({ n, m, rowPtr, colIdx, values });
}

export function csrFromDense(dense: ArrayLike<number>, n: number, m: number): Csr {
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = dense[i * m + j];
      if (v !== 0) {
        rows.push(i);
        cols.push(j);
        vals.push(v);
      }
    }
  }
  return csrFromTriplets(n, m, rows, cols, vals);
}

function sortAndMerge(a: Csr): Csr {
  const rowPtr = new Int32Array(a.n + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < a.n; i++) {
    const order: number[] = [];
    for (let k = a.rowPtr[i]; k < a.rowPtr[i + 1]; k++) order.push(k);
    order.sort((p, q) => a.colIdx[p] - a.colIdx[q]);
    for (const k of order) {
      const last = colIdx.length - 1;
      if (colIdx.length > rowPtr[i] && colIdx[last] === a.colIdx[k]) values[last] += a.values[k];
      else {
        colIdx.push(a.colIdx[k]);
        values.push(a.values[k]);
      }
    }
    rowPtr[i + 1] = colIdx.length;
  }
  return { n: a.n, m: a.m, rowPtr, colIdx: Int32Array.from(colIdx), values: Float64Array.from(values) };
}

/** out = A·x */
export function csrMultiply(a: Csr, x: ArrayLike<number>, out: Float64Array = new Float64Array(a.n)): Float64Array {
  const { rowPtr, colIdx, values } = a;
  for (let i = 0; i < a.n; i++) {
    let s = 0;
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) s += values[k] * x[colIdx[k]];
    out[i] = s;
  }
  return out;
}

export function csrTranspose(a: Csr): Csr {
  const count = new Int32Array(a.m + 1);
  for (let k = 0; k < a.colIdx.length; k++) count[a.colIdx[k] + 1]++;
  for (let j = 0; j < a.m; j++) count[j + 1] += count[j];
  const rowPtr = Int32Array.from(count);
  const fill = Int32Array.from(count);
  const colIdx = new Int32Array(a.colIdx.length);
  const values = new Float64Array(a.colIdx.length);
  for (let i = 0; i < a.n; i++) {
    for (let k = a.rowPtr[i]; k < a.rowPtr[i + 1]; k++) {
      const at = fill[a.colIdx[k]]++;
      colIdx[at] = i;
      values[at] = a.values[k];
    }
  }
  return { n: a.m, m: a.n, rowPtr, colIdx, values };
}

/** The diagonal (zeros where absent). */
export function csrDiagonal(a: Csr): Float64Array {
  const d = new Float64Array(Math.min(a.n, a.m));
  for (let i = 0; i < d.length; i++) {
    for (let k = a.rowPtr[i]; k < a.rowPtr[i + 1]; k++) if (a.colIdx[k] === i) d[i] += a.values[k];
  }
  return d;
}

export function csrToDense(a: Csr): Float64Array {
  const out = new Float64Array(a.n * a.m);
  for (let i = 0; i < a.n; i++) {
    for (let k = a.rowPtr[i]; k < a.rowPtr[i + 1]; k++) out[i * a.m + a.colIdx[k]] += a.values[k];
  }
  return out;
}

/**
 * Coefficient matrices of an input–output table (docs/methods.md §2; Miller & Blair 2009 §2.2, §12.1).
 * - technical (input) coefficients A = Z·x̂⁻¹: a_ij = z_ij / x_j, inputs from i per unit of output of j;
 * - allocation (output) coefficients B = x̂⁻¹·Z: b_ij = z_ij / x_i, the share of i's output sold to j (Ghosh);
 * - primary-input coefficients v_j = VA_j / x_j (and any other row per unit of output).
 * Zero output → coefficient 0 (reciprocalOrZero in matrix.ts); the zero-output labels are returned for warnings.
 */
import { ensureSameLabels, type Matrix, reciprocalOrZero, type Vector } from './matrix.js';
import type { Csr } from './sparse.js';

export interface Coefficients<M> {
  matrix: M;
  /** Industries with zero output: their coefficients are set to 0 (count them in the Result's warnings). */
  zeroOutput: string[];
}

/** A sparse labelled matrix (large tables). */
export interface SparseMatrix {
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  readonly csr: Csr;
}

/**
 * @example technicalCoefficients(matrix(['a','b'], ['a','b'], [[150, 500], [200, 100]]), vector(['a','b'], [1000, 2000])).matrix.values
 * // Float64Array [0.15, 0.25, 0.2, 0.05]  (Miller & Blair 2009, Table 2.3)
 */
export function technicalCoefficients(Z: Matrix, x: Vector): Coefficients<Matrix> {
  ensureSameLabels(Z.cols, x.labels, 'technical coefficients: Z columns and x');
  const { values: inv, zeroLabels } = reciprocalOrZero(x);
  const n = Z.rows.length;
  const m = Z.cols.length;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = Z.values[i * m + j] * inv[j];
  return { matrix: { rows: Z.rows, cols: Z.cols, values: out }, zeroOutput: zeroLabels };
}

export function allocationCoefficients(Z: Matrix, x: Vector): Coefficients<Matrix> {
  ensureSameLabels(Z.rows, x.labels, 'allocation coefficients: Z rows and x');
  const { values: inv, zeroLabels } = reciprocalOrZero(x);
  const n = Z.rows.length;
  const m = Z.cols.length;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = Z.values[i * m + j] * inv[i];
  return { matrix: { rows: Z.rows, cols: Z.cols, values: out }, zeroOutput: zeroLabels };
}

/** A row per unit of output, e.g. value added → v, compensation → w, employment → e. */
export function inputCoefficients(row: Vector, x: Vector): Coefficients<Vector> {
  ensureSameLabels(row.labels, x.labels, 'input coefficients: row and x');
  const { values: inv, zeroLabels } = reciprocalOrZero(x);
  const out = new Float64Array(row.values.length);
  for (let j = 0; j < out.length; j++) out[j] = row.values[j] * inv[j];
  return { matrix: { labels: row.labels, values: out }, zeroOutput: zeroLabels };
}

/** A = Z·x̂⁻¹ on a sparse Z. */
export function sparseTechnicalCoefficients(Z: SparseMatrix, x: Vector): Coefficients<SparseMatrix> {
  ensureSameLabels(Z.cols, x.labels, 'technical coefficients: Z columns and x');
  const { values: inv, zeroLabels } = reciprocalOrZero(x);
  const values = new Float64Array(Z.csr.values.length);
  for (let k = 0; k < values.length; k++) values[k] = Z.csr.values[k] * inv[Z.csr.colIdx[k]];
  return { matrix: { rows: Z.rows, cols: Z.cols, csr: { ...Z.csr, values } }, zeroOutput: zeroLabels };
}

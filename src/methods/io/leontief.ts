/**
 * The Leontief (demand-driven) quantity model (docs/methods.md §2; Miller & Blair 2009 §2.3):
 *   x = A·x + y  ⇒  x = (I − A)⁻¹·y = L·y,   L = I + A + A² + …
 * Two ways to use it:
 * - `leontiefInverse(A)`: the explicit L by dense LU (small tables only);
 * - `leontiefSolver(A, options)`: solves L·b and b'·L for shock vectors. Parameter `solver`:
 *   'auto' (default; dense LU when n ≤ denseLimit = 800, else iterative), 'dense' or 'iterative'
 *   (BiCGSTAB on CSR, tolerance 1e-12; methods/io/iterative.ts). Either way it records the largest relative residual
 *   ‖b − (I − A)x‖∞/‖b‖∞ of all its solves, so that the Result can report it.
 */
import { InternalError } from '../../domain/errors.js';
import type { SparseMatrix } from './coefficients.js';
import { type IterativeMethod, leontiefResidual, solveLeontief } from './iterative.js';
import { luFactor, luInverse, luSolve, luSolveTransposed } from './lu.js';
import { ensureSquare, type Matrix } from './matrix.js';
import { type Csr, csrFromDense, csrMultiply, csrToDense, csrTranspose } from './sparse.js';

/**
 * L = (I − A)⁻¹ by dense LU.
 * @example leontiefInverse(matrix(['s1','s2'], ['s1','s2'], [[0.15, 0.25], [0.2, 0.05]])).values
 * // ≈ [1.2541, 0.3300, 0.2640, 1.1221] (Miller & Blair 2009, eq. 2.14)
 */
export function leontiefInverse(A: Matrix): Matrix {
  const n = ensureSquare(A, 'A');
  return { rows: A.rows, cols: A.cols, values: luInverse(luFactor(iMinus(A.values, n), n)) };
}

export function iMinus(values: Float64Array, n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let k = 0; k < m.length; k++) m[k] = -values[k];
  for (let i = 0; i < n; i++) m[i * n + i] += 1;
  return m;
}

export type SolverChoice = 'auto' | 'dense' | 'iterative';

export interface LeontiefSolverOptions {
  solver?: SolverChoice;
  /** Largest n solved densely under 'auto'. */
  denseLimit?: number;
  method?: IterativeMethod;
  tolerance?: number;
}

export interface SolverReport {
  solver: 'dense-lu' | IterativeMethod;
  n: number;
  nonZeros: number;
  solves: number;
  iterations: number;
  /** Largest ‖b − (I − A)x‖∞/‖b‖∞ over all solves. */
  maxResidual: number;
  converged: boolean;
}

export interface LeontiefSolver {
  readonly labels: readonly string[];
  readonly A: Csr;
  /** x = L·b */
  solve(b: ArrayLike<number>): Float64Array;
  /** x' = b'·L (i.e. Lᵀ·b) */
  solveTransposed(b: ArrayLike<number>): Float64Array;
  /** A·v */
  multiplyA(v: ArrayLike<number>): Float64Array;
  /** Aᵀ·v */
  multiplyATransposed(v: ArrayLike<number>): Float64Array;
  report(): SolverReport;
}

export function leontiefSolver(A: Matrix | SparseMatrix, options: LeontiefSolverOptions = {}): LeontiefSolver {
  const labels = A.rows;
  const n = ensureSquare({ rows: A.rows, cols: A.cols, values: new Float64Array(0) }, 'A');
  const csr = 'csr' in A ? A.csr : csrFromDense(A.values, n, n);
  const choice = options.solver ?? 'auto';
  const dense = choice === 'dense' || (choice === 'auto' && n <= (options.denseLimit ?? 800));
  const transposed = () => (at ??= csrTranspose(csr));
  let at: Csr | undefined;
  const stats = { solves: 0, iterations: 0, maxResidual: 0, converged: true };
  const record = (residual: number, iterations = 0, converged = true) => {
    stats.solves++;
    stats.iterations += iterations;
    stats.maxResidual = Math.max(stats.maxResidual, residual);
    stats.converged &&= converged;
  };
  const base = {
    labels,
    A: csr,
    multiplyA: (v: ArrayLike<number>) => csrMultiply(csr, v),
    multiplyATransposed: (v: ArrayLike<number>) => csrMultiply(transposed(), v),
  };
  if (dense) {
    const values = 'csr' in A ? csrToDense(A.csr) : A.values;
    const factors = luFactor(iMinus(values, n), n);
    return {
      ...base,
      solve(b) {
        const x = luSolve(factors, b);
        record(leontiefResidual(csr, x, b));
        return x;
      },
      solveTransposed(b) {
        const x = luSolveTransposed(factors, b);
        record(leontiefResidual(transposed(), x, b));
        return x;
      },
      report: () => ({ solver: 'dense-lu', n, nonZeros: csr.values.length, ...stats }),
    };
  }
  const method = options.method ?? 'bicgstab';
  const run = (m: Csr, b: ArrayLike<number>) => {
    const s = solveLeontief(m, b, { method, tolerance: options.tolerance });
    record(s.residual, s.iterations, s.converged);
    if (!Number.isFinite(s.residual)) throw new InternalError(`iterative Leontief solve diverged (${method})`);
    return s.x;
  };
  return {
    ...base,
    solve: (b) => run(csr, b),
    solveTransposed: (b) => run(transposed(), b),
    report: () => ({ solver: method, n, nonZeros: csr.values.length, ...stats }),
  };
}

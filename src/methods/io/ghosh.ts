/**
 * The Ghosh (supply-driven) quantity model (docs/methods.md §2; Miller & Blair 2009 §12.1):
 *   x' = x'·B + v'  ⇒  x' = v'·(I − B)⁻¹ = v'·G,   B = x̂⁻¹·Z (allocation coefficients).
 * Since B = x̂⁻¹·A·x̂, G = x̂⁻¹·L·x̂ wherever x > 0, so a Ghosh shock can reuse the Leontief solver:
 *   Δx' = Δv'·G  ⇔  Δx = x̂·Lᵀ·x̂⁻¹·Δv.
 * Zero-output industries get 1/x := 0 (matrix.ts reciprocalOrZero), i.e. they neither receive nor pass supply.
 */
import type { LeontiefSolver } from './leontief.js';
import { iMinus } from './leontief.js';
import { luFactor, luInverse } from './lu.js';
import { ensureSameLabels, ensureSquare, type Matrix, reciprocalOrZero, type Vector } from './matrix.js';

/** G = (I − B)⁻¹ by dense LU. */
export function ghoshInverse(B: Matrix): Matrix {
  const n = ensureSquare(B, 'B');
  return { rows: B.rows, cols: B.cols, values: luInverse(luFactor(iMinus(B.values, n), n)) };
}

/** G = x̂⁻¹·L·x̂ from a Leontief inverse and the output it was built with. */
export function ghoshFromLeontief(L: Matrix, x: Vector): Matrix {
  const n = ensureSquare(L, 'L');
  ensureSameLabels(L.rows, x.labels, 'Ghosh from Leontief: L and x');
  const { values: inv } = reciprocalOrZero(x);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = inv[i] * L.values[i * n + j] * x.values[j];
  return { rows: L.rows, cols: L.cols, values: out };
}

/**
 * Δx' = Δv'·G: the output change when primary inputs change by Δv (a negative Δv is a supply shock).
 * @param x output the coefficients were built with
 */
export function ghoshShock(solver: LeontiefSolver, x: ArrayLike<number>, dv: ArrayLike<number>): Float64Array {
  const n = solver.labels.length;
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = x[i] === 0 ? 0 : dv[i] / x[i];
  const u = solver.solveTransposed(scaled);
  for (let i = 0; i < n; i++) u[i] *= x[i];
  return u;
}

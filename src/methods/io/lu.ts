/**
 * Dense LU factorisation with partial pivoting on Float64Array kernels (row-major, right-looking, contiguous inner
 * loops). Used for small tables (national IOTs, n ≲ 600): one factorisation serves every right-hand side, plain and
 * transposed. Large tables go through methods/io/iterative.ts instead and never form a dense inverse.
 * Cost: ⅔n³ for the factorisation, 2n² per solve; the explicit inverse costs about 2n³ (docs/methods.md §2 solvers).
 */
import { UserError } from '../../domain/errors.js';

export interface LuFactors {
  n: number;
  /** L (unit lower, below the diagonal) and U (upper, on and above it) packed row-major. */
  lu: Float64Array;
  /** Row permutation: row i of the factors is row perm[i] of the original. */
  perm: Int32Array;
}

/** Factor a square n×n row-major matrix (the input is not modified). Throws when it is singular. */
export function luFactor(values: Float64Array, n: number): LuFactors {
  const lu = Float64Array.from(values);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let k = 0; k < n; k++) {
    let p = k;
    let max = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]);
      if (v > max) {
        max = v;
        p = i;
      }
    }
    if (max === 0 || !Number.isFinite(max)) {
      throw new UserError(
        `the matrix (I − A) is singular at pivot ${k}: the table has a sector whose inputs from the system equal its output`,
        'Check the table for a sector with zero value added and zero final demand.',
      );
    }
    if (p !== k) {
      const rowK = k * n;
      const rowP = p * n;
      for (let j = 0; j < n; j++) {
        const t = lu[rowK + j];
        lu[rowK + j] = lu[rowP + j];
        lu[rowP + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
    }
    const pivot = lu[k * n + k];
    const rowK = k * n;
    for (let i = k + 1; i < n; i++) {
      const rowI = i * n;
      const l = lu[rowI + k] / pivot;
      lu[rowI + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) lu[rowI + j] -= l * lu[rowK + j];
    }
  }
  return { n, lu, perm };
}

/** Solve M·x = b. */
export function luSolve({ n, lu, perm }: LuFactors, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[perm[i]];
    const row = i * n;
    for (let j = 0; j < i; j++) s -= lu[row + j] * x[j];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    const row = i * n;
    for (let j = i + 1; j < n; j++) s -= lu[row + j] * x[j];
    x[i] = s / lu[row + i];
  }
  return x;
}

/** Solve Mᵀ·x = b, i.e. x'·M = b' (row vector times the inverse), with the same factors. */
export function luSolveTransposed({ n, lu, perm }: LuFactors, b: ArrayLike<number>): Float64Array {
  // PM = LU  ⇒  Mᵀ = Uᵀ Lᵀ P; solve Uᵀ w = b, then Lᵀ z = w, then x = Pᵀ z.
  const w = Float64Array.from(b as ArrayLike<number>);
  for (let j = 0; j < n; j++) {
    w[j] /= lu[j * n + j];
    const wj = w[j];
    if (wj === 0) continue;
    const row = j * n;
    for (let i = j + 1; i < n; i++) w[i] -= lu[row + i] * wj;
  }
  for (let j = n - 1; j >= 0; j--) {
    const wj = w[j];
    if (wj === 0) continue;
    const row = j * n;
    for (let i = 0; i < j; i++) w[i] -= lu[row + i] * wj;
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[perm[i]] = w[i];
  return x;
}

/**
 * The explicit inverse M⁻¹ (row-major). PM = LU ⇒ M⁻¹ = U⁻¹ L⁻¹ P. Y = L⁻¹ is lower triangular, so its rows are
 * built with inner loops that stop at the diagonal (n³/6); X = U⁻¹Y costs n³/2; the permutation moves columns.
 */
export function luInverse(f: LuFactors): Float64Array {
  const { n, lu, perm } = f;
  const X = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    X[rowI + i] = 1;
    for (let k = 0; k < i; k++) {
      const l = lu[rowI + k];
      if (l === 0) continue;
      const rowK = k * n;
      for (let j = 0; j <= k; j++) X[rowI + j] -= l * X[rowK + j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const rowI = i * n;
    for (let k = i + 1; k < n; k++) {
      const u = lu[rowI + k];
      if (u === 0) continue;
      const rowK = k * n;
      for (let j = 0; j < n; j++) X[rowI + j] -= u * X[rowK + j];
    }
    const d = 1 / lu[rowI + i];
    for (let j = 0; j < n; j++) X[rowI + j] *= d;
  }
  // M⁻¹[r, perm[i]] = X[r, i]
  const inverse = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    const row = r * n;
    for (let i = 0; i < n; i++) inverse[row + perm[i]] = X[row + i];
  }
  return inverse;
}

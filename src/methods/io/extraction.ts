/**
 * Hypothetical extraction (docs/methods.md §2 "the IO operator (Leontief / Ghosh / hypothetical extraction)";
 * Miller & Lahr 2001; Dietzenbacher & van der Linden 1997; the fio package's backward/forward extraction).
 * - backward extraction of j: column j of A set to 0 (j buys nothing from the system), final demand unchanged;
 *   loss_j = 1'x − 1'x̄ = x_j·(Σ_i L_ij − 1) / L_jj;
 * - forward extraction of j: row j of B set to 0 (j sells nothing to the system), primary inputs unchanged;
 *   loss_j = 1'x − x̄'1 = (Σ_k L_jk x_k − x_j) / L_jj   (G_jj = L_jj, Σ_k G_jk = (L·x)_j / x_j).
 * Both follow from the Sherman–Morrison formula for the rank-one change; the tests check them against re-solving the
 * system with the column (row) zeroed. They need the diagonal of L, so this method takes the explicit L (small
 * tables). Relative losses divide by total output 1'x.
 */
import { ensureSameLabels, ensureSquare, type Matrix, type Vector } from './matrix.js';

export interface Extraction {
  backward: Float64Array;
  forward: Float64Array;
  backwardShare: Float64Array;
  forwardShare: Float64Array;
}

export function hypotheticalExtraction(L: Matrix, x: Vector): Extraction {
  const n = ensureSquare(L, 'L');
  ensureSameLabels(L.rows, x.labels, 'extraction: L and x');
  const total = x.values.reduce((s, v) => s + v, 0);
  const backward = new Float64Array(n);
  const forward = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const Ljj = L.values[j * n + j];
    let colSum = 0;
    let rowDot = 0;
    for (let k = 0; k < n; k++) {
      colSum += L.values[k * n + j];
      rowDot += L.values[j * n + k] * x.values[k];
    }
    backward[j] = (x.values[j] * (colSum - 1)) / Ljj;
    forward[j] = x.values[j] === 0 ? 0 : (rowDot - x.values[j]) / Ljj;
  }
  const share = (v: Float64Array) => v.map((loss) => (total === 0 ? 0 : loss / total));
  return { backward, forward, backwardShare: share(backward), forwardShare: share(forward) };
}

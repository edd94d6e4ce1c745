/**
 * Backward and forward linkages (docs/methods.md §2; Miller & Blair 2009 §12.2; Eurostat Manual 2008 §15.3):
 * - backward linkage BL_j = Σ_i L_ij (column sum of the Leontief inverse), normalised BL_j / mean(BL)
 *   (Rasmussen 1956): > 1 means j pulls more than the average industry from its suppliers;
 * - forward linkage FL_i = Σ_j G_ij (row sum of the Ghosh inverse), normalised FL_i / mean(FL).
 *   With G = x̂⁻¹·L·x̂: FL_i = (L·x)_i / x_i, one solve. Zero-output industries get FL = 0.
 */
import type { LeontiefSolver } from './leontief.js';

export interface Linkages {
  total: Float64Array;
  normalised: Float64Array;
}

function normalise(total: Float64Array): Linkages {
  const mean = total.reduce((s, v) => s + v, 0) / (total.length || 1);
  return { total, normalised: total.map((v) => (mean === 0 ? 0 : v / mean)) };
}

/** @example backwardLinkages(solver).total // Beutel 15.4: [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782] */
export function backwardLinkages(solver: LeontiefSolver): Linkages {
  return normalise(solver.solveTransposed(new Float64Array(solver.labels.length).fill(1)));
}

/** @example forwardLinkages(solver, x).total // Beutel 15.4: [2.1126, 1.6910, 1.3558, 1.5848, 2.1037, 1.2106] */
export function forwardLinkages(solver: LeontiefSolver, x: ArrayLike<number>): Linkages {
  const Lx = solver.solve(x);
  return normalise(Lx.map((v, i) => (x[i] === 0 ? 0 : v / x[i])));
}

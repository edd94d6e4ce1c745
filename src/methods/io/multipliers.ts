/**
 * Multipliers of the Leontief model (docs/methods.md §2; Miller & Blair 2009 §6.2; Eurostat Manual of Supply, Use
 * and Input-Output Tables 2008, §15.2):
 * - output multiplier m_j = Σ_i L_ij = (1'·L)_j: total output in the system per unit of final demand for j;
 * - value-added multiplier (v'·L)_j with v = VA/x: value added generated per unit of final demand for j
 *   (the Eurostat Manual's "GVA multiplier"); any other row coefficient (employment, emissions) works the same way;
 * - type I multiplier (c'·L)_j / c_j: the total effect per unit of direct effect (e.g. the income multiplier);
 *   null where c_j = 0.
 * Each is one transposed solve, so it works on large tables without forming L.
 */
import type { LeontiefSolver } from './leontief.js';

/** @example outputMultipliers(leontiefSolver(A)) // Beutel 15.4: [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782] */
export function outputMultipliers(solver: LeontiefSolver): Float64Array {
  return solver.solveTransposed(new Float64Array(solver.labels.length).fill(1));
}

/** (c'·L)_j for a coefficient row c (value added, employment, emissions per unit of output). */
export function totalCoefficientMultipliers(solver: LeontiefSolver, c: ArrayLike<number>): Float64Array {
  return solver.solveTransposed(c);
}

/** (c'·L)_j / c_j; null where c_j = 0. */
export function typeIMultipliers(solver: LeontiefSolver, c: ArrayLike<number>): (number | null)[] {
  const total = solver.solveTransposed(c);
  return Array.from(total, (t, j) => (c[j] === 0 ? null : t / c[j]));
}

import { meets, type Threshold } from '../dependency/criteria.js';

/**
 * The EU criticality verdict (docs/methods.md §5.1, §5.4):
 *   critical ⇔ (SR ≥ 1 AND EI ≥ 2.8) OR strategic
 * Thresholds and their operators are parameters (verified: SR ≥ 1, EI ≥ 2.8 [V-seed: L2486, L2506, L2514]).
 * The strategic rule — every strategic raw material is on the critical list whatever its scores — is what puts
 * copper (SR 0.1) and nickel (SR 0.5) on the 2023 list of 34 (COM(2023) 160 Annex II; list-membership.csv notes);
 * the CRMA Art. 4 wording itself was not seen (methods.md §5.1).
 */
export interface CriticalityThresholds {
  sr: Threshold;
  ei: Threshold;
}

export const euThresholds: CriticalityThresholds = { sr: { op: '>=', tau: 1 }, ei: { op: '>=', tau: 2.8 } };

export interface Verdict {
  critical: boolean;
  /** SR and EI both pass their thresholds. */
  byScores: boolean;
  /** Critical only because it is strategic. */
  byStrategicRule: boolean;
}

/** @example verdict(0.1, 4.0, true) // { critical: true, byScores: false, byStrategicRule: true } */
export function verdict(
  sr: number | null,
  ei: number | null,
  strategic: boolean,
  thresholds: CriticalityThresholds = euThresholds,
  strategicRule = true,
): Verdict {
  const byScores = meets(sr, thresholds.sr) && meets(ei, thresholds.ei);
  const byStrategicRule = strategicRule && strategic && !byScores;
  return { critical: byScores || byStrategicRule, byScores, byStrategicRule };
}

/**
 * Groups assessed as one item (HREE, LREE, PGM): the published 2023 SR and EI of each group equal the arithmetic
 * mean of its members' values (HREE SR 5.09 → 5.1, LREE 3.74 → 3.7, PGM 2.75 → 2.7; EI likewise) [D].
 * @example groupMean([5.6, 3.3]) // 4.45
 */
export function groupMean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === values.length && known.length > 0 ? known.reduce((s, v) => s + v, 0) / known.length : null;
}

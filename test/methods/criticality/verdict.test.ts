import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupMean, verdict } from '../../../src/methods/criticality/verdict.js';

test('critical iff SR ≥ 1 and EI ≥ 2.8 (both thresholds inclusive)', () => {
  assert.equal(verdict(1, 2.8, false).critical, true);
  assert.equal(verdict(0.99, 5, false).critical, false);
  assert.equal(verdict(3, 2.79, false).critical, false);
  assert.equal(verdict(null, 5, false).critical, false);
});

test('operators are parameters: SR > 1 excludes SR = 1.0', () => {
  const strict = { sr: { op: '>' as const, tau: 1 }, ei: { op: '>=' as const, tau: 2.8 } };
  assert.equal(verdict(1, 3.1, false, strict).critical, false);
});

test('the strategic rule makes copper (SR 0.1, EI 4.0) critical; without it, not', () => {
  assert.deepEqual(verdict(0.1, 4, true), { critical: true, byScores: false, byStrategicRule: true });
  assert.equal(verdict(0.1, 4, true, undefined, false).critical, false);
});

test('group values are the mean of members: HREE SR (5.6×7 + 3.3 + 4.9 + 3.5)/10 = 5.09 → 5.1 published', () => {
  const hree = [5.6, 5.6, 5.6, 3.3, 5.6, 5.6, 4.9, 5.6, 5.6, 3.5];
  assert.ok(Math.abs((groupMean(hree) as number) - 5.09) < 1e-12);
  assert.equal(groupMean([1, null]), null);
  assert.equal(groupMean([]), null);
});

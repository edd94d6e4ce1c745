import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { meets, parseThreshold } from '../../../src/methods/dependency/criteria.js';
import { persistence } from '../../../src/methods/dependency/persistence.js';
import { averageRanks, cutSize, meanRanks, topShare } from '../../../src/methods/dependency/ranks.js';

test('each threshold carries its operator: GeoDep "higher than 0.4" is strict', () => {
  assert.equal(meets(0.4, { op: '>', tau: 0.4 }), false);
  assert.equal(meets(0.4, { op: '>=', tau: 0.4 }), true);
  assert.equal(meets(0.3, { op: '<', tau: 0.4 }), true);
  assert.equal(meets(0.4, { op: '<=', tau: 0.4 }), true);
});

test('a missing indicator never meets a threshold; an infinite ratio meets ">"', () => {
  assert.equal(meets(null, { op: '>', tau: 0 }), false);
  assert.equal(meets(Number.NaN, { op: '<', tau: 1 }), false);
  assert.equal(meets(Number.POSITIVE_INFINITY, { op: '>', tau: 1 }), true);
});

test('thresholds parse with or without an operator', () => {
  assert.deepEqual(parseThreshold('0.4', '>'), { op: '>', tau: 0.4 });
  assert.deepEqual(parseThreshold('>=2', '>'), { op: '>=', tau: 2 });
  assert.deepEqual(parseThreshold('≥ 0.5', '>'), { op: '>=', tau: 0.5 });
  assert.equal(parseThreshold('four', '>'), undefined);
});

test('ties get the average rank; missing values rank lowest, +∞ highest', () => {
  assert.deepEqual(averageRanks([0.2, 0.5, 0.5, 0.9]), [1, 2.5, 2.5, 4]);
  assert.deepEqual(averageRanks([null, 1, Number.POSITIVE_INFINITY, 3]), [1, 2, 4, 3]);
});

test('the top 10 % of 45 products keeps ceil(4.5) = 5; floor keeps 4; 10 % of 50 keeps exactly 5', () => {
  assert.equal(cutSize(45, 0.1, 'ceil'), 5);
  assert.equal(cutSize(45, 0.1, 'floor'), 4);
  assert.equal(cutSize(50, 0.1, 'ceil'), 5);
  assert.deepEqual([...topShare([1, 4, 2, 3], 0.5)].sort(), [1, 3]);
});

test('mean ranks average the indicators product by product', () => {
  assert.deepEqual(
    meanRanks([
      [1, 2],
      [2, 1],
      [2, 1],
    ]),
    [5 / 3, 4 / 3],
  );
});

test('property: average ranks sum to n(n+1)/2 whatever the ties (seed 7)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 }), (xs) => {
      const sum = averageRanks(xs).reduce((s, r) => s + r, 0);
      assert.ok(Math.abs(sum - (xs.length * (xs.length + 1)) / 2) < 1e-9);
    }),
    { seed: 7, numRuns: 200 },
  );
});

test('persistence: k of the last n years', () => {
  const years = [2018, 2019, 2020, 2021, 2022];
  assert.deepEqual(persistence(years, new Set([2020, 2022]), { k: 2, n: 3 }), {
    count: 2,
    window: 3,
    persistent: true,
  });
  assert.equal(persistence(years, new Set([2018, 2019, 2022]), { k: 2, n: 3 }).persistent, false);
  assert.equal(persistence(years, new Set(years), { k: 'all', n: 'all' }).persistent, true);
  assert.equal(persistence(years, new Set(years.slice(1)), { k: 'all', n: 'all' }).persistent, false);
  assert.equal(persistence(years, new Set(), { k: 1, n: 'all' }).persistent, false);
});

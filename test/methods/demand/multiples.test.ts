import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demandGrowth } from '../../../src/methods/demand/multiples.js';

const close = (a: number | null, b: number, eps = 1e-9) =>
  assert.ok(a !== null && Math.abs(a - b) <= eps, `${a} ≠ ${b}`);

test('multiple of the base year and demand over base-year world production (hand-computed)', () => {
  // IEA May 2024, lithium, total demand (kt Li): 2023 165.3723, NZE 2040 1430.8; mining supply 2023 193.8 kt.
  const rows = demandGrowth(
    [
      { year: 2040, demand: 1430.8 },
      { year: 2023, demand: 165.3723 },
    ],
    { production: 193.8 },
  );
  assert.deepEqual(
    rows.map((r) => r.year),
    [2023, 2040],
  );
  close(rows[0].multiple_of_base, 1);
  close(rows[1].multiple_of_base, 1430.8 / 165.3723); // 8.652
  close(rows[1].demand_to_production, 1430.8 / 193.8); // 7.383
});

test('a base year with zero demand gives no multiple; missing production gives no ratio', () => {
  const rows = demandGrowth(
    [
      { year: 2023, demand: 0 },
      { year: 2030, demand: 22 },
    ],
    { production: null },
  );
  assert.equal(rows[1].multiple_of_base, null);
  assert.equal(rows[1].demand_to_production, null);
});

test('an explicit base year other than the first', () => {
  const rows = demandGrowth(
    [
      { year: 2023, demand: 10 },
      { year: 2030, demand: 20 },
      { year: 2040, demand: 50 },
    ],
    { baseYear: 2030 },
  );
  assert.deepEqual(
    rows.map((r) => r.multiple_of_base),
    [0.5, 1, 2.5],
  );
});

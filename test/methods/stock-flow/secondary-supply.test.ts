import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflowDriven } from '../../../src/methods/stock-flow/dynamic-stock.js';
import { checkRate, materialFlows, secondarySupply } from '../../../src/methods/stock-flow/secondary-supply.js';

test('secondary supply = EoL × collection × recycling, per year', () => {
  assert.deepEqual(secondarySupply([100, 200], 0.5, 0.9), [45, 90]);
  assert.deepEqual(secondarySupply([100, 200], [0.5, 1], 0.5), [25, 100]);
});

test('products leave with the material content of the year they were built', () => {
  // 10 MW in 2020 at 3 t/MW, 10 MW in 2021 at 2 t/MW, lifetime 1 year.
  const m = inflowDriven([2020, 2021, 2022], [10, 10, 0], { distribution: 'fixed', years: 1 });
  const flows = materialFlows(m, (year) => (year === 2020 ? 3 : 2));
  assert.deepEqual(flows.inflow, [30, 20, 0]);
  assert.deepEqual(flows.eol, [0, 30, 20]);
  assert.deepEqual(flows.stock, [30, 20, 0]);
});

test('rates outside [0, 1] are named', () => {
  assert.equal(checkRate('collection rate', 0.8, 3), null);
  assert.match(
    checkRate('collection rate', [0.8, 1.2], 2) ?? '',
    /collection rate must be a fraction in \[0, 1\] \(got 1.2\)/,
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { governanceTable, wgiScaled } from '../../../src/methods/criticality/governance.js';

test('WGI scaling maps −2.5…+2.5 to 10…0 (10 = worst)', () => {
  assert.equal(wgiScaled(-2.5), 10);
  assert.equal(wgiScaled(2.5), 0);
  assert.equal(wgiScaled(0), 5);
  assert.equal(wgiScaled(-0.5), 6);
});

const year = (iso3: string, y: number, mean: number, dimensions = 6, stdErr: number | null = 0.1) => ({
  iso3,
  year: y,
  mean,
  dimensions,
  stdErr,
});

test('mean over the window of complete years; sd = 2 × standard error', () => {
  const t = governanceTable([year('CHN', 2019, -0.4), year('CHN', 2020, -0.6), year('CHN', 2022, 1)], {
    years: [2019, 2020],
  });
  const g = t.of('CHN');
  assert.ok(Math.abs(g.scaled - 6) < 1e-12);
  assert.ok(Math.abs(g.sd - 0.2) < 1e-12);
  assert.equal(g.imputed, 'none');
  assert.deepEqual(g.years, [2019, 2020]);
});

test('incomplete years are ignored; a country outside the window takes its nearest complete year', () => {
  const t = governanceTable([year('XKX', 2019, 0, 5), year('XKX', 2014, -0.5), year('XKX', 2010, 2)], {
    years: [2016, 2017],
  });
  const g = t.of('XKX');
  assert.equal(g.imputed, 'nearest-year');
  assert.deepEqual(g.years, [2014]);
  assert.equal(g.scaled, 6);
});

test('a country without WGI gets the median of the countries in the window, flagged', () => {
  const t = governanceTable([year('A', 2019, 0), year('B', 2019, -1), year('C', 2019, 1)], { years: [2019] });
  const g = t.of('ZZZ');
  assert.equal(g.imputed, 'median');
  assert.equal(g.scaled, 5);
  assert.equal(t.median, 5);
});

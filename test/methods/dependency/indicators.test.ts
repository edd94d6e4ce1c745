import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  dependencyIndicators,
  type FlowSums,
  flowRatio,
  hhi,
  hhiFromSums,
  partnerHhi,
} from '../../../src/methods/dependency/indicators.js';

const close = (actual: number | null, expected: number, eps = 5e-4) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < eps, `${actual} ≈ ${expected}`);

/** docs/methods.md §1.1 test vector: extra-EU CN 60, US 30, other 10; intra-EU 40; exports 80. */
const vector = {
  imports: {
    total: 140,
    extra: 100,
    extraCountrySq: 60 ** 2 + 30 ** 2 + 10 ** 2,
    countrySq: 60 ** 2 + 30 ** 2 + 10 ** 2 + 40 ** 2,
    nonCountry: 0,
  },
  exports: { total: 80, extra: 30, extraCountrySq: 900, countrySq: 900 + 2500, nonCountry: 0 },
};
const ec = { side: 'imports', partnerSet: 'extraEU', ratioNumerator: 'extra', ratioDenominator: 'all' } as const;

test('§1.1 vector: CDI1 0.46, CDI2 0.714, CDI3 1.25', () => {
  const x = dependencyIndicators(vector, ec);
  close(x.hhi, 0.46);
  close(x.extraShare, 0.714);
  close(x.ratio, 1.25);
  assert.equal(x.value, 100);
});

test('§1.1 vector: the ECIPE extraEU_of_total HHI is 0.235', () => {
  close(dependencyIndicators(vector, { ...ec, partnerSet: 'extraEU_of_total' }).hhi, 0.235);
});

test('the partner set "all" squares every partner country over total imports', () => {
  close(partnerHhi(vector.imports, 'all'), (3600 + 900 + 100 + 1600) / 140 ** 2, 1e-12);
});

test('one partner gives HHI 1; no trade gives null', () => {
  assert.equal(hhi([42]), 1);
  assert.equal(hhi([]), null);
  assert.equal(hhiFromSums(0, 0), null);
});

test('non-country codes stay in the total but not in the squares (§0.1)', () => {
  const withQ: FlowSums = { ...vector.imports, total: 150, extra: 110, nonCountry: 10 };
  close(partnerHhi(withQ, 'extraEU'), 4600 / 110 ** 2, 1e-12);
  close(dependencyIndicators({ imports: withQ, exports: vector.exports }, ec).nonCountryShare, 10 / 150, 1e-12);
});

test('ratio conventions: no exports is +∞ (met), no imports is 0 (not dependent)', () => {
  assert.equal(flowRatio(10, 0), Number.POSITIVE_INFINITY);
  assert.equal(flowRatio(0, 0), 0);
  assert.equal(flowRatio(0, 5), 0);
});

test('export mirror: CDIX1 over extra-EU markets, CDIX2 = X_extra / X_total, CDIX3 = X_extra / M_total', () => {
  const x = dependencyIndicators(vector, {
    side: 'exports',
    partnerSet: 'extraEU',
    ratioNumerator: 'extra',
    ratioDenominator: 'all',
  });
  assert.equal(x.hhi, 1);
  close(x.extraShare, 30 / 80, 1e-12);
  close(x.ratio, 30 / 140, 1e-12);
});

test('property: 1/n ≤ HHI ≤ 1 and the ECIPE HHI never exceeds the extra-EU HHI (seed 20240905)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0.001, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 40 }),
      fc.double({ min: 0, max: 1e9, noNaN: true }),
      (extra, intra) => {
        const h = hhi(extra)!;
        assert.ok(h >= 1 / extra.length - 1e-12 && h <= 1 + 1e-12);
        const total = extra.reduce((s, v) => s + v, 0) + intra;
        assert.ok(hhi(extra, total)! <= h + 1e-12);
      },
    ),
    { seed: 20240905, numRuns: 300 },
  );
});

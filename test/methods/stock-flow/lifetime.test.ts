import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type LifetimeModel, normalCdf, survival } from '../../../src/methods/stock-flow/lifetime.js';

test('normalCdf matches tabulated values of Φ', () => {
  assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
  assert.ok(Math.abs(normalCdf(1) - 0.8413447461) < 1e-6);
  assert.ok(Math.abs(normalCdf(-1.96) - 0.0249978952) < 1e-6);
});

test('a fixed lifetime keeps a mid-year cohort until the year its age passes the lifetime', () => {
  // Age at the end of year c+k is k + 0.5: with 2 years, still in use at ages 0.5 and 1.5, gone at 2.5.
  assert.deepEqual([...survival({ distribution: 'fixed', years: 2 }, 3)], [1, 1, 0, 0]);
});

test('Weibull survival at year ends: sf(k) = exp(−((k + 0.5)/λ)^k)', () => {
  const sf = survival({ distribution: 'weibull', shape: 2, scale: 10 }, 9);
  assert.ok(Math.abs(sf[0] - Math.exp(-0.0025)) < 1e-12);
  assert.ok(Math.abs(sf[9] - 0.4055545) < 1e-6); // exp(−0.9025)
});

test('the normal lifetime is truncated at 0 unless asked: no product leaves before it enters', () => {
  // mean 1, sd 1: Φ(−1) = 0.158655 of an untruncated normal would be negative lifetimes.
  const truncated = survival({ distribution: 'normal', mean: 1, sd: 1 }, 0)[0];
  const untruncated = survival({ distribution: 'normal', mean: 1, sd: 1, truncate: false }, 0)[0];
  assert.ok(Math.abs(truncated - (1 - (0.3085375 - 0.1586553) / 0.8413447)) < 1e-6); // 0.821854
  assert.ok(Math.abs(untruncated - 0.6914625) < 1e-6);
});

test('survival is non-increasing and within [0, 1] for any lifetime (seeded property)', () => {
  const model = fc.oneof(
    fc.record({
      distribution: fc.constant('normal' as const),
      mean: fc.double({ min: 0.1, max: 60, noNaN: true }),
      sd: fc.double({ min: 0.05, max: 30, noNaN: true }),
    }),
    fc.record({
      distribution: fc.constant('weibull' as const),
      shape: fc.double({ min: 0.3, max: 8, noNaN: true }),
      scale: fc.double({ min: 0.2, max: 60, noNaN: true }),
    }),
    fc.record({ distribution: fc.constant('fixed' as const), years: fc.double({ min: 0.1, max: 60, noNaN: true }) }),
  );
  fc.assert(
    fc.property(model, (m: LifetimeModel) => {
      const sf = survival(m, 120);
      for (let k = 0; k < sf.length; k++) {
        if (sf[k] < 0 || sf[k] > 1) return false;
        if (k > 0 && sf[k] > sf[k - 1]) return false;
      }
      return true;
    }),
    { seed: 20240501, numRuns: 300 },
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hhi, hhi10000, shares } from '../../../src/methods/concentration/hhi.js';

const seed = 20_230_316;

test('hhi of 60/30/10 is 0.46 on 0–1 and 4600 on 0–10,000 (docs/methods.md §0.1)', () => {
  assert.equal(Math.round((hhi([60, 30, 10]) as number) * 1e12) / 1e12, 0.46);
  assert.equal(Math.round(hhi10000(hhi([60, 30, 10])) as number), 4600);
});

test('one supplier gives 1; no supply gives null', () => {
  assert.equal(hhi([42]), 1);
  assert.equal(hhi([]), null);
  assert.equal(hhi([0, 0]), null);
});

test('a larger total keeps unallocated supply out of the sum: the HHI is a lower bound', () => {
  assert.equal(hhi([50, 50], 200), 0.125);
});

test('shares divide by the total', () => {
  assert.deepEqual(shares([3, 1]), [0.75, 0.25]);
  assert.deepEqual(shares([0, 0]), [null, null]);
});

test('property: 1/n ≤ HHI ≤ 1 and shares sum to 1', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0.001, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 60 }),
      (values) => {
        const h = hhi(values) as number;
        const s = shares(values) as number[];
        assert.ok(h >= 1 / values.length - 1e-12 && h <= 1 + 1e-12, `HHI ${h} of ${values.length}`);
        assert.ok(Math.abs(s.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      },
    ),
    { seed, numRuns: 500 },
  );
});

test('property: equal suppliers give exactly 1/n', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.1, max: 1e6, noNaN: true }), (n, v) => {
      assert.ok(Math.abs((hhi(Array(n).fill(v)) as number) - 1 / n) < 1e-12);
    }),
    { seed, numRuns: 200 },
  );
});

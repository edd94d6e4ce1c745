import assert from 'node:assert/strict';
import { test } from 'node:test';
import { supplyConcentration } from '../../../src/methods/concentration/supply-concentration.js';

const cobalt = [
  { key: 'COD', value: 130 },
  { key: 'IDN', value: 20 },
  { key: 'RUS', value: 9 },
  { key: 'AUS', value: 5 },
  { key: 'PHL', value: 4 },
];

test('shares ranked, top-1 and top-3, HHI and its two scales (hand-computed)', () => {
  const c = supplyConcentration(cobalt);
  assert.ok(c);
  assert.equal(c.total, 168);
  assert.deepEqual(
    c.shares.map((s) => [s.key, s.rank]),
    [
      ['COD', 1],
      ['IDN', 2],
      ['RUS', 3],
      ['AUS', 4],
      ['PHL', 5],
    ],
  );
  // (130² + 20² + 9² + 5² + 4²) / 168² = 17422 / 28224
  assert.ok(Math.abs(c.hhi - 17422 / 28224) < 1e-12);
  assert.ok(Math.abs(c.hhi10000 - (17422 / 28224) * 10000) < 1e-9);
  assert.ok(Math.abs(c.top3Share - 159 / 168) < 1e-12);
  assert.equal(c.top1.key, 'COD');
  assert.ok(Math.abs(c.equivalentSuppliers - 28224 / 17422) < 1e-12);
});

test('single point of failure: top share > 0.5 by default, operator and threshold configurable', () => {
  assert.equal(supplyConcentration(cobalt)?.spof, true);
  assert.equal(supplyConcentration(cobalt, { spof: { op: '>', tau: 0.8 } })?.spof, false);
  const half = [
    { key: 'A', value: 1 },
    { key: 'B', value: 1 },
  ];
  assert.equal(supplyConcentration(half)?.spof, false);
  assert.equal(supplyConcentration(half, { spof: { op: '>=', tau: 0.5 } })?.spof, true);
});

test('unallocated supply counts in the total but not in the HHI sum', () => {
  const c = supplyConcentration([{ key: 'CHN', value: 60 }], { unallocated: 40 });
  assert.equal(c?.hhi, 0.36);
  assert.equal(c?.unallocatedShare, 0.4);
  assert.equal(c?.top1.share, 0.6);
});

test('nothing supplied → null; zero values are not suppliers', () => {
  assert.equal(supplyConcentration([]), null);
  assert.equal(supplyConcentration([{ key: 'X', value: 0 }]), null);
  assert.equal(
    supplyConcentration([
      { key: 'X', value: 0 },
      { key: 'Y', value: 2 },
    ])?.suppliers,
    1,
  );
});

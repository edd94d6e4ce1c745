import assert from 'node:assert/strict';
import { test } from 'node:test';
import { economicImportance } from '../../../src/methods/criticality/economic-importance.js';

test('methods.md §5.2 vector: ΣAQ = 84, scaled 10·84/200 = 4.2, × SI_EI 0.9 = 3.78', () => {
  const r = economicImportance(
    [
      { share: 0.5, valueAdded: 40 },
      { share: 0.3, valueAdded: 80 },
      { share: 0.2, valueAdded: 200 },
    ],
    { qMax: 200, siEi: 0.9 },
  );
  assert.equal(r.sumAQ, 84);
  assert.ok(Math.abs(r.ei - 3.78) < 1e-12);
  assert.equal(r.unmappedShare, 0);
});

test('end uses without a sector do not count and are reported', () => {
  const r = economicImportance(
    [
      { share: 0.8, valueAdded: 100 },
      { share: 0.2, valueAdded: null },
    ],
    { qMax: 100, siEi: 1 },
  );
  assert.ok(Math.abs(r.ei - 8) < 1e-12);
  assert.ok(Math.abs(r.unmappedShare - 0.2) < 1e-12);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  resolvedSeverity,
  restrictionDefaults,
  supplyLostShare,
  tradeLoss,
  withRestriction,
} from '../../../src/methods/levers/restriction.js';

// EU CRM 2023 global processing shares of gallium (../shared/data/real/eu-crm-2023, fact_GlobalSupplyShares&t.csv).
const galliumGs = [
  { country: 'CHN', share: 0.938, t: 1 },
  { country: 'UKR', share: 0.022, t: 1 },
  { country: 'RUS', share: 0.019, t: 1 },
  { country: 'JPN', share: 0.01, t: 1 },
];

test('supply lost = the restricting country’s share × severity', () => {
  assert.equal(supplyLostShare(galliumGs, { country: 'CHN', measure: 'ban' }, restrictionDefaults), 0.938);
  assert.equal(supplyLostShare(galliumGs, { country: 'CHN', measure: 'licence' }, restrictionDefaults), 0.469);
  assert.equal(
    supplyLostShare(galliumGs, { country: 'CHN', measure: 'tax', severity: 0.3 }, restrictionDefaults),
    0.938 * 0.3,
  );
  assert.equal(supplyLostShare(galliumGs, { country: 'USA', measure: 'ban' }, restrictionDefaults), 0);
});

test('the restricting country’s t rises to the measure’s value and is never lowered', () => {
  const out = withRestriction(galliumGs, { country: 'CHN', measure: 'licence' }, restrictionDefaults);
  assert.deepEqual(
    out.map((s) => s.t),
    [1.2, 1, 1, 1],
  );
  const already = withRestriction(
    [{ country: 'CHN', share: 1, t: 1.4 }],
    { country: 'CHN', measure: 'tax' },
    restrictionDefaults,
  );
  assert.equal(already[0].t, 1.4);
  assert.equal(galliumGs[0].t, 1, 'input not mutated');
});

test('trade loss: imports from the country × severity, and the import cut fraction (hand-computed)', () => {
  const loss = tradeLoss(
    [
      { partner: 'CHN', value: 68, quantityT: 2 },
      { partner: 'USA', value: 32, quantityT: 1 },
    ],
    'CHN',
    0.5,
  );
  assert.deepEqual(loss, {
    importsValue: 100,
    importsT: 3,
    fromCountryValue: 68,
    fromCountryT: 2,
    lostValue: 34,
    lostT: 1,
    cutFraction: 0.34,
  });
  assert.equal(tradeLoss([{ partner: 'CHN', value: 1, quantityT: null }], 'CHN', 1).lostT, null);
  assert.equal(tradeLoss([], 'CHN', 1).cutFraction, 0);
});

test('severity outside 0–1 is a user error', () => {
  assert.throws(
    () => resolvedSeverity({ country: 'CHN', measure: 'ban', severity: 1.5 }, restrictionDefaults),
    /severity for CHN: 1.5/,
  );
});

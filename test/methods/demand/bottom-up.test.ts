import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bottomUpDemand,
  checkSubShares,
  type IntensityRow,
  materialIntensity,
} from '../../../src/methods/demand/bottom-up.js';

// Two sub-technologies of onshore wind with different copper content (illustrative, hand-computable numbers).
const rows: IntensityRow[] = [
  { technology: 'wind', subTechnology: 'geared', subShare: 0.75, material: 'copper', intensity: 2.0 },
  { technology: 'wind', subTechnology: 'direct-drive', subShare: 0.25, material: 'copper', intensity: 6.0 },
  { technology: 'wind', subTechnology: 'direct-drive', subShare: 0.25, material: 'neodymium', intensity: 0.2 },
];

test('intensity = Σ sub-technology share × intensity × (1 + r)^(τ − τ0)', () => {
  assert.equal(materialIntensity(rows, 'wind', 'copper', 2025, { baseYear: 2025 }), 3); // 0.75·2 + 0.25·6
  const later = materialIntensity(rows, 'wind', 'copper', 2027, { baseYear: 2025, annualChange: -0.1 });
  assert.ok(Math.abs(later - 3 * 0.81) < 1e-12);
});

test('demand = deployment × intensity, per technology, material and year', () => {
  const out = bottomUpDemand([{ technology: 'wind', year: 2025, value: 100 }], rows, {
    baseYear: 2025,
    annualChange: { neodymium: -0.5 },
  });
  assert.deepEqual(
    out.map((r) => [r.material, r.demand]),
    [
      ['copper', 300],
      ['neodymium', 5],
    ],
  );
});

test('sub-technology shares that do not sum to 1 are named', () => {
  assert.deepEqual(checkSubShares(rows), []);
  assert.deepEqual(checkSubShares(rows.slice(0, 1)), ['wind: sub-technology shares sum to 0.75, not 1']);
});

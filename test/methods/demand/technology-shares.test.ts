import assert from 'node:assert/strict';
import { test } from 'node:test';
import { technologyShares } from '../../../src/methods/demand/technology-shares.js';

test('shares of demand sum to 1 per year and shares of growth say who drives it (hand-computed)', () => {
  // Cobalt, IEA May 2024 sheet 1, NZE 2030 (kt, rounded): EVs 62 → 236, other uses 150 → 167.
  const rows = technologyShares([
    { technology: 'ev', year: 2023, demand: 62 },
    { technology: 'other-uses', year: 2023, demand: 150 },
    { technology: 'ev', year: 2030, demand: 236 },
    { technology: 'other-uses', year: 2030, demand: 167 },
  ]);
  const ev2030 = rows.find((r) => r.technology === 'ev' && r.year === 2030)!;
  assert.ok(Math.abs(ev2030.share_of_demand! - 236 / 403) < 1e-12);
  assert.ok(Math.abs(ev2030.share_of_growth! - 174 / 191) < 1e-12);
  assert.equal(ev2030.rank, 1);
  const other2023 = rows.find((r) => r.technology === 'other-uses' && r.year === 2023)!;
  assert.equal(other2023.rank, 1);
  assert.equal(other2023.share_of_growth, null);
  for (const year of [2023, 2030]) {
    const sum = rows.filter((r) => r.year === year).reduce((s, r) => s + r.share_of_demand!, 0);
    assert.ok(Math.abs(sum - 1) < 1e-12);
  }
});

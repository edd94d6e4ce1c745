import assert from 'node:assert/strict';
import { test } from 'node:test';
import { governanceTable } from '../../../src/methods/criticality/governance.js';
import type { MaterialModel } from '../../../src/methods/criticality/model.js';
import { inverseNormal, monteCarlo, sensitivity, sfc32 } from '../../../src/methods/criticality/uncertainty.js';

const governance = governanceTable(
  [
    { iso3: 'CHN', year: 2019, mean: -0.5, dimensions: 6, stdErr: 0.15 },
    { iso3: 'AUS', year: 2019, mean: 1.5, dimensions: 6, stdErr: 0.15 },
    { iso3: 'FIN', year: 2019, mean: 1.8, dimensions: 6, stdErr: 0.15 },
  ],
  { years: [2019] },
);

/** A hand-made material: 90% China (WGI 6) at extraction, EU sourcing 50/50 China/Finland. */
function model(id: string, chinaShare: number): MaterialModel {
  return {
    id,
    stages: [
      {
        stage: 'extraction',
        scope: 'gs+eu',
        gs: { countries: ['CHN', 'AUS'], shares: [chinaShare, 1 - chinaShare], t: [1, 1] },
        eu: { countries: ['CHN', 'FIN'], shares: [0.5, 0.5], t: [1, 0.8] },
        ir: 0.8,
        eolRir: 0,
        siSr: 1,
      },
    ],
    uses: [{ share: 1, valueAdded: 100 }],
    siEi: 1,
  };
}

test('inverse normal CDF: Φ⁻¹(0.975) = 1.959964, Φ⁻¹(0.5) = 0, symmetric', () => {
  assert.ok(Math.abs(inverseNormal(0.975) - 1.959964) < 1e-6);
  assert.ok(Math.abs(inverseNormal(0.5)) < 1e-12);
  assert.ok(Math.abs(inverseNormal(0.01) + inverseNormal(0.99)) < 1e-9);
});

test('sfc32 is deterministic per seed', () => {
  const a = sfc32(7);
  const b = sfc32(7);
  const c = sfc32(8);
  const xs = [a(), a(), a()];
  assert.deepEqual(xs, [b(), b(), b()]);
  assert.notDeepEqual(xs, [c(), c(), c()]);
});

const items = [
  // far above both thresholds
  { id: 'safe-critical', anchorSr: 4, anchorEi: 6, strategic: false, models: [model('safe-critical', 0.9)] },
  // far below
  { id: 'not-critical', anchorSr: 0.2, anchorEi: 6, strategic: false, models: [model('not-critical', 0.9)] },
  // on the SR threshold
  { id: 'borderline', anchorSr: 1.0, anchorEi: 6, strategic: false, models: [model('borderline', 0.9)] },
  // strategic: always critical
  { id: 'strategic', anchorSr: 0.1, anchorEi: 4, strategic: true, models: [] },
];

test('P(critical) is 1 far above, 0 far below, strictly between on the threshold, 1 for strategic', () => {
  const r = monteCarlo(items, governance, { draws: 4000, seed: 1, qMax: 100 });
  const p = Object.fromEntries(r.map((x) => [x.id, x.pCritical]));
  assert.equal(p['safe-critical'], 1);
  assert.equal(p['not-critical'], 0);
  assert.ok(p.borderline > 0.2 && p.borderline < 0.8, `borderline ${p.borderline}`);
  assert.equal(p.strategic, 1);
  assert.equal(r.find((x) => x.id === 'strategic')?.pScores, 0);
  assert.equal(r.find((x) => x.id === 'strategic')?.basis, 'rounding');
  assert.equal(r.find((x) => x.id === 'borderline')?.basis, 'model');
});

test('the central draw is anchored: the median SR is the anchor', () => {
  const [r] = monteCarlo([items[0]], governance, { draws: 4000, seed: 3, qMax: 100 });
  assert.ok(r.sr && Math.abs(r.sr.p50 - 4) < 0.1, `median ${r.sr?.p50}`);
  assert.ok(r.sr && r.sr.p05 < 4 && r.sr.p95 > 4);
});

test('same seed, same numbers; another seed, other numbers', () => {
  const a = monteCarlo(items, governance, { draws: 1000, seed: 11, qMax: 100 });
  const b = monteCarlo(items, governance, { draws: 1000, seed: 11, qMax: 100 });
  const c = monteCarlo(items, governance, { draws: 1000, seed: 12, qMax: 100 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(
    a.map((x) => x.sr),
    c.map((x) => x.sr),
  );
});

test('sensitivity: on the threshold, concentration flips the verdict; far from it nothing does', () => {
  const rows = sensitivity(items, governance, { qMax: 100 });
  const flips = rows.filter((r) => r.flips);
  assert.ok(flips.some((r) => r.id === 'borderline' && r.input === 'shares'));
  assert.ok(!flips.some((r) => r.id === 'safe-critical' || r.id === 'not-critical'));
  const shares = rows.find((r) => r.id === 'borderline' && r.input === 'shares');
  assert.ok(shares && (shares.srLow as number) < 1 && (shares.srHigh as number) > 1);
});

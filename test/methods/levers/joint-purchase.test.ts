import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  aggregateDemand,
  type DemandLine,
  type JointPurchaseParams,
  materialEligibility,
  minimumFor,
  periodPattern,
} from '../../../src/methods/levers/joint-purchase.js';

const params = (p: Partial<JointPurchaseParams> = {}): JointPurchaseParams => ({
  minRelativeSupplyRisk: 0,
  minimumQuantityT: {},
  defaultMinimumT: 0,
  smePooling: true,
  ...p,
});

let nextId = 1;
const line = (buyer: string, quantityT: number, sme = false, materialId = 'cobalt'): DemandLine => ({
  id: nextId++,
  buyer,
  materialId,
  stage: 'processing',
  quantityT,
  period: '2026',
  sme,
});

test('eligibility by relative supply risk: SR / max SR ≥ threshold (hand-computed)', () => {
  const e = materialEligibility(
    [
      { materialId: 'gallium', sr: 3.9 },
      { materialId: 'cobalt', sr: 2.8 },
      { materialId: 'copper', sr: 0.1 },
      { materialId: 'x', sr: null },
    ],
    0.5,
  );
  assert.deepEqual(
    e.map((m) => [m.materialId, m.relativeSr === null ? null : Math.round(m.relativeSr * 1000) / 1000, m.eligible]),
    [
      ['gallium', 1, true],
      ['cobalt', 0.718, true],
      ['copper', 0.026, false],
      ['x', null, false],
    ],
  );
});

test('minimum quantity: material/stage beats material beats the default', () => {
  const p = params({ minimumQuantityT: { cobalt: 100, 'cobalt/extraction': 300 }, defaultMinimumT: 50 });
  assert.equal(minimumFor(p, 'cobalt', 'extraction'), 300);
  assert.equal(minimumFor(p, 'cobalt', 'processing'), 100);
  assert.equal(minimumFor(p, 'gallium', 'processing'), 50);
});

test('aggregation: large buyers take part, SMEs below the minimum pool when their sum reaches it', () => {
  const lines = [line('A', 400), line('B', 120), line('S1', 60, true), line('S2', 50, true), line('C', 30)];
  const { pools, lineStatus } = aggregateDemand(lines, params({ defaultMinimumT: 100 }), new Set(['cobalt']));
  assert.deepEqual(
    lines.map((l) => lineStatus.get(l.id)),
    ['participates', 'participates', 'sme-pool', 'sme-pool', 'below-minimum'],
  );
  assert.equal(pools.length, 1);
  const p = pools[0];
  assert.deepEqual(
    [p.demandT, p.aggregatedT, p.smePoolT, p.excludedT, p.registrations, p.buyers, p.smeBuyers],
    [660, 630, 110, 30, 5, 5, 2],
  );
});

test('aggregation: an SME pool below the minimum stays out; without pooling SMEs are judged alone', () => {
  const lines = [line('S1', 40, true), line('S2', 50, true)];
  assert.equal(aggregateDemand(lines, params({ defaultMinimumT: 100 }), new Set(['cobalt'])).pools[0].aggregatedT, 0);
  const big = [line('S1', 60, true), line('S2', 50, true)];
  assert.equal(
    aggregateDemand(big, params({ defaultMinimumT: 100, smePooling: false }), new Set(['cobalt'])).pools[0].aggregatedT,
    0,
  );
});

test('aggregation: demand for a material that is not eligible is excluded whole', () => {
  const { pools, lineStatus } = aggregateDemand([line('A', 400, false, 'copper')], params(), new Set(['cobalt']));
  assert.equal(pools[0].aggregatedT, 0);
  assert.equal(pools[0].eligible, false);
  assert.equal([...lineStatus.values()][0], 'material-not-eligible');
});

test('aggregation groups by material, stage and period exactly', () => {
  const a = { ...line('A', 10), period: '2026-Q1' };
  const b = { ...line('B', 10), period: '2026-Q2' };
  const c = { ...line('C', 10), stage: 'extraction' as const };
  const { pools } = aggregateDemand([a, b, c], params(), new Set(['cobalt']));
  assert.deepEqual(
    pools.map((p) => `${p.stage}/${p.period}`),
    ['extraction/2026', 'processing/2026-Q1', 'processing/2026-Q2'],
  );
});

test('periods: YYYY, YYYY-Qn, YYYY-MM', () => {
  for (const ok of ['2026', '2026-Q4', '2026-07']) assert.match(ok, periodPattern);
  for (const bad of ['26', '2026-Q5', '2026-13', '2026-1', 'next year']) assert.doesNotMatch(bad, periodPattern);
});

test('property: aggregated + excluded = demand, and aggregated ≤ demand (seed 25)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ q: fc.double({ min: 0.001, max: 1e4, noNaN: true }), sme: fc.boolean() }), {
        maxLength: 30,
      }),
      fc.double({ min: 0, max: 2000, noNaN: true }),
      (regs, min) => {
        const lines = regs.map((r, i) => line(`b${i}`, r.q, r.sme));
        const { pools } = aggregateDemand(lines, params({ defaultMinimumT: min }), new Set(['cobalt']));
        return pools.every(
          (p) => Math.abs(p.aggregatedT + p.excludedT - p.demandT) < 1e-6 && p.aggregatedT <= p.demandT + 1e-9,
        );
      },
    ),
    { seed: 25, numRuns: 200 },
  );
});

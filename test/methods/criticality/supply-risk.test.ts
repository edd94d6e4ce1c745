import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  hhiWgiT,
  overallSupplyRisk,
  stageSupplyRisk,
  supplyRiskFormula,
} from '../../../src/methods/criticality/supply-risk.js';

const close = (a: number | null, b: number, eps = 5e-4) =>
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);

// docs/methods.md §5.3 test vector [D]
const gs = [
  { share: 0.8, wgi: 6.0, t: 1.1 },
  { share: 0.1, wgi: 3.0, t: 1.0 },
  { share: 0.1, wgi: 2.0, t: 1.0 },
];
const eu = [
  { share: 0.5, wgi: 6.0, t: 1.1 },
  { share: 0.3, wgi: 1.5, t: 0.8 },
  { share: 0.2, wgi: 2.0, t: 1.0 },
];

test('methods.md §5.3 vector: HHI_WGI,t(GS) = 4.274, (EU) = 1.838, SR = 2.648', () => {
  close(hhiWgiT(gs), 4.274, 1e-9);
  close(hhiWgiT(eu), 1.838, 1e-9);
  close(supplyRiskFormula(4.274, 1.838, 0.9, 0.05, 0.95), 2.648);
  close(
    stageSupplyRisk({ scope: 'gs+eu', gs: hhiWgiT(gs), eu: hhiWgiT(eu), ir: 0.9, eolRir: 0.05, siSr: 0.95 }).sr,
    2.648,
  );
});

test('one scope alone: IR does not enter (hand-computed 4.274 · 0.95 · 0.95 = 3.857)', () => {
  const r = stageSupplyRisk({ scope: 'gs', gs: 4.274, eu: 1.838, ir: 0.9, eolRir: 0.05, siSr: 0.95 });
  close(r.sr, 3.857);
  assert.equal(r.scopeUsed, 'gs');
  assert.equal(r.scopeFallback, false);
});

test('GS+EU with a scope missing falls back to the other and says so', () => {
  const r = stageSupplyRisk({ scope: 'gs+eu', gs: null, eu: 2, ir: 0.5, eolRir: 0, siSr: 1 });
  assert.deepEqual(r, { sr: 2, scopeUsed: 'eu', scopeFallback: true, missing: null });
  const none = stageSupplyRisk({ scope: 'gs+eu', gs: null, eu: null, ir: 0.5, eolRir: 0, siSr: 1 });
  assert.equal(none.sr, null);
  assert.match(none.missing ?? '', /no global or EU sourcing shares/);
  assert.match(
    stageSupplyRisk({ scope: 'gs+eu', gs: 1, eu: 1, ir: null, eolRir: 0, siSr: 1 }).missing ?? '',
    /import reliance/,
  );
});

test('import reliance is clipped to [0, 1]', () => {
  assert.equal(supplyRiskFormula(4, 2, -0.3, 0, 1), supplyRiskFormula(4, 2, 0, 0, 1));
  assert.equal(supplyRiskFormula(4, 2, 1.7, 0, 1), supplyRiskFormula(4, 2, 1, 0, 1));
  assert.equal(supplyRiskFormula(4, 2, 0, 0, 1), 2);
  assert.equal(supplyRiskFormula(4, 2, 1, 0, 1), 3);
});

test('overall SR is the bottleneck stage', () => {
  assert.deepEqual(
    overallSupplyRisk([
      { stage: 'extraction', sr: 0.5 },
      { stage: 'processing', sr: 1.2 },
    ]),
    { sr: 1.2, stage: 'processing' },
  );
  assert.equal(overallSupplyRisk([{ stage: 'extraction', sr: null }]), null);
});

const seed = 424_242;
const supplier = fc.record({
  share: fc.double({ min: 0.01, max: 1, noNaN: true }),
  wgi: fc.double({ min: 0, max: 10, noNaN: true }),
  t: fc.double({ min: 0.8, max: 1.5, noNaN: true }),
});

test('property: SR rises with concentration (moving share to the riskiest supplier)', () => {
  fc.assert(
    fc.property(
      fc.array(supplier, { minLength: 2, maxLength: 12 }),
      fc.double({ min: 0.01, max: 0.5, noNaN: true }),
      (list, move) => {
        const total = list.reduce((s, c) => s + c.share, 0);
        const base = list.map((c) => ({ ...c, share: c.share / total }));
        const risky = base.reduce((best, c, i) => (c.wgi * c.t > base[best].wgi * base[best].t ? i : best), 0);
        const largestOther = base.reduce(
          (best, c, i) => (i !== risky && (best < 0 || c.share > base[best].share) ? i : best),
          -1,
        );
        const amount = base[largestOther].share * move;
        const shifted = base.map((c, i) => ({
          ...c,
          share: i === risky ? c.share + amount : i === largestOther ? c.share - amount : c.share,
        }));
        // Concentrating onto the supplier with the highest WGI·t and the largest share never lowers Σ s²·w·t
        // when it is also the largest supplier; restrict to that case.
        if (base[risky].share < base[largestOther].share) return;
        const sr = (x: typeof base) => supplyRiskFormula(hhiWgiT(x), hhiWgiT(x), 0.5, 0.1, 0.9);
        assert.ok(sr(shifted) >= sr(base) - 1e-12);
      },
    ),
    { seed, numRuns: 400 },
  );
});

test('property: SR rises with governance risk (higher WGI_scaled of any supplier)', () => {
  fc.assert(
    fc.property(
      fc.array(supplier, { minLength: 1, maxLength: 12 }),
      fc.nat(11),
      fc.double({ min: 0, max: 5, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (list, pick, worse, ir) => {
        const i = pick % list.length;
        const riskier = list.map((c, k) => (k === i ? { ...c, wgi: c.wgi + worse } : c));
        const sr = (x: typeof list) => supplyRiskFormula(hhiWgiT(x), hhiWgiT(x), ir, 0.1, 0.9);
        assert.ok(sr(riskier) >= sr(list) - 1e-12);
      },
    ),
    { seed, numRuns: 400 },
  );
});

test('property: with equal WGI·t, SR is proportional to the HHI (rises with any concentration)', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 12 }), (raw) => {
      const total = raw.reduce((s, v) => s + v, 0);
      const list = raw.map((v) => ({ share: v / total, wgi: 5, t: 1 }));
      const hhi = list.reduce((s, c) => s + c.share ** 2, 0);
      assert.ok(Math.abs(hhiWgiT(list) - 5 * hhi) < 1e-9);
    }),
    { seed, numRuns: 200 },
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  companyScore,
  exposureDefaults,
  materialExposure,
  weightedScore,
} from '../../../src/methods/levers/company-exposure.js';

const close = (a: number | null, b: number, tol = 1e-12) =>
  assert.ok(a !== null && Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

test('factors and vulnerability of one material (hand-computed)', () => {
  const e = materialExposure(
    {
      materialId: 'gallium',
      origins: [
        { origin: 'CHN', value: 50, wgiScaled: 6, restricted: true },
        { origin: 'CHN', value: 30, wgiScaled: 6, restricted: true },
        { origin: 'DEU', value: 20, wgiScaled: 2, restricted: false },
      ],
      relativeSr: 1,
      globalHhi: null,
    },
    exposureDefaults,
  );
  close(e.factors.sourcing_hhi, 0.68); // 0.8² + 0.2²
  close(e.factors.governance, 0.52); // 0.8·0.6 + 0.2·0.2
  close(e.factors.restricted_share, 0.8);
  assert.equal(e.factors.global_hhi, null);
  close(e.vulnerability, (0.68 + 1 + 0.52 + 0.8) / 4);
  assert.deepEqual([e.value, e.origins, e.topOrigin, e.singleOrigin, e.originOverCap], [100, 2, 'CHN', false, true]);
  close(e.topOriginShare, 0.8);
});

test('governance covers only origins with a WGI value, renormalised, and names the others', () => {
  const e = materialExposure(
    {
      materialId: 'x',
      origins: [
        { origin: 'AAA', value: 50, wgiScaled: null, restricted: false },
        { origin: 'BBB', value: 50, wgiScaled: 4, restricted: false },
      ],
      relativeSr: null,
      globalHhi: null,
    },
    exposureDefaults,
  );
  close(e.factors.governance, 0.4);
  assert.deepEqual(e.originsWithoutWgi, ['AAA']);
});

test('weights: a factor with weight 0 or no value is left out of the mean', () => {
  const factors = { sourcing_hhi: 1, relative_sr: 0, governance: null, restricted_share: 0.5, global_hhi: 0.2 };
  close(weightedScore(factors, exposureDefaults.weights), (1 + 0 + 0.5 + 0.2) / 4);
  close(
    weightedScore(factors, { ...exposureDefaults.weights, sourcing_hhi: 0, restricted_share: 2 }),
    (0 + 1 + 0.2) / 4,
  );
  assert.equal(
    weightedScore(
      { sourcing_hhi: null, relative_sr: null, governance: null, restricted_share: null, global_hhi: null },
      exposureDefaults.weights,
    ),
    null,
  );
});

test('company score is value-weighted over scored materials', () => {
  close(
    companyScore([
      { value: 80, vulnerability: 0.75 },
      { value: 20, vulnerability: 0.25 },
      { value: 50, vulnerability: null },
    ]),
    0.65,
  );
  assert.equal(companyScore([]), null);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { factsheetByYear, partnerShares } from '../../../src/methods/dependency/factsheet.js';
import { segmentOf } from '../../../src/methods/dependency/segments.js';
import { stageOfBec, stageOfProduct } from '../../../src/methods/dependency/stages.js';
import { churn, groupCounts, overlap } from '../../../src/methods/dependency/summaries.js';

test('counts and value shares by main supplier, with ranks by count and by value', () => {
  const rows = groupCounts(
    [
      { product: 'a', partner: 'CHN', value: 10 },
      { product: 'b', partner: 'CHN', value: 10 },
      { product: 'c', partner: 'USA', value: 60 },
      { product: 'd', partner: null, value: 20 },
    ],
    (p) => p.partner ?? 'none',
  );
  assert.deepEqual(
    rows.map((r) => [r.group, r.products, r.productShare, r.valueShare, r.rankByCount, r.rankByValue]),
    [
      ['CHN', 2, 0.5, 0.2, 1, 2],
      ['USA', 1, 0.25, 0.6, 2, 1],
      ['none', 1, 0.25, 0.2, 2, 2],
    ],
  );
});

test('churn: entries, exits and the exit rate between consecutive years', () => {
  const rows = churn(
    [2018, 2019, 2020],
    new Map([
      ['a', [2018, 2019, 2020]],
      ['b', [2018]],
      ['c', [2019]],
      ['d', [2018, 2019]],
    ]),
  );
  assert.deepEqual(
    rows.map((r) => [r.year, r.dependent, r.entered, r.exited, r.stayed, r.exitRate]),
    [
      [2018, 3, 0, 0, 0, null],
      [2019, 3, 1, 1, 2, 1 / 3],
      [2020, 1, 0, 2, 1, 2 / 3],
    ],
  );
});

test('overlap splits two lists into both, only A and only B', () => {
  assert.deepEqual(overlap(['b', 'a'], ['c', 'b']), { both: ['b'], onlyA: ['a'], onlyB: ['c'] });
});

test('stage of processing from BEC Rev.4; several stages make a product "mixed"', () => {
  assert.equal(stageOfBec('21'), 'SoP1 raw materials');
  assert.equal(stageOfBec('22'), 'SoP2 intermediate goods');
  assert.equal(stageOfBec('41'), 'SoP4 capital goods');
  assert.equal(stageOfBec('51'), null);
  assert.equal(stageOfProduct(['111', '21']), 'SoP1 raw materials');
  assert.equal(stageOfProduct(['21', '41']), 'mixed');
  assert.equal(stageOfProduct(['22', '7']), 'SoP2 intermediate goods');
  assert.equal(stageOfProduct([]), 'not mapped');
});

test('NBB segments by HS chapter', () => {
  assert.deepEqual(['293100', '847130', '854231', '610910', '810411', '020110'].map(segmentOf), [
    'chemicals',
    'machinery',
    'electronics',
    'textiles',
    'base metals',
    'other',
  ]);
});

test('factsheet: tonnes, value per kg of the flows with a quantity, HHI, ratio; partners beyond the top as "other", listed last', () => {
  const f = (partner: string, value: number, kg: number | null, dir: 'm' | 'x' = 'm', intra = false) => ({
    year: 2024,
    stage: 'processing',
    dir,
    partner,
    isCountry: true,
    intra,
    value,
    quantityKg: kg,
    valueWithQuantity: kg === null ? 0 : value,
  });
  const flows = [
    f('CHN', 80, 20_000),
    f('USA', 15, 5_000),
    f('BRA', 5, null),
    f('DEU', 50, 10_000, 'm', true),
    f('USA', 25, 1_000, 'x'),
  ];
  const [y] = factsheetByYear(flows, 'extra');
  assert.deepEqual(
    [
      y.importValue,
      y.importTonnes,
      y.importUnitValue,
      y.exportValue,
      y.ratioValue,
      y.ratioTonnes,
      y.partners,
      y.quantityCoverage,
    ],
    [100, 25, 95 / 25_000, 25, 4, 25, 3, 0.95],
  );
  assert.ok(Math.abs(y.hhi! - (0.64 + 0.0225 + 0.0025)) < 1e-12);
  assert.deepEqual(
    y.top.map((t) => t.partner),
    ['CHN', 'USA', 'BRA'],
  );
  const shares = partnerShares(flows, 'extra', 1);
  assert.deepEqual(
    shares.map((s) => [s.partner, s.valueShare]),
    [
      ['CHN', 0.8],
      ['other', 0.2],
    ],
  );
  assert.equal(factsheetByYear(flows, 'all')[0].importValue, 150);
});

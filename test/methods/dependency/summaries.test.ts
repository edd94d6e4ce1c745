import assert from 'node:assert/strict';
import { test } from 'node:test';
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

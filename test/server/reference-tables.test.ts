import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { type Json, json } from '../support/json.js';
import { tempStore } from '../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await tempStore();
  app = createApp(store.db);
});
after(() => store.cleanup());

const get = async (path: string): Promise<Json> => {
  const res = await app.request(path);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return json(res);
};

test('GET /api/reference/sr-ei?edition=2023 gives the 70 published pairs; exactly the 34 listed ones are critical', async () => {
  const body = await get('/api/reference/sr-ei?edition=2023');
  assert.equal(body.rows.length, 70);
  const gallium = body.rows.find((r: Json) => r.material === 'gallium');
  assert.deepEqual([gallium.sr, gallium.ei, gallium.critical], [3.9, 3.7, true]); // EC 2023 study, Annex 4
  const listed = (await get('/api/materials?list=eu-crm&edition=2023')).rows.map((r: Json) => r.material).sort();
  const critical = body.rows
    .filter((r: Json) => r.critical)
    .map((r: Json) => r.material)
    .sort();
  assert.deepEqual(critical, listed);
  assert.equal(body.method.params.sr_threshold.value, 1);
  assert.equal(body.method.params.ei_threshold.value, 2.8);
});

test('the 2011 list names rare earths as one group; the assessed HREE, LREE and scandium count as critical', async () => {
  const body = await get('/api/reference/sr-ei?edition=2011');
  const critical = new Set(body.rows.filter((r: Json) => r.critical).map((r: Json) => r.material));
  for (const m of ['hree', 'lree', 'scandium', 'gallium', 'pgm']) assert.ok(critical.has(m), m);
  assert.ok(!critical.has('bauxite'));
  const all = await get('/api/reference/sr-ei');
  const perEdition = Object.fromEntries(
    [2011, 2014, 2017, 2020, 2023].map((e) => [e, all.rows.filter((r: Json) => r.edition === e && r.critical).length]),
  );
  assert.deepEqual(perEdition, { 2011: 16, 2014: 20, 2017: 27, 2020: 30, 2023: 34 });
});

test('an unknown edition is a 404 naming the editions; a non-number is a 400', async () => {
  const unknown = await app.request('/api/reference/sr-ei?edition=1999');
  assert.equal(unknown.status, 404);
  assert.match((await json(unknown)).error, /unknown edition: "1999" \(expected one of 2011, 2014, 2017, 2020, 2023\)/);
  const bad = await app.request('/api/reference/sr-ei?edition=abc');
  assert.equal(bad.status, 400);
  assert.match((await json(bad)).error, /invalid edition/);
});

test('the catalogues carry Dutch and French names and the codes maps need', async () => {
  const materials = await get('/api/reference/materials');
  const cobalt = materials.rows.find((r: Json) => r.material === 'cobalt');
  assert.deepEqual([cobalt.name_nl, cobalt.name_fr, cobalt.symbol], ['Kobalt', 'Cobalt', 'Co']);
  const countries = await get('/api/reference/countries');
  const belgium = countries.rows.find((r: Json) => r.iso3 === 'BEL');
  assert.deepEqual([belgium.iso2, belgium.m49, belgium.name_nl, belgium.name_fr], ['BE', '056', 'België', 'Belgique']);
  const technologies = await get('/api/reference/technologies');
  const batteries = technologies.rows.find((r: Json) => r.technology === 'li-ion-batteries');
  assert.equal(batteries.name_nl, 'Li-ion batterijen');
  assert.ok(batteries.materials >= 5);
});

test('GET /api/reference/facts?prefix= filters by the literal key prefix, each fact with its source', async () => {
  const body = await get('/api/reference/facts?prefix=crm_threshold_');
  assert.deepEqual(
    body.rows.map((r: Json) => [r.key, r.value]),
    [
      ['crm_threshold_ei', 2.8],
      ['crm_threshold_sr', 1],
    ],
  );
  assert.ok(body.rows.every((r: Json) => r.source && r.locator));
  assert.equal((await get('/api/reference/facts?prefix=crm_%25')).rows.length, 0);
});

test('reference tables answer CSV and are cacheable', async () => {
  const res = await app.request('/api/reference/countries?format=csv');
  assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(res.headers.get('cache-control') ?? '', /max-age/);
  assert.match((await res.text()).split('\n')[0], /^iso3,iso2,m49,name,name_nl,name_fr/);
});

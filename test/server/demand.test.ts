import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { demandByTechnology, demandProjection } from '../../src/analyses/demand.js';
import { createApp } from '../../src/server/app.js';
import { importer } from '../../src/sources/iea-cm/importer.js';
import { runImport } from '../../src/sources/run-import.js';
import { minimalSheets, writeWorkbook } from '../fixtures/iea-cm/workbook.js';
import { json } from '../support/json.js';
import { tempStore } from '../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await tempStore();
  app = createApp(store.db);
});
after(() => store.cleanup());

test('GET /api/demand before an import is a 404 that names the import', async () => {
  const res = await app.request('/api/demand?material=lithium');
  assert.equal(res.status, 404);
  assert.match((await json(res)).hint, /radar import iea-cm/);
});

test('GET /api/demand returns the rows the CLI prints; /api/demand/technologies the competition', async () => {
  const path = join(store.dir, 'wb.xlsx');
  await writeWorkbook(path, minimalSheets());
  await runImport(store.db, importer, [path]);
  const res = await app.request('/api/demand?material=lithium&scenario=NZE');
  assert.equal(res.status, 200);
  const body = await json(res);
  assert.deepEqual(body.rows, (await demandProjection(store.db, { material: 'lithium', scenario: 'NZE' })).rows);
  assert.equal(body.rows.at(-1).multiple_of_base, 8.875);
  const tech = await json(await app.request('/api/demand/technologies?material=lithium&scenario=APS&year=2040'));
  assert.deepEqual(
    tech.rows,
    (await demandByTechnology(store.db, { material: 'lithium', scenario: 'APS', year: 2040 })).rows,
  );
  const csv = await app.request('/api/demand?material=lithium&scenario=STEPS&format=csv');
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(
    await csv.text(),
    /^scenario,material,year,demand,unit,multiple_of_base,demand_to_production,observed\n/,
  );
});

test('bad parameters are 400, unknown minerals 404', async () => {
  assert.equal((await app.request('/api/demand?material=lithium&scenario=SDS')).status, 400);
  assert.equal((await app.request('/api/demand')).status, 400);
  const unknown = await app.request('/api/demand?material=kryptonite');
  assert.equal(unknown.status, 404);
  assert.match((await json(unknown)).error, /unknown mineral/);
});

test('GET /api/benchmarks without supply data is a 404 naming what to import', async () => {
  const res = await app.request('/api/benchmarks');
  assert.equal(res.status, 404);
  assert.match((await json(res)).hint, /radar import eu-crm-study/);
});

test('the OpenAPI document lists the demand and benchmark routes', async () => {
  const doc = await json(await app.request('/openapi.json'));
  for (const p of ['/api/demand', '/api/demand/technologies', '/api/benchmarks']) assert.ok(doc.paths[p], p);
});

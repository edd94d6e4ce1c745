import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { materialsOnList } from '../../src/analyses/materials-on-list.js';
import { createApp } from '../../src/server/app.js';
import { json } from '../support/json.js';
import { tempStore } from '../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await tempStore();
  app = createApp(store.db);
});
after(() => store.cleanup());

test('GET /health answers ok', async () => {
  const res = await app.request('/health');
  assert.equal(res.status, 200);
  assert.equal((await json(res)).status, 'ok');
});

test('GET /api/materials?list=eu-crm&edition=2023 returns the same rows as the analysis the CLI prints', async () => {
  const res = await app.request('/api/materials?list=eu-crm&edition=2023');
  assert.equal(res.status, 200);
  const body = await json(res);
  assert.equal(body.rows.length, 34);
  assert.deepEqual(body.rows, (await materialsOnList(store.db, { list: 'eu-crm', edition: '2023' })).rows);
  assert.match(res.headers.get('cache-control') ?? '', /max-age/);
});

test('?format=csv answers text/csv', async () => {
  const res = await app.request('/api/materials?list=crma-strategic&format=csv');
  assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
  assert.equal((await res.text()).trim().split('\n').length, 18);
});

test('unknown list and material are 404 with a message; a bad format is 400', async () => {
  const list = await app.request('/api/materials?list=nope');
  assert.equal(list.status, 404);
  assert.match((await json(list)).error, /unknown list/);
  const material = await app.request('/api/materials/unobtainium');
  assert.equal(material.status, 404);
  assert.match((await json(material)).hint, /Did you mean/);
  assert.equal((await app.request('/api/lists?format=xml')).status, 400);
});

test('GET /api/materials/gallium gives SR/EI history and listings', async () => {
  const body = await json(await app.request('/api/materials/gallium'));
  assert.equal(body.material.id, 'gallium');
  assert.equal(body.rows.length, 5);
});

test('GET /openapi.json is an OpenAPI 3.1 document listing the routes', async () => {
  const doc = await json(await app.request('/openapi.json'));
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/api/lists', '/api/materials', '/api/materials/{material}', '/api/datasets'])
    assert.ok(doc.paths[p], p);
});

test('GET / serves a page built from the store', async () => {
  const html = await (await app.request('/')).text();
  assert.match(html, /EU critical raw materials 2023 \(34\)/);
});

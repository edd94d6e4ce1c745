import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApp } from '../../../src/server/app.js';
import type { Db } from '../../../src/store/db.js';
import { json } from '../../support/json.js';
import { tempStore } from '../../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

test('GET /api/criticality answers the published 2023 verdicts as a Result', async () => {
  const res = await createApp(db).request('/api/criticality?edition=2023');
  assert.equal(res.status, 200);
  const body = await json(res);
  assert.equal(body.rows.length, 70);
  assert.equal(body.rows.filter((r: { critical: boolean }) => r.critical).length, 34);
  assert.equal(body.method.id, 'eu-criticality.published');
});

test('CSV, bad parameters and missing data map to their statuses', async () => {
  const app = createApp(db);
  const csv = await app.request('/api/criticality?format=csv&strategicRule=false');
  assert.equal(csv.status, 200);
  assert.match(await csv.text(), /^material,name,kind,sr,ei,critical/);
  assert.equal((await app.request('/api/criticality?sr=x')).status, 400);
  assert.equal((await app.request('/api/criticality?edition=1999')).status, 404);
  assert.equal((await app.request('/api/criticality?mode=recompute')).status, 404);
  const conc = await app.request('/api/concentration/cobalt');
  assert.equal(conc.status, 404);
  assert.match((await json(conc)).hint, /radar import/);
  assert.equal((await app.request('/api/concentration/cobalt?stage=mining')).status, 400);
});

test('the routes are in the OpenAPI document', async () => {
  const doc = await json(await createApp(db).request('/openapi.json'));
  assert.ok(doc.paths['/api/criticality']);
  assert.ok(doc.paths['/api/concentration/{material}']);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dependencyScreen } from '../../src/analyses/screen.js';
import { saveScreen } from '../../src/analyses/screen-saved.js';
import { createApp } from '../../src/server/app.js';
import { ec2021Vector, insertTrade } from '../analyses/screen-fixtures.js';
import { json } from '../support/json.js';
import { tempStore } from '../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await tempStore();
  await insertTrade(store.db, [...ec2021Vector('BEL', '280530'), ...ec2021Vector('BEL', '300490', 2021, 2)]);
  await saveScreen(
    store.db,
    'be',
    await dependencyScreen(store.db, { preset: 'ec2021', reporter: 'BEL', years: '2021' }),
  );
  app = createApp(store.db);
});
after(() => store.cleanup());

test('GET /api/screen returns the same rows as the analysis the CLI prints', async () => {
  const res = await app.request('/api/screen?preset=ec2021&reporter=BEL&years=2021&level=HS6');
  assert.equal(res.status, 200);
  const body = await json(res);
  const direct = await dependencyScreen(store.db, { preset: 'ec2021', reporter: 'BEL', years: '2021', level: 'HS6' });
  assert.deepEqual(
    body.rows,
    direct.rows.filter((r) => r.dependent),
  );
  assert.equal(body.method.params.hhi.value, '> 0.4');
});

test('GET /api/screen?by=suppliers&format=csv answers CSV', async () => {
  const res = await app.request('/api/screen?preset=ec2021&reporter=BEL&years=2021&by=suppliers&format=csv');
  assert.equal(res.status, 200);
  assert.match(await res.text(), /^reporter,main_supplier,name,products/);
});

test('GET /api/screens/be and its overlap with itself', async () => {
  const saved = await json(await app.request('/api/screens/be'));
  assert.equal(saved.rows.length, 2);
  const overlap = await json(await app.request('/api/screens/be?compare=be'));
  assert.equal(overlap.summary.both, 2);
});

test('bad parameters answer 400 and unknown names 404, with the message the CLI prints', async () => {
  const bad = await app.request('/api/screen?preset=ec2021&years=20x1');
  assert.equal(bad.status, 400);
  assert.match((await json(bad)).error, /invalid years/);
  const unknown = await app.request('/api/screens/nothing');
  assert.equal(unknown.status, 404);
  const preset = await app.request('/api/screen?preset=ec1999');
  assert.equal(preset.status, 400);
});

test('GET /api/trade/lithium answers a factsheet, with a warning when the basket has no trade', async () => {
  const res = await app.request('/api/trade/lithium?reporter=BEL');
  assert.equal(res.status, 200);
  const body = await json(res);
  assert.equal(body.method.id, 'trade.factsheet');
  assert.ok(body.warnings.some((w: string) => /no comext trade/.test(w)));
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open.js';
import { json } from '../support/json.js';
import { repoRoot } from '../support/real-data.js';
import { tempDir } from '../support/store.js';

// The server opens the store read-write once and every request shares that handle (server/main.ts); so do these tests.
const tmp = tempDir();
const path = join(tmp.dir, 'radar.duckdb');
let db: Db;
let app: ReturnType<typeof createApp>;
const token = 'test-token-0123456789';
const auth = { authorization: `Bearer ${token}` };
const previous = process.env.RADAR_API_TOKEN;

before(async () => {
  db = await openStore({ path });
  app = createApp(db);
  process.env.RADAR_API_TOKEN = token;
});
after(() => {
  db.close();
  tmp.cleanup();
  if (previous === undefined) delete process.env.RADAR_API_TOKEN;
  else process.env.RADAR_API_TOKEN = previous;
});

const registration = {
  buyer: 'Umicore',
  country: 'BEL',
  material: 'cobalt',
  stage: 'processing',
  quantity_t: 500,
  period: '2026',
};
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

test('GET stockpile (manual), export restrictions and by-products are open to all', async () => {
  const s = await app.request('/api/levers/stockpile?netImportsT=36500&days=60&priceEurPerKg=2');
  assert.equal(s.status, 200);
  assert.deepEqual([(await json(s)).rows[0].tonnes], [6000]);
  const r = await app.request('/api/levers/export-restrictions?material=gallium');
  assert.deepEqual(
    (await json(r)).rows.map((x: Record<string, unknown>) => x.event_id),
    ['cn-2023-ga-ge', 'cn-2024-us-ban'],
  );
  const csv = await app.request('/api/levers/by-products?format=csv');
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
});

test('writes without the bearer token are 401 and change nothing', async () => {
  assert.equal((await post('/api/levers/joint-purchase/registrations', registration)).status, 401);
  assert.equal(
    (
      await post('/api/levers/joint-purchase/registrations', registration, {
        authorization: 'Bearer wrong-token-0123456',
      })
    ).status,
    401,
  );
  assert.equal(
    (await post('/api/levers/scenarios', { id: 'x', scenario: { kind: 'by-product', hosts: { zinc: -0.1 } } })).status,
    401,
  );
  assert.equal(
    (await app.request('/api/levers/joint-purchase/registrations')).status,
    401,
    'buyer names are not public',
  );
  const agg = await json(await app.request('/api/levers/joint-purchase/aggregate'));
  assert.equal(agg.rows.length, 0);
});

test('with the token: a registration is written and the next read sees it', async () => {
  const res = await post(
    '/api/levers/joint-purchase/registrations',
    [registration, { ...registration, buyer: 'SME', quantity_t: 40, sme: true }],
    auth,
  );
  assert.equal(res.status, 201, JSON.stringify(await res.clone().json()));
  const agg = await json(await app.request('/api/levers/joint-purchase/aggregate?defaultMinimumT=100'));
  assert.deepEqual(
    agg.rows.map((r: Record<string, unknown>) => [r.material, r.demand_t, r.aggregated_t]),
    [['cobalt', 540, 500]],
  );
  const list = await json(await app.request('/api/levers/joint-purchase/registrations', { headers: auth }));
  assert.equal(list.rows.length, 2);
  const audit = await json(await app.request('/api/levers/joint-purchase/audit', { headers: auth }));
  assert.deepEqual(
    audit.rows.map((r: Record<string, unknown>) => r.actor),
    ['api-token', 'api-token'],
  );
});

test('a bad registration batch is 422 and writes nothing', async () => {
  const res = await post(
    '/api/levers/joint-purchase/registrations',
    [registration, { ...registration, material: 'potash' }],
    auth,
  );
  assert.equal(res.status, 422);
  assert.match((await json(res)).error, /registration 2: potash is not a strategic raw material/);
  const list = await json(await app.request('/api/levers/joint-purchase/registrations', { headers: auth }));
  assert.equal(list.rows.length, 2);
});

test('scenarios: run (open), save (token), run saved', async () => {
  const run = await post('/api/levers/scenarios/run', {
    kind: 'shortfall',
    material: 'gallium',
    demandT: 10,
    inventoryT: 4,
  });
  assert.equal(run.status, 200);
  assert.equal((await json(run)).rows[0].tonnes, 6);
  const bad = await post('/api/levers/scenarios/run', { kind: 'embargo' });
  assert.equal(bad.status, 400);
  assert.equal(
    (
      await post(
        '/api/levers/scenarios',
        { id: 'zinc-cut', scenario: { kind: 'by-product', hosts: { zinc: -0.2 } } },
        auth,
      )
    ).status,
    201,
  );
  const saved = await app.request('/api/levers/scenarios/zinc-cut');
  assert.equal(saved.status, 200);
  assert.ok((await json(saved)).rows.length > 0);
  assert.equal((await app.request('/api/levers/scenarios/nope')).status, 404);
});

test('company assessment upload: bad rows → 422 listing file:line, nothing stored; good file → stored, HTML/XLSX reports', async () => {
  const bad = readFileSync(join(repoRoot, 'test/fixtures/levers/purchases-bad.csv'));
  const r1 = await app.request('/api/levers/company-assessment?filename=purchases-bad.csv&store=true', {
    method: 'POST',
    body: bad,
    headers: { ...auth, 'content-type': 'text/csv' },
  });
  assert.equal(r1.status, 422);
  assert.match((await json(r1)).error, /purchases-bad\.csv:3: cn_code "8112"/);
  assert.equal(
    (await app.request('/api/levers/company-assessment?filename=x.csv', { method: 'POST', body: bad })).status,
    401,
  );
  const good = readFileSync(join(repoRoot, 'test/fixtures/levers/purchases-good.xlsx'));
  const r2 = await app.request(
    '/api/levers/company-assessment?filename=purchases-good.xlsx&store=true&asOf=2025-06-30',
    { method: 'POST', body: good, headers: auth },
  );
  assert.equal(r2.status, 200);
  const body = await json(r2);
  assert.ok(body.rows.some((r: Record<string, unknown>) => r.material === 'gallium'));
  const location = r2.headers.get('location') as string;
  assert.match(location, /^\/api\/levers\/company-assessment\/[0-9a-f-]{36}$/);
  const html = await app.request(`${location}?report=html&asOf=2025-06-30`, { headers: auth });
  assert.match(await html.text(), /Vulnerability score/);
  const xlsx = await app.request(`${location}?report=xlsx`, { headers: auth });
  assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal((await app.request(location)).status, 401);
});

test('the OpenAPI document lists the lever routes and the bearer scheme', async () => {
  const doc = await json(await app.request('/openapi.json'));
  assert.ok(doc.paths['/api/levers/stockpile']);
  assert.ok(doc.paths['/api/levers/joint-purchase/registrations'].post.security);
  assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
});

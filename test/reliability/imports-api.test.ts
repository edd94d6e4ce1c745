import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { json } from '../support/json.js';
import { repoRoot } from '../support/real-data.js';
import { tempStore } from '../support/store.js';
import { writeBaciFile } from './support/baci-file.js';
import { storeState } from './support/store-state.js';

// POST /api/imports: imports while the server owns the store (src/server/routes/imports.ts).
let store: Awaited<ReturnType<typeof tempStore>>;
let app: ReturnType<typeof createApp>;
let importDir: string;
const token = 'import-token-0123456789';
const auth = { authorization: `Bearer ${token}` };
const saved = { ...process.env };
const fixture = (source: string, name: string) => join(repoRoot, 'test', 'fixtures', source, name);

before(async () => {
  store = await tempStore();
  app = createApp(store.db);
  importDir = join(store.dir, 'incoming');
  mkdirSync(join(importDir, 'baci'), { recursive: true });
  copyFileSync(fixture('wgi', 'WGIData-small.csv'), join(importDir, 'WGIData-small.csv'));
  copyFileSync(fixture('baci', 'bad-number.csv'), join(importDir, 'baci', 'bad-number.csv'));
  writeFileSync(join(store.dir, 'secret.csv'), 'not for import\n');
  symlinkSync(join(store.dir, 'secret.csv'), join(importDir, 'link-out.csv'));
  await writeBaciFile(store.db, join(importDir, 'baci', 'BACI_HS17_Y2021_V202501.csv'), 150_000, 3);
  process.env.RADAR_API_TOKEN = token;
  process.env.RADAR_IMPORT_DIR = importDir;
  delete process.env.RADAR_MAX_UPLOAD_BYTES;
});
after(() => {
  process.env = saved;
  store.cleanup();
});

const upload = (parts: Record<string, string | [Uint8Array, string][]>, headers: Record<string, string> = auth) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value === 'string') form.append(name, value);
    else for (const [bytes, file] of value) form.append(name, new Blob([bytes]), file);
  }
  return app.request('/api/imports', { method: 'POST', body: form, headers });
};
const byPath = (body: unknown, headers: Record<string, string> = auth) =>
  app.request('/api/imports', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
const bytes = (source: string, name: string) => new Uint8Array(readFileSync(fixture(source, name)));

test('without the bearer token an import is 401 and changes nothing', async () => {
  const before = await storeState(store.db);
  const good = { file: [[bytes('wgi', 'WGIData-small.csv'), 'WGIData-small.csv']] as [Uint8Array, string][] };
  assert.equal((await upload({ source: 'wgi', ...good }, {})).status, 401);
  assert.equal(
    (await upload({ source: 'wgi', ...good }, { authorization: 'Bearer wrong-token-01234567890' })).status,
    401,
  );
  assert.equal((await upload({ source: 'wgi', ...good }, { authorization: `Bearer ${token}é` })).status, 401);
  assert.equal((await byPath({ source: 'wgi', files: ['WGIData-small.csv'] }, {})).status, 401);
  delete process.env.RADAR_API_TOKEN;
  try {
    const res = await upload({ source: 'wgi', ...good });
    assert.equal(res.status, 401);
    assert.match((await json(res)).error, /writes are disabled/);
  } finally {
    process.env.RADAR_API_TOKEN = token;
  }
  assert.deepEqual(await storeState(store.db), before);
});

test('a multipart upload imports under the part’s file name; the same file again is unchanged', async () => {
  const files: [Uint8Array, string][] = [
    [bytes('baci', 'BACI_HS17_Y2021_V202501.csv'), 'BACI_HS17_Y2021_V202501.csv'],
    [bytes('baci', 'country_codes_V202501-small.csv'), 'country_codes_V202501.csv'],
  ];
  const res = await upload({ source: 'baci', file: files });
  assert.equal(res.status, 201, JSON.stringify(await res.clone().json()));
  const report = await json(res);
  assert.equal(report.status, 'imported');
  assert.equal(report.rows, 6);
  assert.equal(report.vintage, 'V202501');
  assert.deepEqual(report.files.map((f: { name: string }) => f.name).sort(), files.map((f) => f[1]).sort());
  const again = await upload({ source: 'baci', file: files });
  assert.equal(again.status, 200);
  assert.equal((await json(again)).status, 'unchanged');
  const datasets = await json(await app.request('/api/datasets'));
  assert.ok(datasets.rows.some((r: { id: string }) => r.id === report.dataset));
  assert.deepEqual(readdirSync(join(store.dir, 'uploads')), [], 'uploaded files are removed after the import');
});

test('a bad file is 422 naming file:line:column, and the store is unchanged', async () => {
  const before = await storeState(store.db);
  const res = await upload({ source: 'baci', file: [[bytes('baci', 'bad-number.csv'), 'bad-number.csv']] });
  assert.equal(res.status, 422);
  assert.match((await json(res)).error, /^bad-number\.csv:3:20: column "v" holds "5O000\.1"/);
  const named = await byPath({ source: 'baci', files: ['baci/bad-number.csv'] });
  assert.equal(named.status, 422);
  assert.match((await json(named)).error, /^bad-number\.csv:3:20:/);
  assert.deepEqual(await storeState(store.db), before);
});

test('a file name with a path in it is reduced to its base name and cannot escape the upload directory', async () => {
  const res = await upload({
    source: 'wgi',
    file: [[bytes('wgi', 'WGIData-small.csv'), '../../../../WGIData-small.csv']],
    dryRun: 'true',
  });
  assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
  assert.deepEqual(
    (await json(res)).files.map((f: { name: string }) => f.name),
    ['WGIData-small.csv'],
  );
  assert.equal(existsSync(join(store.dir, '..', 'WGIData-small.csv')), false);
  for (const name of ['..', '.', 'a\u0000b.csv', 'x\n.csv', '/']) {
    const bad = await upload({ source: 'wgi', file: [[bytes('wgi', 'WGIData-small.csv'), name]] });
    assert.equal(bad.status, 400, `file name ${JSON.stringify(name)}`);
  }
});

test('an upload larger than RADAR_MAX_UPLOAD_BYTES is 413, with or without a content length', async () => {
  process.env.RADAR_MAX_UPLOAD_BYTES = '2048';
  try {
    const before = await storeState(store.db);
    const big = new Uint8Array(4096).fill(65);
    const res = await upload({ source: 'wgi', file: [[big, 'WGIData.csv']] });
    assert.equal(res.status, 413);
    assert.match((await json(res)).error, /upload larger than 2048 bytes/);
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(1024).fill(66));
        controller.close();
      },
    });
    const streamed = await app.request('/api/imports', {
      method: 'POST',
      body: chunks,
      headers: { ...auth, 'content-type': 'multipart/form-data; boundary=x' },
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    const small = await upload({ source: 'wgi', file: [[new Uint8Array(10), 'WGIData.csv']] });
    assert.notEqual(small.status, 413, 'a small upload passes the limit');
    assert.deepEqual(await storeState(store.db), before);
  } finally {
    delete process.env.RADAR_MAX_UPLOAD_BYTES;
  }
});

test('files named by path must lie inside RADAR_IMPORT_DIR: traversal, absolute paths and links out are 400', async () => {
  const before = await storeState(store.db);
  for (const path of [
    '../secret.csv',
    'baci/../../secret.csv',
    '..\\secret.csv',
    join(store.dir, 'secret.csv'),
    '/etc/passwd',
    'link-out.csv',
    'baci/..',
    '.',
  ]) {
    const res = await byPath({ source: 'wgi', files: [path] });
    assert.equal(res.status, 400, `${path}: ${JSON.stringify(await res.clone().json())}`);
    const body = await json(res);
    assert.ok(!JSON.stringify(body).includes(importDir), 'the answer does not reveal the import directory');
  }
  assert.equal((await byPath({ source: 'wgi', files: ['missing.csv'] })).status, 404);
  assert.equal((await byPath({ source: 'wgi', files: ['baci'] })).status, 400, 'a directory is not a file');
  delete process.env.RADAR_IMPORT_DIR;
  try {
    assert.equal((await byPath({ source: 'wgi', files: ['WGIData-small.csv'] })).status, 403);
  } finally {
    process.env.RADAR_IMPORT_DIR = importDir;
  }
  assert.deepEqual(await storeState(store.db), before);
});

test('bad requests are 4xx with a message: unknown source, content type, JSON, fields', async () => {
  const cases: [Promise<Response> | Response, number][] = [
    [byPath({ source: 'nope', files: ['WGIData-small.csv'] }), 404],
    [byPath({ source: 'wgi', files: [] }), 400],
    [byPath({ source: 'wgi' }), 400],
    [byPath({ source: 'wgi', files: ['WGIData-small.csv'], force: 'yes' }), 400],
    [byPath('not an object'), 400],
    [
      app.request('/api/imports', {
        method: 'POST',
        body: '{"source":',
        headers: { ...auth, 'content-type': 'application/json' },
      }),
      400,
    ],
    [
      app.request('/api/imports', { method: 'POST', body: 'x', headers: { ...auth, 'content-type': 'text/plain' } }),
      400,
    ],
    [upload({ file: [[bytes('wgi', 'WGIData-small.csv'), 'WGIData-small.csv']] }), 400],
    [upload({ source: 'wgi' }), 400],
    [upload({ source: 'wgi', file: 'not a file' }), 400],
    [upload({ source: 'wgi', wait: 'maybe', file: [[bytes('wgi', 'WGIData-small.csv'), 'a.csv']] }), 400],
  ];
  for (const [request, status] of cases) {
    const res = await request;
    assert.equal(res.status, status, JSON.stringify(await res.clone().json()));
    assert.equal(typeof (await json(res)).error, 'string');
  }
});

test('two imports at once: the second waits for the first (default) or is refused with 409 (wait=false)', async () => {
  const first = byPath({ source: 'baci', files: ['baci/BACI_HS17_Y2021_V202501.csv'] });
  // Wait until the first one runs, then ask for two more.
  for (let i = 0; i < 200 && (await json(await app.request('/api/imports'))).running === null; i++)
    await new Promise((r) => setTimeout(r, 10));
  const status = await json(await app.request('/api/imports'));
  assert.equal(status.running?.source, 'baci');
  const refused = await byPath({ source: 'wgi', files: ['WGIData-small.csv'], wait: false });
  assert.equal(refused.status, 409);
  assert.match((await json(refused)).error, /an import is already running \(baci/);
  const queued = byPath({ source: 'wgi', files: ['WGIData-small.csv'] });
  const [a, b] = await Promise.all([first, queued]);
  assert.equal(a.status, 201, JSON.stringify(await a.clone().json()));
  assert.equal(b.status, 201, JSON.stringify(await b.clone().json()));
  const [ra, rb] = [await json(a), await json(b)];
  assert.equal(ra.rows, 150_000);
  assert.ok(rb.seconds < 5, 'the queued import ran after the first');
  assert.deepEqual(await json(await app.request('/api/imports')), { running: null, waiting: 0 });
});

test('reads during an import see the store before or after it, never in between', async () => {
  await store.db.run("DELETE FROM trade_flows WHERE source = 'baci'");
  await store.db.run("DELETE FROM datasets WHERE source = 'baci'");
  const importing = Promise.resolve(byPath({ source: 'baci', files: ['baci/BACI_HS17_Y2021_V202501.csv'] }));
  let done = false;
  void importing.finally(() => {
    done = true;
  });
  const seen = new Set<string>();
  while (!done) {
    const [datasets, health] = await Promise.all([app.request('/api/datasets'), app.request('/health')]);
    assert.equal(datasets.status, 200);
    assert.equal(health.status, 200);
    const baci = (await json(datasets)).rows.filter((r: { source?: string; id: string }) => r.id.startsWith('baci:'));
    seen.add(baci.map((r: { rows: number }) => r.rows).join(',') || 'none');
  }
  assert.equal((await importing).status, 201);
  for (const state of seen) assert.ok(['none', '150000'].includes(state), `a read saw ${state}`);
  assert.ok(seen.has('none'), 'some reads ran during the import');
});

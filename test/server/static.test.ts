import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { json } from '../support/json.js';
import { tempDir, tempStore } from '../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let web: ReturnType<typeof tempDir>;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await tempStore();
  web = tempDir();
  mkdirSync(join(web.dir, 'assets'));
  writeFileSync(join(web.dir, 'index.html'), '<!doctype html><title>dashboard</title>');
  writeFileSync(join(web.dir, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
  app = createApp(store.db, { webRoot: web.dir });
});
after(() => {
  store.cleanup();
  web.cleanup();
});

test('dashboard paths answer index.html, revalidated on each load', async () => {
  for (const path of ['/', '/en/', '/nl/material/gallium', '/fr/belgium?x=1']) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    assert.match(await res.text(), /<title>dashboard<\/title>/, path);
    assert.equal(res.headers.get('cache-control'), 'no-cache', path);
  }
});

test('fingerprinted assets are cached for a year and compressed', async () => {
  const res = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
  assert.equal(res.headers.get('content-encoding'), 'gzip');
});

test('API paths and missing files stay 404 with a JSON message', async () => {
  const api = await app.request('/api/nope');
  assert.equal(api.status, 404);
  assert.match((await json(api)).error, /not found: \/api\/nope/);
  assert.equal((await app.request('/assets/missing-123.js')).status, 404);
  assert.equal((await app.request('/api/lists')).status, 200);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { json } from '../support/json.js';
import { tempStore } from '../support/store.js';
import { runApiFuzz } from './support/api-fuzz-run.js';

// The fast version of test/stress/api-fuzz.test.ts (3 bad values per parameter, plus every SQL metacharacter).
test('bad values in every API parameter: no 5xx, every refusal explained, tokens checked, store intact', async (t) => {
  await runApiFuzz(t, 3);
});

let store: Awaited<ReturnType<typeof tempStore>>;
const token = 'upload-token-0123456789';
before(async () => {
  store = await tempStore();
  process.env.RADAR_API_TOKEN = token;
});
after(() => {
  delete process.env.RADAR_API_TOKEN;
  store.cleanup();
});

test('an upload over the company-assessment limit (20 MB) is 413 before it is read', async () => {
  const app = createApp(store.db);
  const big = new Uint8Array(20 * 1024 * 1024 + 1).fill(44);
  const res = await app.request('/api/levers/company-assessment?filename=big.csv', {
    method: 'POST',
    body: big,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
  });
  assert.equal(res.status, 413);
  assert.match((await json(res)).error, /upload larger than/);
});

test('a malformed JSON body is 400 with a message, not 500', async () => {
  const app = createApp(store.db);
  for (const path of [
    '/api/levers/scenarios/run',
    '/api/levers/joint-purchase/registrations',
    '/api/levers/scenarios',
  ]) {
    const res = await app.request(path, {
      method: 'POST',
      body: '{"kind":',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400, path);
    assert.match((await json(res)).error, /Malformed JSON/);
  }
});

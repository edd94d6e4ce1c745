import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { responseCache } from '../../src/server/response-cache.js';

function counting(options?: Parameters<typeof responseCache>[0]) {
  const calls: Record<string, number> = {};
  const app = new Hono();
  app.use('*', responseCache(options));
  app.get('/api/:name', (c) => {
    const name = c.req.param('name');
    calls[name] = (calls[name] ?? 0) + 1;
    if (name === 'missing') return c.json({ error: 'not found' }, 404);
    if (name === 'live') c.header('cache-control', 'no-store');
    return c.req.header('accept') === 'text/csv' ? c.text(`csv ${calls[name]}`) : c.json({ n: calls[name] });
  });
  app.get('/page', (c) => {
    calls.page = (calls.page ?? 0) + 1;
    return c.text(String(calls.page));
  });
  return { app, calls };
}

test('a repeated GET is answered from memory with the same body and headers', async () => {
  const { app, calls } = counting();
  const first = await app.request('/api/a?x=1');
  const second = await app.request('/api/a?x=1');
  assert.deepEqual(await second.json(), await first.json());
  assert.equal(second.headers.get('content-type'), first.headers.get('content-type'));
  assert.equal(calls.a, 1);
  await app.request('/api/a?x=2');
  assert.equal(calls.a, 2, 'another query is another answer');
});

test('CSV asked through Accept is kept apart from JSON', async () => {
  const { app } = counting();
  assert.deepEqual(await (await app.request('/api/b')).json(), { n: 1 });
  assert.equal(await (await app.request('/api/b', { headers: { accept: 'text/csv' } })).text(), 'csv 2');
  assert.equal(await (await app.request('/api/b', { headers: { accept: 'text/csv' } })).text(), 'csv 2');
});

test('errors, no-store answers and paths outside the API are not kept', async () => {
  const { app, calls } = counting();
  for (let i = 0; i < 2; i++) {
    assert.equal((await app.request('/api/missing')).status, 404);
    await app.request('/api/live');
    await app.request('/page');
  }
  assert.deepEqual([calls.missing, calls.live, calls.page], [2, 2, 2]);
});

test('the least recently used answer goes first when the cache is full', async () => {
  const { app, calls } = counting({ maxEntries: 2 });
  await app.request('/api/one');
  await app.request('/api/two');
  await app.request('/api/one'); // one is now the most recently used
  await app.request('/api/three'); // evicts two
  await app.request('/api/one');
  await app.request('/api/two');
  assert.deepEqual([calls.one, calls.two, calls.three], [1, 2, 1]);
});

test('requests with credentials are never answered from or kept in the cache', async () => {
  const { app, calls } = counting();
  await app.request('/api/secret', { headers: { authorization: 'Bearer t' } });
  await app.request('/api/secret');
  await app.request('/api/secret', { headers: { authorization: 'Bearer t' } });
  assert.equal(calls.secret, 3);
});

test('a successful write empties the cache; a refused one does not', async () => {
  const { app, calls } = counting();
  app.post('/api/save', (c) => c.json({ ok: true }, 201));
  app.post('/api/refuse', (c) => c.json({ error: 'no' }, 401));
  await app.request('/api/list');
  await app.request('/api/refuse', { method: 'POST' });
  await app.request('/api/list');
  assert.equal(calls.list, 1);
  await app.request('/api/save', { method: 'POST' });
  await app.request('/api/list');
  assert.equal(calls.list, 2);
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fetchFile, mirrored } from '../../src/sources/fetch.js';
import { tempDir } from '../support/store.js';

const body = Buffer.from(
  'year,value\n'.concat(Array.from({ length: 5000 }, (_, i) => `${2000 + (i % 25)},${i}\n`).join('')),
);
const sha = createHash('sha256').update(body).digest('hex');
let server: Server;
let mirror: string;
const requests: string[] = [];
const tmp = tempDir();

before(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers.range ?? ''}`);
    if (req.url !== '/example.org/data/file.csv') return res.writeHead(404).end();
    const m = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    res.writeHead(m ? 206 : 200, { 'content-length': body.length - start });
    res.end(body.subarray(start));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  tmp.cleanup();
});

test('mirrored maps a public URL under the mirror', () => {
  assert.equal(
    mirrored('https://example.org/data/file.csv?x=1', 'http://m/'),
    'http://m/example.org/data/file.csv?x=1',
  );
  assert.equal(mirrored('https://example.org/a'), 'https://example.org/a');
});

test('downloads into the cache and verifies the checksum', async () => {
  const cacheDir = join(tmp.dir, 'a');
  const path = await fetchFile(
    { url: 'https://example.org/data/file.csv', file: 'file.csv', sha256: sha },
    { cacheDir, mirror },
  );
  assert.deepEqual(readFileSync(path), body);
});

test('resumes a partial download with a Range request', async () => {
  const cacheDir = join(tmp.dir, 'b');
  await fetchFile({ url: 'https://example.org/data/file.csv', file: 'seed.csv' }, { cacheDir, mirror });
  writeFileSync(join(cacheDir, 'file.csv.part'), body.subarray(0, 1000));
  requests.length = 0;
  const path = await fetchFile(
    { url: 'https://example.org/data/file.csv', file: 'file.csv', sha256: sha },
    { cacheDir, mirror },
  );
  assert.deepEqual(readFileSync(path), body);
  assert.match(requests[0], /bytes=1000-/);
});

test('a cached file is reused without a request', async () => {
  const cacheDir = join(tmp.dir, 'a');
  requests.length = 0;
  await fetchFile({ url: 'https://example.org/data/file.csv', file: 'file.csv', sha256: sha }, { cacheDir, mirror });
  assert.equal(requests.length, 0);
});

test('a checksum mismatch is an error and keeps nothing under the final name', async () => {
  const cacheDir = join(tmp.dir, 'c');
  await assert.rejects(
    fetchFile(
      { url: 'https://example.org/data/file.csv', file: 'file.csv', sha256: '0'.repeat(64) },
      { cacheDir, mirror },
    ),
    /checksum mismatch/,
  );
  assert.equal(existsSync(join(cacheDir, 'file.csv')), false);
});

test('an HTTP error names the URL and status', async () => {
  await assert.rejects(
    fetchFile({ url: 'https://example.org/missing.csv', file: 'm.csv' }, { cacheDir: join(tmp.dir, 'd'), mirror }),
    /download failed: .*missing\.csv answered 404/,
  );
});

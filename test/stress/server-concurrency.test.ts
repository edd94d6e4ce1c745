import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { writeBaciFile } from '../reliability/support/baci-file.js';
import { verifyAllOrNothing } from '../reliability/support/crash.js';
import { startServerProcess } from '../reliability/support/server-process.js';
import { tempDir } from '../support/store.js';
import { stress } from './stress.js';

// Issue 10, concurrency: the server process owns the store; 16 clients read while a 1 M-row import runs through
// POST /api/imports, a second import is refused (wait=false) or queued, a registration waits for its turn; then the
// server is killed in the middle of another import and restarted.
const tmp = tempDir();
after(tmp.cleanup);
const token = 'stress-token-0123456789';
const rows = 1_000_000;

test('reads during an import through the API: no errors, each answer before or after the import', {
  skip: !stress && 'stress test: npm run test:stress',
}, async (t) => {
  const incoming = join(tmp.dir, 'incoming');
  mkdirSync(incoming);
  const setup = await openStore({ path: join(tmp.dir, 'radar.duckdb') });
  await writeBaciFile(setup, join(incoming, 'BACI_HS17_Y2021_V202501.csv'), rows, 11);
  await writeBaciFile(setup, join(incoming, 'BACI_HS17_Y2022_V202501.csv'), rows, 12);
  setup.close();
  const env = { RADAR_DATA_DIR: tmp.dir, RADAR_API_TOKEN: token, RADAR_IMPORT_DIR: incoming };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let server = await startServerProcess(env);
  t.after(() => server.stop('SIGKILL'));
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path.slice(1)}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });

  const importing = post('/api/imports', { source: 'baci', files: ['BACI_HS17_Y2021_V202501.csv'] });
  while (((await (await fetch(`${server.url}api/imports`)).json()) as { running: unknown }).running === null)
    await new Promise((r) => setTimeout(r, 20));
  const refused = await post('/api/imports', { source: 'baci', files: ['BACI_HS17_Y2022_V202501.csv'], wait: false });
  assert.equal(refused.status, 409);
  const registration = post('/api/levers/joint-purchase/registrations', {
    buyer: 'Stress',
    country: 'BEL',
    material: 'cobalt',
    stage: 'processing',
    quantity_t: 5,
    period: '2026',
  });

  let done = false;
  void importing.finally(() => {
    done = true;
  });
  const paths = ['api/datasets', 'health', 'api/lists', 'api/materials?list=eu-crm', 'api/trade/gallium?reporter=BEL'];
  const latencies: number[] = [];
  const states = new Set<string>();
  const errors: string[] = [];
  const client = async (i: number) => {
    for (let n = 0; !done; n++) {
      const path = paths[(i + n) % paths.length];
      const started = performance.now();
      const res = await fetch(`${server.url}${path}`);
      latencies.push(performance.now() - started);
      const body = await res.text();
      if (res.status !== 200 && !(path.startsWith('api/trade') && res.status < 500))
        errors.push(`${path} → ${res.status}: ${body.slice(0, 200)}`);
      if (path === 'api/datasets') {
        const baci = JSON.parse(body).rows.filter((r: { id: string }) => r.id.startsWith('baci:'));
        states.add(baci.map((r: { rows: number }) => r.rows).join(',') || 'none');
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, (_, i) => client(i)));
  const imported = await importing;
  assert.equal(imported.status, 201, await imported.clone().text());
  assert.equal((await registration).status, 201, 'the registration waited for the import and was written');
  latencies.sort((a, b) => a - b);
  const p = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))]);
  t.diagnostic(`${latencies.length} reads during the import: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms`);
  assert.deepEqual(errors.slice(0, 5), []);
  assert.deepEqual(
    [...states].filter((s) => s !== 'none' && s !== String(rows)),
    [],
    'never a partial answer',
  );
  assert.ok(states.has('none'), 'reads ran during the import');

  // A queued import (wait=true, the default) runs after the one before it.
  const [a, b] = await Promise.all([
    post('/api/imports', { source: 'baci', files: ['BACI_HS17_Y2022_V202501.csv'] }),
    post('/api/imports', { source: 'wgi', files: ['../escape.csv'] }),
  ]);
  assert.equal(a.status, 201);
  assert.equal(b.status, 400, 'a path outside RADAR_IMPORT_DIR');

  // Killed in the middle of an import: after a restart, the dataset is there whole or not at all.
  await server.stop();
  assert.equal(existsSync(join(tmp.dir, 'server.json')), false);
  await dropBaci(join(tmp.dir, 'radar.duckdb'));
  server = await startServerProcess(env);
  const killed = post('/api/imports', { source: 'baci', files: ['BACI_HS17_Y2021_V202501.csv'] }).catch(() => null);
  await new Promise((r) => setTimeout(r, 1500));
  await server.stop('SIGKILL');
  await killed;
  const { datasetSha, describeFiles } = await import('../../src/sources/run-import.js');
  const sha = datasetSha(await describeFiles([join(incoming, 'BACI_HS17_Y2021_V202501.csv')]));
  const verdict = await verifyAllOrNothing(join(tmp.dir, 'radar.duckdb'), 'baci', sha, rows, ['trade_flows']);
  t.diagnostic(`server killed 1.5 s into an API import → ${verdict.state}`);
});

async function dropBaci(path: string): Promise<void> {
  const { dropDataset } = await import('../../src/sources/run-import.js');
  const db = await openStore({ path });
  try {
    for (const { id } of await db.all<{ id: string }>("SELECT id FROM datasets WHERE source = 'baci'"))
      await dropDataset(db, id);
  } finally {
    db.close();
  }
}

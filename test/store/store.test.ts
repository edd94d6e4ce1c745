import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Db } from '../../src/store/db.js';
import { migrations } from '../../src/store/migrations/index.js';
import { migrate } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open.js';
import { planReference, referenceFiles } from '../../src/store/reference.js';
import { readDatasets } from '../../src/store/registry.js';
import { tempDir } from '../support/store.js';

const tmp = tempDir();
const path = join(tmp.dir, 'radar.duckdb');
after(tmp.cleanup);

before(async () => {
  (await openStore({ path })).close();
});

test('migrations have unique versions', () => {
  const versions = migrations.map((m) => m.version);
  assert.equal(new Set(versions).size, versions.length);
});

test('a new store is migrated and every reference table is registered with sha256 and row count', async () => {
  const db = await Db.open(path, { readOnly: true });
  try {
    const datasets = await readDatasets(db, { kind: 'reference' });
    assert.deepEqual(datasets.map((d) => d.id).sort(), referenceFiles.map((f) => `ref:${f.table}`).sort());
    for (const d of datasets) {
      assert.match(d.sha256, /^[0-9a-f]{64}$/);
      assert.ok(d.rows > 0, `${d.id} has rows`);
      assert.deepEqual(d.tables, [d.id.slice(4)]);
      const n = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${d.tables[0]}`);
      assert.equal(n?.n, d.rows, `${d.id}: registry row count equals table`);
    }
  } finally {
    db.close();
  }
});

test('reopening is idempotent: no migration and no reference reload', async () => {
  const db = await Db.open(path);
  try {
    assert.deepEqual(await migrate(db), []);
    assert.ok((await planReference(db)).every((p) => !p.changed));
  } finally {
    db.close();
  }
});

test('several read-only openers at once (in one process, through separate connections)', async () => {
  const db = await openStore({ path, readOnly: true });
  try {
    const counts = await Promise.all(
      Array.from({ length: 16 }, () => db.one<{ n: number }>('SELECT count(*) AS n FROM materials')),
    );
    assert.ok(counts.every((c) => c?.n === counts[0]?.n && (c?.n ?? 0) > 0));
  } finally {
    db.close();
  }
});

test('a read-only store refuses writes', async () => {
  const db = await openStore({ path, readOnly: true });
  try {
    await assert.rejects(db.run("DELETE FROM materials WHERE id = 'gallium'"), /read-only/i);
  } finally {
    db.close();
  }
});

test('a transaction that fails leaves the store as it was', async () => {
  const db = await Db.open(path);
  try {
    const before = await db.one<{ n: number }>('SELECT count(*) AS n FROM materials');
    await assert.rejects(
      db.transaction(async () => {
        await db.run('DELETE FROM materials');
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(await db.one('SELECT count(*) AS n FROM materials'), before);
  } finally {
    db.close();
  }
});

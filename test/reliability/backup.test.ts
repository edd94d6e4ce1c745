import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { storeUpload } from '../../src/analyses/company-assessment.js';
import { readPurchases } from '../../src/analyses/company-assessment-file.js';
import { registerDemand, withdrawRegistration } from '../../src/analyses/joint-purchase.js';
import { saveScenario } from '../../src/analyses/scenario.js';
import { countryResolver } from '../../src/analyses/scenario-data.js';
import { runCli } from '../../src/cli/main.js';
import { importerFor } from '../../src/sources/catalogue.js';
import { dropDataset, runImport } from '../../src/sources/run-import.js';
import { userTables } from '../../src/store/backup.js';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open.js';
import { repoRoot } from '../support/real-data.js';
import { captureContext, tempDir } from '../support/store.js';
import { storeFingerprint } from './support/store-state.js';

// radar backup / radar restore round trips (src/store/backup.ts), through the CLI as a user runs them.
const tmp = tempDir();
const path = join(tmp.dir, 'radar.duckdb');
const fixture = (source: string, name: string) => join(repoRoot, 'test', 'fixtures', source, name);
const cobalt = {
  buyer: 'Umicore',
  country: 'BEL',
  material: 'cobalt',
  stage: 'processing',
  quantity_t: 500,
  period: '2026',
};
after(tmp.cleanup);

async function withStore<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openStore({ path });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}
async function cli(...argv: string[]) {
  const ctx = captureContext(path);
  const code = await runCli(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}
const userPart = (f: Record<string, unknown>) => Object.fromEntries(userTables.map((t) => [t, f[t]]));

before(async () => {
  await withStore(async (db) => {
    await runImport(db, await importerFor('wgi'), [fixture('wgi', 'WGIData-small.csv')]);
    await registerDemand(db, [cobalt, { ...cobalt, buyer: 'SME', quantity_t: 40, sme: true }], { actor: 'test' });
    await withdrawRegistration(db, 1, { actor: 'test' });
    const spec = JSON.parse(readFileSync(fixture('levers', 'scenario-gallium-ban.json'), 'utf8'));
    await saveScenario(db, 'gallium-ban', spec, { actor: 'test' });
    const bytes = readFileSync(fixture('levers', 'purchases-good.csv'));
    const purchases = await readPurchases(bytes, 'purchases-good.csv', await countryResolver(db));
    await storeUpload(db, purchases, { label: 'purchases-good.csv', bytes }, 'test');
  });
});

test('radar backup FILE, changes, radar restore FILE: the whole store comes back, row for row', async () => {
  const original = await withStore(storeFingerprint);
  assert.ok(original.jp_audit.rows >= 3 && original.company_purchases.rows > 0 && original.wgi.rows > 0);
  const file = join(tmp.dir, 'store-backup.duckdb');
  const backup = await cli('backup', file);
  assert.equal(backup.code, 0, backup.err);
  assert.match(
    backup.out,
    /backed up the whole store \(1 imported datasets\).*\nuser data rows: jp_registrations 2, jp_audit 3/,
  );

  await withStore(async (db) => {
    await registerDemand(db, [{ ...cobalt, buyer: 'Later' }], { actor: 'test' });
    const wgi = await db.one<{ id: string }>("SELECT id FROM datasets WHERE source = 'wgi'");
    await dropDataset(db, wgi?.id as string);
    await db.run('DELETE FROM saved_scenarios');
  });
  assert.notDeepEqual(await withStore(storeFingerprint), original);

  const restore = await cli('restore', file);
  assert.equal(restore.code, 0, restore.err);
  assert.match(
    restore.out,
    /restored the whole store.*\n.*\nsha256 [0-9a-f]{64}\nthe previous store is kept as .*before-restore/,
  );
  assert.deepEqual(await withStore(storeFingerprint), original);
  const next = await withStore((db) => registerDemand(db, [{ ...cobalt, buyer: 'After restore' }], { actor: 'test' }));
  assert.equal(next.rows[0].id, 3, 'the id sequence continues where the backup left it');
});

test('radar backup --user-data, then restore: user tables come back, imported data stays as it is now', async () => {
  const file = join(tmp.dir, 'user-data.duckdb');
  const original = await withStore(storeFingerprint);
  const backup = await cli('backup', file, '--user-data', '--json');
  assert.equal(backup.code, 0, backup.err);
  const report = JSON.parse(backup.out);
  assert.equal(report.kind, 'user-data');
  assert.equal(report.rows.jp_registrations, 3);
  assert.ok(statSync(file).size < statSync(path).size, 'smaller than the store');

  await withStore(async (db) => {
    await registerDemand(
      db,
      [
        { ...cobalt, buyer: 'Lost' },
        { ...cobalt, buyer: 'Lost too' },
      ],
      { actor: 'test' },
    );
    await db.run('DELETE FROM company_purchases');
    await runImport(db, await importerFor('hs'), [fixture('hs', 'product_codes_HS17_V202501.csv')]);
  });
  const changed = await withStore(storeFingerprint);

  const restore = await cli('restore', file);
  assert.equal(restore.code, 0, restore.err);
  assert.match(restore.out, /restored the user data/);
  const now = await withStore(storeFingerprint);
  assert.deepEqual(userPart(now), userPart(original), 'user data as in the backup');
  assert.deepEqual(now.hs_codes, changed.hs_codes, 'the import made after the backup is kept');
  const next = await withStore((db) => registerDemand(db, [{ ...cobalt, buyer: 'Next' }], { actor: 'test' }));
  assert.equal(next.rows[0].id, 4, 'ids continue after the restored ones, not after the discarded ones');
});

test('restore refuses files that are not Radar backups, and changes nothing', async () => {
  const before = await withStore(storeFingerprint);
  const text = join(tmp.dir, 'notes.txt');
  writeFileSync(text, 'hello\n');
  const cut = join(tmp.dir, 'cut.duckdb');
  copyFileSync(join(tmp.dir, 'store-backup.duckdb'), cut);
  truncateSync(cut, 20_000);
  const other = join(tmp.dir, 'other.duckdb');
  const { Db } = await import('../../src/store/db.js');
  const foreign = await Db.open(other);
  await foreign.run('CREATE TABLE x (a INTEGER)');
  foreign.close();
  for (const [file, message] of [
    [text, /notes\.txt is not a Radar backup: DuckDB cannot open it/],
    [cut, /cut\.duckdb (is not a Radar backup|cannot be read as a Radar backup)/],
    [other, /other\.duckdb is a DuckDB file but not a Radar backup/],
    [join(tmp.dir, 'missing.duckdb'), /backup not found/],
  ] as const) {
    const r = await cli('restore', file);
    assert.equal(r.code, 1, `${file}: ${r.out}`);
    assert.match(r.err, message);
  }
  assert.equal((await cli('backup', path)).code, 1, 'the store itself is not a backup target');
  assert.deepEqual(await withStore(storeFingerprint), before);
});

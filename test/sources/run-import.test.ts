import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UserError } from '../../src/domain/errors.js';
import type { Importer } from '../../src/sources/importer.js';
import { dropDataset, runImport } from '../../src/sources/run-import.js';
import type { Db } from '../../src/store/db.js';
import { readDatasets } from '../../src/store/registry.js';
import { tempStore } from '../support/store.js';

/** A minimal real importer: one integer per line; a line that is not an integer is an error naming file:line. */
const numbers: Importer = {
  id: 'numbers',
  title: 'Numbers (test)',
  licence: 'test',
  url: 'http://localhost/',
  accepts: '.txt',
  tables: ['test_numbers'],
  async load({ db, datasetId, files, progress }) {
    let rows = 0;
    for (const file of files) {
      const lines = readFileSync(file.path, 'utf8').split('\n').filter(Boolean);
      for (const [i, line] of lines.entries()) {
        if (!/^-?\d+$/.test(line)) throw new UserError(`${file.name}:${i + 1}: not an integer: "${line}"`);
        await db.run('INSERT INTO test_numbers VALUES ($1, $2)', [datasetId, Number(line)]);
        progress(++rows);
      }
    }
    return { rows, vintage: 'v1' };
  },
};

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
  await db.run('CREATE TABLE test_numbers (dataset_id VARCHAR, v INTEGER)');
});
after(() => store.cleanup());

function file(name: string, text: string): string {
  const path = join(store.dir, name);
  writeFileSync(path, text);
  return path;
}

test('import writes rows and a registry entry with sha256, rows and vintage', async () => {
  const report = await runImport(db, numbers, [file('a.txt', '1\n2\n3\n')]);
  assert.equal(report.status, 'imported');
  assert.equal(report.rows, 3);
  const d = (await readDatasets(db)).find((x) => x.id === report.dataset);
  assert.equal(d?.rows, 3);
  assert.equal(d?.vintage, 'v1');
  assert.equal(d?.file, 'a.txt');
  assert.equal(d?.sha256, report.sha256);
});

test('importing the same file again changes nothing', async () => {
  const report = await runImport(db, numbers, [file('a.txt', '1\n2\n3\n')]);
  assert.equal(report.status, 'unchanged');
  assert.deepEqual(await db.one('SELECT count(*) AS n FROM test_numbers'), { n: 3 });
});

test('a bad line fails with file:line and leaves the store as it was', async () => {
  const before = await readDatasets(db);
  await assert.rejects(runImport(db, numbers, [file('b.txt', '4\n5\nsix\n7\n')]), /b\.txt:3: not an integer: "six"/);
  assert.deepEqual(await db.one('SELECT count(*) AS n FROM test_numbers'), { n: 3 });
  assert.deepEqual(await readDatasets(db), before);
});

test('a dry run reports the plan and writes nothing', async () => {
  const report = await runImport(db, numbers, [file('c.txt', '8\n9\n')], { dryRun: true });
  assert.equal(report.status, 'dry-run');
  assert.equal(report.rows, 2);
  assert.deepEqual(await db.one('SELECT count(*) AS n FROM test_numbers'), { n: 3 });
  assert.equal(
    (await readDatasets(db)).some((d) => d.id === report.dataset),
    false,
  );
});

test('drop removes the dataset rows and its registry entry; reference data cannot be dropped', async () => {
  const report = await runImport(db, numbers, [file('d.txt', '10\n')], { vintage: '2024' });
  assert.equal(report.dataset, 'numbers:2024');
  await dropDataset(db, 'numbers:2024');
  assert.deepEqual(await db.one("SELECT count(*) AS n FROM test_numbers WHERE dataset_id = 'numbers:2024'"), { n: 0 });
  await assert.rejects(dropDataset(db, 'numbers:2024'), /unknown dataset/);
  await assert.rejects(dropDataset(db, 'ref:materials'), /cannot be dropped/);
});

test('a missing file is a clear error', async () => {
  await assert.rejects(runImport(db, numbers, [join(store.dir, 'nope.txt')]), /file not found/);
});

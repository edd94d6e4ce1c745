import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importer } from '../../src/sources/oecd-iot/importer.js';
import { runImport } from '../../src/sources/run-import.js';
import type { Db } from '../../src/store/db.js';
import { readDatasets } from '../../src/store/registry.js';
import { realFile, repoRoot } from '../support/real-data.js';
import { tempStore } from '../support/store.js';

const bel = realFile('io-tables/OECD_IOT_BEL2020ttl.csv');
const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'io', name);

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const cell = async (table: string, row: string, col: string) =>
  (
    await db.one<{ value: number }>(
      'SELECT value FROM io_cells WHERE table_id = $1 AND row_label = $2 AND col_label = $3',
      [table, row, col],
    )
  )?.value;

test('the Belgian OECD 2020 table imports with its labels, non-zero cells and exact values', {
  skip: !bel && 'real data absent',
}, async () => {
  const report = await runImport(db, importer, [bel!]);
  assert.equal(report.status, 'imported');
  assert.equal(report.vintage, 'BEL2020');
  // 55 rows × 59 value columns, zeros not stored: the count of non-zero numbers in the file.
  const text = readFileSync(bel!, 'utf8').trim().split('\n').slice(1);
  const nonZero = text.reduce(
    (s, line) =>
      s +
      line
        .split(',')
        .slice(1)
        .filter((v) => Number(v) !== 0).length,
    0,
  );
  assert.equal(report.rows, nonZero);
  assert.equal(await cell('BEL2020', 'TTL_01', 'D01'), 914.2);
  assert.equal(await cell('BEL2020', 'TTL_01', 'IMPO'), -5058.2);
  assert.equal(await cell('BEL2020', 'VALU', 'D01'), 3582.2);
  assert.equal(await cell('BEL2020', 'OUTPUT', 'D01'), 12069.3);
  assert.equal(await cell('BEL2020', 'TTL_INT_FNL', 'D01'), 8487.1);
  const t = await db.one<Record<string, unknown>>("SELECT * FROM io_tables WHERE table_id = 'BEL2020'");
  assert.equal(t?.country, 'BEL');
  assert.equal(t?.year, 2020);
  assert.equal(t?.n_industries, 50);
  assert.equal(t?.import_split, false);
  const l = await db.one<Record<string, unknown>>(
    "SELECT kind, origin, sector FROM io_labels WHERE table_id = 'BEL2020' AND label = 'TTL_24B'",
  );
  assert.deepEqual(l, { kind: 'industry', origin: 'total', sector: '24B' });
  assert.match(
    report.warnings.join(),
    /differs from output by more than 0.1 % in 8 industries \(largest 0.58 % in D69T75\)/,
  );
});

test('ttl, dom and imp files of one country and year make one table with the import split', async () => {
  const report = await runImport(db, importer, ['XYZ2020ttl.csv', 'XYZ2020dom.csv', 'XYZ2020imp.csv'].map(fixture));
  assert.equal(report.vintage, 'XYZ2020');
  const t = await db.one<{ import_split: boolean; n_industries: number }>(
    "SELECT import_split, n_industries FROM io_tables WHERE table_id = 'XYZ2020'",
  );
  assert.deepEqual(t, { import_split: true, n_industries: 3 });
  assert.equal(await cell('XYZ2020', 'DOM_20', 'D24B'), 6);
  assert.equal(await cell('XYZ2020', 'IMP_24B', 'D24B'), 15);
  assert.equal(await cell('XYZ2020', 'TTL_24B', 'D24B'), 35);
});

async function rejects(name: string, text: string, message: RegExp) {
  const path = join(store.dir, name);
  writeFileSync(path, text);
  const before = await db.one('SELECT count(*) AS n FROM io_cells');
  const datasets = await readDatasets(db);
  await assert.rejects(runImport(db, importer, [path]), message);
  assert.deepEqual(await db.one('SELECT count(*) AS n FROM io_cells'), before);
  assert.deepEqual(await readDatasets(db), datasets);
}

const good = readFileSync(fixture('XYZ2020ttl.csv'), 'utf8').split('\n');

test('a bad number names file:line and column, and changes nothing', async () => {
  const lines = [...good];
  lines[2] = lines[2].replace(',42,', ',4x2,');
  await rejects('ABC2020ttl.csv', lines.join('\n'), /ABC2020ttl\.csv:3: column "D20": "4x2" is not a number/);
});

test('a wrong header and an unknown row label are errors at file:line', async () => {
  await rejects(
    'ABC2021ttl.csv',
    good.join('\n').replace('"GFCF"', '"GFKF"'),
    /ABC2021ttl\.csv:1: unknown column "GFKF"/,
  );
  await rejects(
    'ABC2022ttl.csv',
    good.join('\n').replace('"VALU"', '"VALUE"'),
    /ABC2022ttl\.csv:8: unknown row label "VALUE"/,
  );
});

test('a truncated file (short line, or no product rows) is refused', async () => {
  await rejects(
    'ABC2023ttl.csv',
    good.slice(0, 3).join('\n').replace(/,-35$/, ''),
    /ABC2023ttl\.csv:3: 7 fields, expected 8/,
  );
  await rejects('ABC2024ttl.csv', [good[0], ...good.slice(4)].join('\n'), /no product rows/);
});

test('duplicate row labels and a missing industry row are refused', async () => {
  await rejects(
    'ABC2025ttl.csv',
    [...good.slice(0, 3), good[2], ...good.slice(3)].join('\n'),
    /row label "TTL_20" appears twice/,
  );
  await rejects(
    'ABC2026ttl.csv',
    [good[0], good[1], ...good.slice(3)].join('\n'),
    /industry 20 appears as a column but not as a row/,
  );
});

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importer as figaro } from '../../src/sources/figaro/importer.js';
import { importer as icio } from '../../src/sources/oecd-icio/importer.js';
import { runImport } from '../../src/sources/run-import.js';
import type { Db } from '../../src/store/db.js';
import { readDatasets } from '../../src/store/registry.js';
import { realFile, repoRoot } from '../support/real-data.js';
import { tempStore } from '../support/store.js';

const mock = realFile('io-tables/pymrio_format_mocks/ICIO2018_2010_mock.CSV');
const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'io', name);

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const kinds = async (table: string) =>
  Object.fromEntries(
    (
      await db.all<{ k: string; n: number }>(
        "SELECT axis || ':' || kind AS k, count(*) AS n FROM io_labels WHERE table_id = $1 GROUP BY 1 ORDER BY 1",
        [table],
      )
    ).map((r) => [r.k, r.n]),
  );

test('ICIO 2018 layout (TAXSUB, VALU, OUTPUT; MX1 split region) from the pymrio format mock', {
  skip: !mock && 'real data absent',
}, async () => {
  const report = await runImport(db, icio, [mock!]);
  assert.equal(report.vintage, 'ICIO2018_2010');
  assert.deepEqual(await kinds('ICIO2018_2010'), {
    'col:final_demand': 25,
    'col:industry': 48,
    'col:output': 1,
    'row:industry': 48,
    'row:output': 1,
    'row:tax': 5,
    'row:value_added': 1,
  });
  const t = await db.one<Record<string, unknown>>(
    "SELECT edition, year, n_regions, unit FROM io_tables WHERE table_id = 'ICIO2018_2010'",
  );
  assert.deepEqual(t, { edition: '2018', year: 2010, n_regions: 6, unit: 'USD million' });
  const v = await db.one<{ value: number }>(
    "SELECT value FROM io_cells WHERE table_id = 'ICIO2018_2010' AND row_label = 'AUS_01T03' AND col_label = 'AUS_01T03'",
  );
  assert.equal(v?.value, 23697.221);
});

test('ICIO 2023 layout (TLS, VA, OUT, DPABR)', async () => {
  await runImport(db, icio, [fixture('ICIO2023_2020.csv')]);
  assert.deepEqual(await kinds('ICIO2023_2020'), {
    'col:final_demand': 6,
    'col:industry': 4,
    'col:output': 1,
    'row:industry': 4,
    'row:output': 1,
    'row:tax': 1,
    'row:value_added': 1,
  });
  const l = await db.one(
    "SELECT kind, region, sector FROM io_labels WHERE table_id = 'ICIO2023_2020' AND label = 'BBB_DPABR'",
  );
  assert.deepEqual(l, { kind: 'final_demand', region: 'BBB', sector: 'DPABR' });
});

test('FIGARO flat and matrix files of the same table give the same cells and labels', async () => {
  await runImport(db, figaro, [fixture('flatfile_eu-ic-io_ind-by-ind_25ed_2021.csv')], { vintage: 'flat' });
  await runImport(db, figaro, [fixture('matrix_eu-ic-io_ind-by-ind_25ed_2021.csv')], { vintage: 'matrix' });
  const cells = (ds: string) =>
    db.all('SELECT row_label, col_label, value FROM io_cells WHERE dataset_id = $1 ORDER BY ALL', [ds]);
  const flat = await cells('figaro:flat');
  assert.equal(flat.length, 40); // 44 lines, 4 of them zero (zeros are not stored)
  assert.deepEqual(flat, await cells('figaro:matrix'));
  const labels = (ds: string) =>
    db.all('SELECT axis, label, kind, region, sector FROM io_labels WHERE dataset_id = $1 ORDER BY axis, label', [ds]);
  assert.deepEqual(await labels('figaro:flat'), await labels('figaro:matrix'));
  const t = await db.one("SELECT year, edition, unit, n_industries FROM io_tables WHERE dataset_id = 'figaro:flat'");
  assert.deepEqual(t, { year: 2021, edition: '25ed', unit: 'EUR million', n_industries: 4 });
  assert.deepEqual(
    await db.one("SELECT kind, region FROM io_labels WHERE dataset_id = 'figaro:flat' AND label = 'W2_B2A3G'"),
    { kind: 'value_added', region: 'W2' },
  );
});

async function rejects(importer: typeof figaro, name: string, text: string, message: RegExp) {
  const path = join(store.dir, name);
  writeFileSync(path, text);
  const before = await db.one('SELECT count(*) AS n FROM io_cells');
  const datasets = await readDatasets(db);
  await assert.rejects(runImport(db, importer, [path]), message);
  assert.deepEqual(await db.one('SELECT count(*) AS n FROM io_cells'), before);
  assert.deepEqual(await readDatasets(db), datasets);
}

test('FIGARO flat: a bad value, an empty code and a duplicate cell name file:line; nothing changes', async () => {
  const lines = readFileSync(fixture('flatfile_eu-ic-io_ind-by-ind_25ed_2021.csv'), 'utf8').trim().split('\n');
  const bad = [...lines];
  bad[5] = bad[5].replace(/,[^,]+$/, ',n/a');
  await rejects(
    figaro,
    'flatfile_bad_2021.csv',
    bad.join('\n'),
    /flatfile_bad_2021\.csv:6: column "obsValue": "n\/a" is not a number/,
  );
  const empty = [...lines];
  empty[3] = empty[3].replace(/^AT,/, ',');
  await rejects(
    figaro,
    'flatfile_empty_2021.csv',
    empty.join('\n'),
    /flatfile_empty_2021\.csv:4: column "refArea" is empty/,
  );
  await rejects(
    figaro,
    'flatfile_dup_2021.csv',
    [...lines, lines[2]].join('\n'),
    /flatfile_dup_2021\.csv:46: duplicate cell AT_A01 × AT_C24/,
  );
});

test('FIGARO supply/use tables are refused with a hint; ICIO unknown labels name file:line', async () => {
  await rejects(
    figaro,
    'flatfile_eu-ic-use_2021.csv',
    'icuseRow,icuseCol,refArea,rowPi,counterpartArea,colPi,obsValue\nAT_CPA_A01,AT_A01,AT,CPA_A01,AT,A01,1\n',
    /FIGARO use table \(product by industry\)/,
  );
  const text = readFileSync(fixture('ICIO2023_2020.csv'), 'utf8').replace('\nTLS,', '\nTAXES,');
  await rejects(icio, 'ICIO2023_2021.csv', text, /ICIO2023_2021\.csv:6: unknown row label "TAXES"/);
  const short = readFileSync(fixture('ICIO2023_2020.csv'), 'utf8').replace(
    /\nAAA_D20,([^\n]*),[^,\n]+\n/,
    '\nAAA_D20,$1\n',
  );
  await rejects(icio, 'ICIO2023_2022.csv', short, /ICIO2023_2022\.csv:3: 11 fields, expected 12/);
});

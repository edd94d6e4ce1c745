import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importer } from '../../../src/sources/iea-cm/importer.js';
import { runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { readDatasets } from '../../../src/store/registry.js';
import { type Cell, minimalSheets, type Sheets, writeWorkbook } from '../../fixtures/iea-cm/workbook.js';
import { tempStore } from '../../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

async function workbook(name: string, edit?: (sheets: Sheets) => void): Promise<string> {
  const sheets = minimalSheets();
  edit?.(sheets);
  const path = join(store.dir, name);
  await writeWorkbook(path, sheets);
  return path;
}

const count = async (table: string) => (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;

/** Every bad workbook must leave the store as it was: same rows, same registry. */
async function assertRejectedUnchanged(path: string, message: RegExp): Promise<void> {
  const before = {
    demand: await count('iea_cm_demand'),
    supply: await count('iea_cm_supply'),
    datasets: await readDatasets(db),
  };
  await assert.rejects(runImport(db, importer, [path]), message);
  assert.equal(await count('iea_cm_demand'), before.demand);
  assert.equal(await count('iea_cm_supply'), before.supply);
  assert.deepEqual(await readDatasets(db), before.datasets);
}

test('a workbook in the IEA layout imports one row per published value, base year as "historical"', async () => {
  const path = await workbook('ok.xlsx');
  const report = await runImport(db, importer, [path]);
  assert.equal(report.status, 'imported');
  assert.equal(report.vintage, '2024');
  // Sheet 1: 5 rows × 7 values; 3.1: 3 × 7; 3.2: 4 × 7; 4.3: 3 × 7 → 105 demand values; supply 2 blocks × 4 rows × 2.
  assert.equal(await count('iea_cm_demand'), 105);
  assert.equal(await count('iea_cm_supply'), 16);
  assert.equal(report.rows, 121);
  const nze2040 = await db.one(
    `SELECT value, cell, row_kind FROM iea_cm_demand WHERE dataset_id = $1 AND table_kind = 'total-demand'
       AND mineral = 'lithium' AND technology = 'total' AND scenario = 'NZE' AND year = 2040`,
    [report.dataset],
  );
  assert.deepEqual(nze2040, { value: 1420, cell: 'K12', row_kind: 'total' });
  const base = await db.all(
    `SELECT DISTINCT scenario, year FROM iea_cm_demand WHERE dataset_id = $1 AND scenario = 'historical'`,
    [report.dataset],
  );
  assert.deepEqual(base, [{ scenario: 'historical', year: 2023 }]);
  const china = await db.one(
    `SELECT country_iso3, stage, stage_label, value FROM iea_cm_supply WHERE dataset_id = $1 AND country_label = 'China'`,
    [report.dataset],
  );
  assert.deepEqual(china, { country_iso3: 'CHN', stage: 'refining', stage_label: 'Chemicals', value: 110 });
  const again = await runImport(db, importer, [path]);
  assert.equal(again.status, 'unchanged');
  await db.run('DELETE FROM iea_cm_demand; DELETE FROM iea_cm_supply; DELETE FROM datasets WHERE source = $1', [
    'iea-cm',
  ]);
});

test('a file that is not an xlsx workbook is refused by name', async () => {
  const path = join(store.dir, 'fake.xlsx');
  writeFileSync(path, 'Demand for key energy transition minerals (kt),,,\n');
  await assertRejectedUnchanged(path, /fake\.xlsx: not a readable \.xlsx workbook/);
});

test('a missing sheet names what was expected and what was found', async () => {
  const path = await workbook('no-3-2.xlsx', (s) => {
    s['Cleantech demand by mineral'] = s['3.2 Cleantech demand by mineral'];
    delete s['3.2 Cleantech demand by mineral'];
  });
  await assertRejectedUnchanged(path, /no sheet of kind clean-tech-by-mineral .*found: Cover, 1 Total demand/);
});

test('an unknown scenario header is refused at its cell', async () => {
  const path = await workbook('scenario.xlsx', (s) => {
    s['1 Total demand for key minerals'][3][3] = 'Current Policies scenario';
  });
  await assertRejectedUnchanged(
    path,
    /\[1 Total demand for key minerals\]!D4: unknown scenario "Current Policies scenario"/,
  );
});

test('a value that is not a number is refused at its cell', async () => {
  const path = await workbook('text.xlsx', (s) => {
    s['3.1 Cleantech demand by tech'][7][4] = 'n/a';
  });
  await assertRejectedUnchanged(path, /\[3\.1 Cleantech demand by tech\]!E8: expected a number, found "n\/a"/);
});

test('a number in a spacer column (a shifted layout) is refused', async () => {
  const path = await workbook('shifted.xlsx', (s) => {
    const r = s['1 Total demand for key minerals'][7] as Cell[];
    r[2] = 12; // column C sits between the base year and the first scenario
  });
  await assertRejectedUnchanged(path, /!C8: a number \(12\) in a column without a year header/);
});

test('an unknown technology row is refused with the expected labels', async () => {
  const path = await workbook('tech.xlsx', (s) => {
    s['1 Total demand for key minerals'][7][0] = 'Flying cars';
  });
  await assertRejectedUnchanged(path, /!A8: unknown technology row "Flying cars" \(expected one of Solar PV, Wind/);
});

test('totals that do not add up (a misread or edited sheet) are refused at the total cell', async () => {
  const path = await workbook('sum.xlsx', (s) => {
    s['1 Total demand for key minerals'][11][10] = 1500; // Total demand NZE 2040: 1420 in the parts
  });
  await assertRejectedUnchanged(
    path,
    /\[1 Total demand for key minerals\]!K12: Total demand is 1500 but its parts sum to 1420/,
  );
});

test('more than one file, or a missing file, is refused and changes nothing', async () => {
  const a = await workbook('a.xlsx');
  const b = await workbook('b.xlsx', (s) => {
    s.Cover[1] = ['another copy'];
  });
  await assertRejectedUnchanged(join(store.dir, 'missing.xlsx'), /file not found/);
  const before = await count('iea_cm_demand');
  await assert.rejects(runImport(db, importer, [a, b]), /iea-cm imports one workbook at a time \(got 2 files\)/);
  assert.equal(await count('iea_cm_demand'), before);
});

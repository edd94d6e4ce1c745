import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Db } from '../../../src/store/db.js';
import { realFile } from '../../support/real-data.js';
import { tempStore } from '../../support/store.js';
import { assertRejected, fixture, importFiles } from '../eu-crm-study/helpers.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const long = realFile('world-mining-data/world_mining_data_2018_2022_long.csv');
const map = realFile('world-mining-data/wmd_table_HS_Code_Map.csv');

test('real World Mining Data: 9,840 production rows and the HS map', {
  skip: !(long && map) && 'real data absent',
}, async () => {
  const report = await importFiles(db, 'wmd', [long as string, map as string]);
  assert.equal(report.vintage, '2018-2022');
  const one = (sql: string) => db.one<Record<string, unknown>>(sql);
  const count = async (sql: string) => Number((await one(sql))?.n);
  assert.equal((await one("SELECT count(*) AS n FROM production WHERE source = 'wmd'"))?.n, 9840);
  assert.equal((await one('SELECT count(DISTINCT commodity) AS n FROM production'))?.n, 65);
  // 65 commodities; one row per main HS6 code and per complementary code; "Not Available" keeps one row without.
  assert.equal((await one('SELECT count(DISTINCT commodity) AS n FROM wmd_hs_map'))?.n, 65);
  assert.equal(report.rows, 9840 + (await count('SELECT count(*) AS n FROM wmd_hs_map')));
  // line 2: Iron (Fe),Algeria,12,DZA,2018,1178800.0,metr. t,e
  assert.deepEqual(
    await one(
      "SELECT material_id, stage, country_iso3, quantity, unit, flag FROM production WHERE commodity = 'Iron (Fe)' AND country_name = 'Algeria' AND year = 2018",
    ),
    {
      material_id: 'iron-ore',
      stage: 'extraction',
      country_iso3: 'DZA',
      quantity: 1178800,
      unit: 'metr. t',
      flag: 'E',
    },
  );
  // French Guiana is coded GUY (Guyana's code) in the file: the name wins, and the import says so.
  assert.equal(
    (await one("SELECT country_iso3 FROM production WHERE country_name = 'French Guiana' AND year = 2022"))
      ?.country_iso3,
    'GUF',
  );
  assert.ok(report.warnings.some((w) => /line 3632 "French Guiana" is GUF, the file says GUY/.test(w)));
  // "Total" rows are aggregates, not countries; Kosovo (R20) and Taiwan (S19) resolve by name.
  assert.equal(
    (await one("SELECT count(*) AS n FROM production WHERE is_aggregate AND country_name = 'Total'"))?.n,
    325,
  );
  assert.equal(
    (await one('SELECT count(*) AS n FROM production WHERE country_iso3 IS NULL AND NOT is_aggregate'))?.n,
    0,
  );
  assert.ok((await count("SELECT count(*) AS n FROM production WHERE country_iso3 IN ('XKX', 'TWN')")) > 0);
  // empty values: kept, NULL quantity, flag NA
  assert.equal((await one("SELECT count(*) AS n FROM production WHERE quantity IS NULL AND flag = 'NA'"))?.n, 34);
  // fuels and diamonds map to no material and are counted in a warning
  assert.ok(
    report.warnings.some((w) => /2438 row\(s\) with 13 unresolved commodities outside the EU assessment/.test(w)),
  );
  // HS map: Aluminium → 760110, processing, EoL-RIR 0.32; Cobalt main 282200 + complementary 810510
  assert.deepEqual(
    await one("SELECT material_id, stage, hs6, hs_role, eol_rir FROM wmd_hs_map WHERE commodity = 'Aluminium'"),
    {
      material_id: 'aluminium-bauxite',
      stage: 'processing',
      hs6: '760110',
      hs_role: 'main',
      eol_rir: 0.32,
    },
  );
  assert.deepEqual(
    (await db.all("SELECT hs6, hs_role FROM wmd_hs_map WHERE commodity = 'Cobalt' ORDER BY hs_role DESC")).map((r) =>
      Object.values(r),
    ),
    [
      ['282200', 'main'],
      ['810510', 'complementary'],
    ],
  );
});

test('fixture: aggregates, empty values, a wrong ISO3 and fuels are kept and flagged', async () => {
  const report = await importFiles(db, 'wmd', [
    fixture('wmd', 'world_mining_data_small_long.csv'),
    fixture('wmd', 'wmd_table_HS_Code_Map-small.csv'),
  ]);
  const rows = await db.all<Record<string, unknown>>(
    `SELECT country_name, country_iso3, is_aggregate, quantity, flag, material_id FROM production WHERE dataset_id = $1 ORDER BY source_line`,
    [report.dataset],
  );
  assert.deepEqual(
    rows.map((r) => Object.values(r)),
    [
      ['Congo, D.R.', 'COD', false, 130000, 'R', 'cobalt'],
      ['Australia', 'AUS', false, 5000, 'E', 'cobalt'],
      ['French Guiana', 'GUF', false, 10, 'R', 'cobalt'],
      ['Total', null, true, 135010, null, 'cobalt'],
      ['Spain', 'ESP', false, null, 'NA', 'cobalt'],
      ['Norway', 'NOR', false, 90000000, 'R', null],
    ],
  );
  const map = await db.all(
    'SELECT commodity, hs6, hs_role, stage, eol_rir FROM wmd_hs_map WHERE dataset_id = $1 ORDER BY source_line, hs_role DESC',
    [report.dataset],
  );
  assert.deepEqual(
    map.map((r) => Object.values(r)),
    [
      ['Cobalt', '282200', 'main', 'processing', 0.22],
      ['Cobalt', '810510', 'complementary', 'processing', 0.22],
      ['Gallium', null, null, null, 0],
    ],
  );
});

test('bad number, duplicate key and a 5-digit HS code are rejected with file:line(:column)', async () => {
  await assertRejected(
    db,
    'wmd',
    [fixture('wmd', 'world_mining_data_bad_value_long.csv')],
    /_bad_value_long\.csv:3:6: value: "3\.8e" is not a number/,
  );
  await assertRejected(
    db,
    'wmd',
    [fixture('wmd', 'world_mining_data_duplicate_long.csv')],
    /_duplicate_long\.csv:3: duplicate key Cobalt \/ Australia \/ 2022: already on line 2/,
  );
  await assertRejected(
    db,
    'wmd',
    [fixture('wmd', 'wmd_table_HS_Code_Map-bad-hs.csv')],
    /Map-bad-hs\.csv:2:10: HS Code: "28220" is not a 6-digit HS code/,
  );
});

test('a file of another source is refused with the expected headers', async () => {
  await assertRejected(db, 'wmd', [fixture('wgi', 'WGIData-small.csv')], /not a World Mining Data table/);
});

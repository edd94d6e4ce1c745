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

const wgiCsv = realFile('wgi/WGIData.csv');

test('real WGIData.csv: estimates and standard errors of 6 dimensions, 214 economies', {
  skip: !wgiCsv && 'real data absent',
}, async () => {
  const report = await importFiles(db, 'wgi', [wgiCsv as string]);
  assert.equal(report.vintage, '2022');
  // 214 economies × 6 dimensions × 24 years, minus the year cells left empty in both series
  assert.equal(report.rows, 29705);
  const one = (sql: string) => db.one<Record<string, unknown>>(sql);
  assert.equal((await one('SELECT count(DISTINCT country_code) AS n FROM wgi'))?.n, 214);
  assert.equal((await one('SELECT count(DISTINCT year) AS n FROM wgi'))?.n, 24);
  // "Afghanistan","AFG","Control of Corruption: Estimate","CC.EST","-1.29170477390289",… ,"-1.18377649784088",
  assert.deepEqual(
    await one("SELECT iso3, estimate FROM wgi WHERE country_code = 'AFG' AND indicator = 'CC' AND year = 1996"),
    {
      iso3: 'AFG',
      estimate: -1.29170477390289,
    },
  );
  assert.equal(
    (await one("SELECT estimate FROM wgi WHERE country_code = 'AFG' AND indicator = 'CC' AND year = 2022"))?.estimate,
    -1.18377649784088,
  );
  // Netherlands Antilles has no single ISO3: kept with NULL and counted
  assert.equal((await one("SELECT count(*) AS n FROM wgi WHERE country_code = 'ANT' AND iso3 IS NULL"))?.n, 60);
  assert.ok(
    report.warnings.some((w) =>
      /60 row\(s\) with 1 unresolved economies that have no single ISO3.*ANT \(Netherlands Antilles\)/.test(w),
    ),
  );
  assert.equal((await one('SELECT count(*) AS n FROM wgi WHERE iso3 IS NULL'))?.n, 60);
  assert.equal((await one('SELECT count(*) AS n FROM wgi WHERE std_err IS NULL AND estimate IS NOT NULL'))?.n, 0);
});

test('fixture: BOM, quoted fields, trailing comma; rank series skipped; empty years left out', async () => {
  const report = await importFiles(db, 'wgi', [fixture('wgi', 'WGIData-small.csv')]);
  const rows = await db.all<{ country_code: string; year: number; estimate: number; std_err: number }>(
    `SELECT country_code, year, estimate, std_err FROM wgi WHERE dataset_id = $1 AND indicator = 'PV' ORDER BY 1, 2`,
    [report.dataset],
  );
  assert.deepEqual(
    rows.map((r) => [r.country_code, r.year, r.estimate, r.std_err]),
    [
      ['ANT', 2019, 0.7, 0.2],
      ['ANT', 2020, 0.8, 0.2],
      ['BEL', 2019, 1, 0.2],
      ['BEL', 2020, 1.1, 0.2],
      ['CHN', 2019, -0.5, 0.2],
      ['CHN', 2020, -0.4, 0.2],
    ],
  );
  assert.equal(report.rows, 3 * 6 * 2);
});

test('bad number: file:line:column names the year column', async () => {
  await assertRejected(
    db,
    'wgi',
    [fixture('wgi', 'WGIData-bad-number.csv')],
    /^WGIData-bad-number\.csv:2:6: 2020: "1,3" is not a number/,
  );
});

test('truncated row: error names the line', async () => {
  await assertRejected(
    db,
    'wgi',
    [fixture('wgi', 'WGIData-truncated.csv')],
    /^WGIData-truncated\.csv:3:5: .*truncated/,
  );
});

test('wrong header: error names the column and the expected header', async () => {
  await assertRejected(
    db,
    'wgi',
    [fixture('wgi', 'WGIData-wrong-header.csv')],
    /:1:1: header column 1 is "Country", expected "Country Name"/,
  );
});

test('duplicate series: error names both lines', async () => {
  await assertRejected(
    db,
    'wgi',
    [fixture('wgi', 'WGIData-duplicate.csv')],
    /:3:4: duplicate key BEL CC\.EST: already on line 2/,
  );
});

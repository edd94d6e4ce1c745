import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importer } from '../../../src/sources/comtrade/importer.js';
import { runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { realFile } from '../../support/real-data.js';
import { tempStore } from '../../support/store.js';
import { assertRejectedUnchanged, count, fixture, gzipTo } from '../trade-helpers.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const flows = (dataset: string) =>
  db.all<Record<string, unknown>>(
    `SELECT reporter, partner, partner_is_country, flow, product, classification, nomenclature, period, value,
            quantity_kg, valuation FROM trade_flows WHERE dataset_id = $1 ORDER BY period, flow, product, partner`,
    [dataset],
  );

test('a bulk file (tab-separated, gzip): totals kept, breakdowns and re-exports skipped, World not a country', async () => {
  const path = gzipTo(fixture('comtrade', 'C_A_56_2023_H6_O.txt'), join(store.dir, 'C_A_56_2023_H6_O.txt.gz'));
  const report = await runImport(db, importer, [path]);
  assert.equal(report.rows, 4);
  assert.match(report.warnings.join('\n'), /4 records not stored: breakdowns by customs procedure/);
  assert.match(report.warnings.join('\n'), /1 rows are HS chapter, heading or TOTAL aggregates/);
  assert.deepEqual(await flows(report.dataset), [
    {
      reporter: 'BEL',
      partner: '0',
      partner_is_country: false,
      flow: 'export',
      product: '283691',
      classification: 'HS6',
      nomenclature: 'HS22',
      period: '2023',
      value: 1800000,
      quantity_kg: 100000,
      valuation: 'FOB',
    },
    {
      reporter: 'BEL',
      partner: 'CHN',
      partner_is_country: true,
      flow: 'import',
      product: '28',
      classification: 'HS2',
      nomenclature: 'HS22',
      period: '2023',
      value: 7000000,
      quantity_kg: null,
      valuation: 'CIF',
    },
    {
      reporter: 'BEL',
      partner: 'CHL',
      partner_is_country: true,
      flow: 'import',
      product: '283691',
      classification: 'HS6',
      nomenclature: 'HS22',
      period: '2023',
      value: 90000000,
      quantity_kg: 4300000,
      valuation: 'CIF',
    },
    {
      reporter: 'BEL',
      partner: 'CHN',
      partner_is_country: true,
      flow: 'import',
      product: '810411',
      classification: 'HS6',
      nomenclature: 'HS22',
      period: '2023',
      value: 2500000,
      quantity_kg: 900000,
      valuation: 'CIF',
    },
  ]);
  assert.equal((await runImport(db, importer, [path])).status, 'unchanged');
});

test('an API response: refMonth 52 is the year, a month is YYYY-MM; customs breakdowns skipped', async () => {
  const report = await runImport(db, importer, [fixture('comtrade', 'api_v1_get_C_A_HS_2023.json')]);
  assert.equal(report.rows, 3);
  const rows = await flows(report.dataset);
  assert.deepEqual(
    rows.map((r) => [r.period, r.partner, r.product, r.value, r.quantity_kg]),
    [
      ['2023', 'CHL', '283691', 90000000, 4300000],
      ['2023', 'CHN', '810411', 2500000, 900000],
      ['2023-03', 'CHN', '810411', 210000, 80000],
    ],
  );
});

test('the pull layout: max value and max net weight per key, taken separately; year from the file name', async () => {
  const report = await runImport(db, importer, [fixture('comtrade', 'comtrade_2023.csv')]);
  assert.equal(report.rows, 2);
  assert.equal(report.vintage, '2023');
  assert.match(report.warnings.join('\n'), /3 rows merged into their key's row by taking the maximum value/);
  assert.match(report.warnings.join('\n'), /1 records not stored/);
  assert.deepEqual(
    (await flows(report.dataset)).map((r) => [r.partner, r.partner_is_country, r.value, r.quantity_kg]),
    [
      ['0', false, 2500000, 950000],
      ['CHN', true, 2300000, 880000],
    ],
  );
});

test('radar fetch comtrade is not offered (the API needs a subscription key)', () => {
  assert.equal(importer.remote, undefined);
});

/** A variant of the API fixture, with the line of the record's field the error must name. */
function apiVariant(name: string, edit: (text: string) => string): string {
  const path = join(store.dir, name);
  writeFileSync(path, edit(readFileSync(fixture('comtrade', 'api_v1_get_C_A_HS_2023.json'), 'utf8')));
  return path;
}
const lineOf = (path: string, needle: string) => readFileSync(path, 'utf8').split(needle)[0].split('\n').length;

test('API JSON errors name the line: truncated, bad value, unknown code, duplicate record, API error', async () => {
  const truncated = apiVariant('truncated.json', (t) => t.slice(0, 2000));
  await assertRejectedUnchanged(
    db,
    importer,
    [truncated],
    /truncated\.json:\d+:\d+: not valid JSON .*Is the file truncated\?/,
  );
  const bad = apiVariant('bad-value.json', (t) =>
    t.replace('"primaryValue": 90000000.0', '"primaryValue": "90,000,000"'),
  );
  await assertRejectedUnchanged(
    db,
    importer,
    [bad],
    new RegExp(
      `bad-value\\.json:${lineOf(bad, '"primaryValue": "90,000,000"')}:13: data\\[1\\]\\.primaryValue is "90,000,000"; expected a number ≥ 0 \\(USD\\)`,
    ),
  );
  const unknown = apiVariant('unknown.json', (t) => t.replace('"partnerCode": 152', '"partnerCode": 9152'));
  await assertRejectedUnchanged(
    db,
    importer,
    [unknown],
    /unknown\.json:\d+:13: data\[1\]\.partnerCode is 9152; expected a Comtrade code known to Radar/,
  );
  const duplicate = apiVariant('duplicate.json', (t) => {
    const body = JSON.parse(t);
    body.data.push(body.data[0]);
    return JSON.stringify(body, null, 4);
  });
  await assertRejectedUnchanged(
    db,
    importer,
    [duplicate],
    /duplicate\.json:\d+:13: data\[4\]\.cmdCode is "810411"; expected one record per .* \(data\[0\], line 5, has the same\)/,
  );
  const refused = apiVariant(
    'refused.json',
    () => '{"elapsedTime": "0 secs", "count": 0, "data": [], "error": "quota exceeded"}',
  );
  await assertRejectedUnchanged(
    db,
    importer,
    [refused],
    /refused\.json: the API answered with an error: quota exceeded/,
  );
});

test('delimited errors name file:line:column: duplicate record, bad number, unknown layout', async () => {
  await assertRejectedUnchanged(
    db,
    importer,
    [fixture('comtrade', 'duplicate.txt')],
    /duplicate\.txt:4:1: duplicate key: this row has the same reporterCode, partnerCode, flowCode, cmdCode, refYear, refMonth.* as line 2/,
  );
  const bad = join(store.dir, 'C_A_56_2023_bad.txt');
  writeFileSync(
    bad,
    readFileSync(fixture('comtrade', 'C_A_56_2023_H6_O.txt'), 'utf8').replace('\t90000000\tfalse', '\t9O000000\tfalse'),
  );
  await assertRejectedUnchanged(
    db,
    importer,
    [bad],
    /C_A_56_2023_bad\.txt:6:\d+: column "primaryValue" holds "9O000000"; expected a number/,
  );
  const other = join(store.dir, 'other.csv');
  writeFileSync(other, 'reporter,partner,commodity,flow,value\n56,0,810411,M,1\n');
  await assertRejectedUnchanged(
    db,
    importer,
    [other],
    /other\.csv:1:1: the header \(reporter,partner,commodity,flow,value…\) is not a Comtrade layout/,
  );
});

test('real: the API v1 sample (China 2010 TOTAL, H3)', async (t) => {
  const path = realFile('un-comtrade/api_v1_get_C_A_HS_sample.json');
  if (!path) return t.skip('real data absent');
  const report = await runImport(db, importer, [path]);
  assert.equal(report.rows, 4);
  assert.equal(report.vintage, '2010');
  assert.deepEqual(
    (await flows(report.dataset)).map((r) => [
      r.reporter,
      r.flow,
      r.partner,
      r.product,
      r.classification,
      r.nomenclature,
      r.value,
    ]),
    [
      ['CHN', 'export', 'ARG', 'TOTAL', 'TOTAL', 'HS07', 6115764185],
      ['CHN', 'export', 'DEU', 'TOTAL', 'TOTAL', 'HS07', 68047133397],
      ['CHN', 'import', 'ARG', 'TOTAL', 'TOTAL', 'HS07', 6804128143],
      ['CHN', 'import', 'DEU', 'TOTAL', 'TOTAL', 'HS07', 74251272075],
    ],
  );
});

const eu = `(SELECT iso3 FROM countries WHERE eu_from <= $date AND (eu_to IS NULL OR eu_to >= $date))`;
const magnesium = (dataset: string, year: number) =>
  db.one<{ tonnes: number; china: number }>(
    `SELECT sum(quantity_kg) / 1000 AS tonnes, sum(quantity_kg) FILTER (WHERE partner = 'CHN') / sum(quantity_kg) AS china
     FROM trade_flows WHERE dataset_id = $dataset AND product = '810411' AND flow = 'import' AND year = $year
       AND reporter IN ${eu} AND partner NOT IN ${eu} AND partner_is_country`,
    { dataset, year, date: `${year}-07-01` },
  );

test('real: the 2022 pull — one row per key (37,722), magnesium and Belgian lithium carbonate as in SOURCE.md', async (t) => {
  const path = realFile('comtrade-crm/comtrade_2022.csv.gz');
  if (!path) return t.skip('real data absent');
  const report = await runImport(db, importer, [path]);
  assert.equal(report.rows, 37722);
  assert.match(report.warnings.join(), /128894 rows merged/); // 166,616 rows − 37,722 keys
  // EU27 extra-EU imports of unwrought magnesium: 59,973 t, China 92.5 % by weight.
  const mg = (await magnesium(report.dataset, 2022))!;
  assert.equal(Math.round(mg.tonnes), 59972); // 59,972.37 t (SOURCE.md rounds to 59,973)
  assert.equal(Math.round(mg.china * 1000) / 10, 92.5);
  // Belgium's 2022 imports of lithium carbonate: 5,796 t, 121.2 MUSD, 74 % from Chile (by value). The partners
  // sum to 121.1498 MUSD, as does the World row; SOURCE.md's 121.2 is a rounding of its own.
  const be = await db.one<{ tonnes: number; musd: number; chile: number }>(
    `SELECT sum(quantity_kg) / 1000 AS tonnes, sum(value) / 1e6 AS musd,
            sum(value) FILTER (WHERE partner = 'CHL') / sum(value) AS chile
     FROM trade_flows WHERE dataset_id = $1 AND reporter = 'BEL' AND product = '283691' AND flow = 'import'
       AND partner_is_country`,
    [report.dataset],
  );
  assert.equal(Math.round(be!.tonnes), 5796);
  assert.equal(Math.round(be!.musd * 100) / 100, 121.15);
  assert.equal(Math.round(be!.chile * 100), 74);
});

test('real: the 2024 pull (year only in the file name): 35,330 keys, magnesium 46,058 t, 93.0 % China', async (t) => {
  const path = realFile('comtrade-crm/comtrade_2024.csv.gz');
  if (!path) return t.skip('real data absent');
  const report = await runImport(db, importer, [path]);
  assert.equal(report.rows, 35330);
  assert.equal(report.vintage, '2024');
  const mg = (await magnesium(report.dataset, 2024))!;
  assert.equal(Math.round(mg.tonnes), 46058);
  assert.equal(Math.round(mg.china * 1000) / 10, 93.0);
  assert.equal(
    (await count(db, 'trade_flows', "dataset_id = $1 AND partner = '0' AND NOT partner_is_country", [report.dataset])) >
      0,
    true,
  );
});

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UsageError } from '../../../src/domain/errors.js';
import { importer } from '../../../src/sources/comext/importer.js';
import { runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { readDatasets } from '../../../src/store/registry.js';
import { realFile } from '../../support/real-data.js';
import { tempStore } from '../../support/store.js';
import { assertRejectedUnchanged, count, csvLines, fixture, makeArchive } from '../trade-helpers.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const annual = fixture('comext', 'full_202352.dat');
const row = (dataset: string, where: string) =>
  db.one<Record<string, unknown>>(
    `SELECT year, period, reporter, partner, partner_code, partner_is_country, flow, classification, nomenclature,
            product, confidential, stat_procedure, value, currency, valuation, quantity_kg, trade_type
     FROM trade_flows WHERE dataset_id = $1 AND ${where}`,
    [dataset],
  );

test('an annual full_v2 file (PERIOD YYYY52) lands as period YYYY, CN version = year, community concept', async () => {
  const report = await runImport(db, importer, [annual]);
  assert.equal(report.rows, 10);
  assert.equal(report.vintage, '2023');
  assert.deepEqual(await row(report.dataset, "product = '81129289' AND stat_procedure = '1'"), {
    year: 2023,
    period: '2023',
    reporter: 'BEL',
    partner: 'CHN',
    partner_code: 'CN',
    partner_is_country: true,
    flow: 'import',
    classification: 'CN8',
    nomenclature: '2023',
    product: '81129289',
    confidential: false,
    stat_procedure: '1',
    value: 1200000,
    currency: 'EUR',
    valuation: 'CIF',
    quantity_kg: 3100,
    trade_type: 'E',
  });
  const d = (await readDatasets(db)).find((x) => x.id === report.dataset)!;
  assert.equal(d.trade_concept, 'community');
  assert.equal(JSON.parse(d.params!).confidential_rows, 1);
});

test('masked codes are kept apart, non-country partners keep their code, XI/XS/GR resolve', async () => {
  const [d] = (await readDatasets(db)).filter((x) => x.source === 'comext');
  const masked = await row(d.id, "product = '81XXXXXX'");
  assert.equal(masked?.confidential, true);
  assert.equal(masked?.value, 64000);
  const stores = await row(d.id, "partner_code = 'QS'");
  assert.deepEqual([stores?.partner, stores?.partner_is_country, stores?.stat_procedure], ['QS', false, '9']);
  const ni = await row(d.id, "partner_code = 'XI'");
  assert.deepEqual([ni?.partner, ni?.trade_type, ni?.quantity_kg], ['GBR', 'L', null]);
  assert.equal((await row(d.id, "partner_code = 'XS'"))?.partner, 'SRB');
  assert.deepEqual(Object.values((await row(d.id, "partner_code = 'GR'"))!).slice(2, 6), ['BEL', 'GRC', 'GR', true]);
  const exported = await row(d.id, "flow = 'export'");
  assert.deepEqual([exported?.partner, exported?.valuation, exported?.value], ['USA', 'FOB', 98000]);
});

test('the same file twice adds nothing; inside a .7z archive it imports the same rows', async () => {
  const before = await count(db, 'trade_flows');
  assert.equal((await runImport(db, importer, [annual])).status, 'unchanged');
  assert.equal(await count(db, 'trade_flows'), before);
  const archive = makeArchive(join(store.dir, 'full_v2_202352.7z'), [['full_202352.dat', annual]], store.dir);
  const report = await runImport(db, importer, [archive]);
  assert.equal(report.rows, 10);
  const diff = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM (
       (SELECT * EXCLUDE (dataset_id) FROM trade_flows WHERE dataset_id = $1
        EXCEPT ALL SELECT * EXCLUDE (dataset_id) FROM trade_flows WHERE dataset_id = $2)
       UNION ALL
       (SELECT * EXCLUDE (dataset_id) FROM trade_flows WHERE dataset_id = $2
        EXCEPT ALL SELECT * EXCLUDE (dataset_id) FROM trade_flows WHERE dataset_id = $1))`,
    [report.dataset, (await readDatasets(db)).find((x) => x.file === 'full_202352.dat')!.id],
  );
  assert.equal(Number(diff!.n), 0);
});

test('months are YYYY-MM; an annual total and months of one year together draw a warning', async () => {
  const monthly = await runImport(db, importer, [fixture('comext', 'full_202401.dat')]);
  assert.equal((await row(monthly.dataset, "product = '28369100'"))?.period, '2024-01');
  const jan2023 = join(store.dir, 'full_202301.dat');
  writeFileSync(jan2023, readFileSync(fixture('comext', 'full_202401.dat'), 'utf8').replaceAll(',202401,', ',202301,'));
  const both = await runImport(db, importer, [annual, jan2023]);
  assert.equal(both.rows, 12);
  assert.match(both.warnings.join(), /2023 holds both the annual total and months/);
});

test('radar fetch comext asks for years and names the annual files of Eurostat files API', () => {
  assert.deepEqual(importer.remote?.({ years: [2023] }), [
    {
      url: 'https://ec.europa.eu/eurostat/api/dissemination/files?file=comext%2FCOMEXT_DATA%2FPRODUCTS%2Ffull_v2_202352.7z',
      file: 'full_v2_202352.7z',
    },
  ]);
  assert.throws(() => importer.remote?.({}), UsageError);
});

for (const [name, message] of [
  [
    'bad-period.dat',
    /bad-period\.dat:2:\d+: column "PERIOD" holds "202313"; expected a period YYYYMM, YYYY52 \(annual\) or YYYY/,
  ],
  [
    'unknown-partner.dat',
    /unknown-partner\.dat:3:4: column "PARTNER" holds "XK1"; expected a Comext GEONOM code known to Radar/,
  ],
  [
    'duplicate.dat',
    /duplicate\.dat:4:1: duplicate key: this row has the same REPORTER, PARTNER, TRADE_TYPE, PRODUCT_NC.* as line 2/,
  ],
  ['truncated.dat', /truncated\.dat:3:\d+: the row ends after 14 fields; expected 18 .*Is the file truncated\?/],
  [
    'wrong-header.dat',
    /wrong-header\.dat:1:29: header column 4 is "PRODUCT_CN"; expected "PRODUCT_NC" \(full_v2 layout/,
  ],
  ['cp1252.csv', /cp1252\.csv:3:5: byte 0xF4 is not UTF-8; expected UTF-8 text/],
  ['short-code.csv', /short-code\.csv:3:7: column "PRODUCT_NC" holds "2836910"; expected a CN8 code of 8 characters/],
] as const) {
  test(`${name}: a clear error naming file:line:column, store unchanged`, async () => {
    await assertRejectedUnchanged(db, importer, [fixture('comext', name)], message);
  });
}

test('an error inside a .7z names the archive and its member; a truncated .7z is refused', async () => {
  const bad = join(store.dir, 'bad');
  copyFileSync(fixture('comext', 'bad-period.dat'), `${bad}.dat`);
  const archive = makeArchive(join(store.dir, 'full_v2_202313.7z'), [['bad.dat', `${bad}.dat`]], store.dir);
  await assertRejectedUnchanged(
    db,
    importer,
    [archive],
    /full_v2_202313\.7z:bad\.dat:2:\d+: column "PERIOD" holds "202313"/,
  );
  const cut = join(store.dir, 'cut.7z');
  writeFileSync(cut, readFileSync(archive).subarray(0, 40));
  await assertRejectedUnchanged(db, importer, [cut], /cut\.7z: the archive is damaged or truncated \(7-Zip: .*\)/);
});

test('real: the full_v2 excerpt (AT → AD, Feb 2024), every row as in the file', async (t) => {
  const path = realFile('comext/full_v2_202402_excerpt_AT_AD.csv');
  if (!path) return t.skip('real data absent');
  const report = await runImport(db, importer, [path]);
  const lines = csvLines(path);
  assert.equal(report.rows, lines.length);
  assert.equal(report.rows, 13);
  const rows = await db.all<{ product: string; value: number; quantity_kg: number; confidential: boolean }>(
    `SELECT product, value, quantity_kg, confidential FROM trade_flows WHERE dataset_id = $1 ORDER BY product`,
    [report.dataset],
  );
  const expected = lines
    .map((l) => ({ product: l[3], value: Number(l[14]), quantity_kg: Number(l[16]), confidential: l[3].includes('X') }))
    .sort((a, b) => a.product.localeCompare(b.product));
  assert.deepEqual(rows, expected);
  assert.equal(
    await count(
      db,
      'trade_flows',
      "dataset_id = $1 AND reporter = 'AUT' AND partner = 'AND' AND flow = 'export' AND period = '2024-02'",
      [report.dataset],
    ),
    13,
  );
  // and the same rows from a .7z made here with 7za, as Eurostat ships them
  const archive = makeArchive(join(store.dir, 'full_v2_202402.7z'), [['full_202402.dat', path]], store.dir);
  assert.equal((await runImport(db, importer, [archive])).rows, 13);
});

test('real: the legacy .dat example: numeric codes, thousand ECU/EUR and tonnes; chapter rows skipped', async (t) => {
  const source = realFile('comext/legacy_dat_format_example.txt');
  if (!source) return t.skip('real data absent');
  const report = await runImport(db, importer, [source]);
  assert.equal(report.rows, 1);
  assert.match(report.warnings.join(), /1 rows of TOTAL or chapter aggregates skipped/);
  // 001,0003,01011010,1,4,200201,20.66,2.3,6
  assert.deepEqual(
    { ...(await row(report.dataset, 'true')) },
    {
      year: 2002,
      period: '2002-01',
      reporter: 'FRA',
      partner: 'NLD',
      partner_code: '3',
      partner_is_country: true,
      flow: 'import',
      classification: 'CN8',
      nomenclature: '2002',
      product: '01011010',
      confidential: false,
      stat_procedure: '1',
      value: 20660,
      currency: 'EUR',
      valuation: 'CIF',
      quantity_kg: 2300,
      trade_type: null,
    },
  );
});

const eu = `(SELECT iso3 FROM countries WHERE eu_from <= $date AND (eu_to IS NULL OR eu_to >= $date))`;

test('real: the Eurostat extract of EU27 CRM imports 2022–2024 and the gallium/lithium totals of SOURCE.md', async (t) => {
  const path = realFile('comext-crm-eu27/eu_comext_critical_inputs_cn8_2022_2024.csv');
  if (!path) return t.skip('real data absent');
  const report = await runImport(db, importer, [path]);
  const lines = csvLines(path);
  assert.equal(report.rows, lines.length);
  assert.equal(report.rows, 26538);
  const byYear = await db.all<{ year: number; n: number }>(
    'SELECT year, count(*) AS n FROM trade_flows WHERE dataset_id = $1 GROUP BY year ORDER BY year',
    [report.dataset],
  );
  assert.deepEqual(
    byYear.map((r) => [r.year, Number(r.n)]),
    [
      [2022, 8618],
      [2023, 9052],
      [2024, 8868],
    ],
  );
  assert.equal(await count(db, 'trade_flows', "dataset_id = $1 AND reporter = 'BEL'", [report.dataset]), 1495);
  assert.equal(
    await count(db, 'trade_flows', "dataset_id = $1 AND reporter = 'GRC'", [report.dataset]),
    lines.filter((l) => l[0] === 'EL').length,
  );
  assert.equal(
    await count(db, 'trade_flows', "dataset_id = $1 AND partner_code = 'NA' AND partner = 'NAM'", [report.dataset]),
    lines.filter((l) => l[1] === 'NA').length,
  );
  assert.equal(await count(db, 'trade_flows', 'dataset_id = $1 AND value = 0', [report.dataset]), 23);
  assert.equal(await count(db, 'trade_flows', 'dataset_id = $1 AND quantity_kg IS NOT NULL', [report.dataset]), 0);
  const extra = (product: string, year: number) =>
    db.one<{ total: number; china: number }>(
      `SELECT sum(value) AS total, sum(value) FILTER (WHERE partner = 'CHN') / sum(value) AS china FROM trade_flows
       WHERE dataset_id = $dataset AND product = $product AND year = $year AND partner NOT IN ${eu}`,
      { dataset: report.dataset, product, year, date: `${year}-07-01` },
    );
  // SOURCE.md: matches reference/atlas_data.json within 1 EUR (gallium 11,255,579; Li carbonate 182,113,259)
  assert.equal(Math.round((await extra('81129289', 2024))!.total), 11255580);
  assert.equal(Math.round((await extra('28369100', 2024))!.total), 182113258);
  const china = await Promise.all(
    [2022, 2023, 2024].map(async (y) => Math.round((await extra('81129289', y))!.china * 1000) / 10),
  );
  assert.deepEqual(china, [97.4, 86.6, 67.9]);
});

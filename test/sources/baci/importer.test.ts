import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readCountryCodes } from '../../../src/sources/baci/country-codes.js';
import { importer, release } from '../../../src/sources/baci/importer.js';
import { runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { readDatasets } from '../../../src/store/registry.js';
import { realFile } from '../../support/real-data.js';
import { tempStore } from '../../support/store.js';
import { assertRejectedUnchanged, count, csvLines, fixture, gzipTo, makeArchive } from '../trade-helpers.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const good = fixture('baci', 'BACI_HS17_Y2021_V202501.csv');
const rowsOf = (dataset: string) =>
  db.all<Record<string, unknown>>(
    `SELECT reporter, partner, partner_code, partner_is_country, product, value, quantity_kg, period, flow, valuation,
            currency, classification, nomenclature
     FROM trade_flows WHERE dataset_id = $1 ORDER BY product`,
    [dataset],
  );

test('a BACI year file lands in the import view, in USD and kg, with HS6 zero-padded', async () => {
  const report = await runImport(db, importer, [good]);
  assert.equal(report.status, 'imported');
  assert.equal(report.rows, 6);
  assert.equal(report.vintage, 'V202501');
  const rows = await rowsOf(report.dataset);
  assert.deepEqual(rows[0], {
    reporter: 'DEU', // j = 276: the importer is the reporter
    partner: 'BEL', // i = 56
    partner_code: '56',
    partner_is_country: true,
    product: '010111', // k = 10111: BACI lost the leading zero
    value: 3200, // 3.2 thousand USD
    quantity_kg: 1000, // 1.000 t, right-aligned in the file
    period: '2021',
    flow: 'import',
    valuation: 'FOB',
    currency: 'USD',
    classification: 'HS6',
    nomenclature: 'HS17',
  });
  const byProduct = Object.fromEntries(rows.map((r) => [r.product, r]));
  assert.equal(byProduct['720293'].quantity_kg, null, 'q = NA');
  assert.equal(byProduct['810411'].value, 1234567);
  assert.equal(byProduct['810411'].quantity_kg, 512300);
  assert.equal(byProduct['283691'].partner, '697', 'Europe EFTA nes keeps its code');
  assert.equal(byProduct['283691'].partner_is_country, false);
  assert.equal(byProduct['854231'].partner, 'TWN', '490 Other Asia nes is Taiwan in the reference');
  assert.equal(byProduct['854231'].reporter, 'FRA', '251 France incl. Monaco');
});

test('the same file twice adds nothing', async () => {
  const before = await count(db, 'trade_flows');
  const report = await runImport(db, importer, [good]);
  assert.equal(report.status, 'unchanged');
  assert.equal(await count(db, 'trade_flows'), before);
});

test('progress reports rows, ending at the row count', async () => {
  const calls: [number, number | undefined][] = [];
  const report = await runImport(db, importer, [good], { force: true, progress: (d, t) => calls.push([d, t]) });
  assert.ok(calls.length > 0);
  assert.deepEqual(calls.at(-1), [report.rows, report.rows]);
  for (let i = 1; i < calls.length; i++) assert.ok(calls[i][0] >= calls[i - 1][0], 'monotone');
});

test('a release zip is read member by member; other members are skipped', async () => {
  const zip = makeArchive(
    join(store.dir, 'BACI_HS17_V202501.zip'),
    [
      ['BACI_HS17_Y2021_V202501.csv', good],
      ['country_codes_V202501.csv', fixture('baci', 'country_codes_V202501-small.csv')],
      ['product_codes_HS17_V202501.csv', fixture('hs', 'product_codes_HS17_V202501.csv')],
    ],
    store.dir,
  );
  const report = await runImport(db, importer, [zip]);
  assert.equal(report.rows, 6);
  assert.equal(report.vintage, 'V202501');
  assert.match(report.warnings.join('\n'), /product_codes_HS17_V202501\.csv is not a BACI trade or country-code file/);
  assert.deepEqual(
    (await rowsOf(report.dataset)).map((r) => r.product),
    ['010111', '283691', '720293', '810411', '850511', '854231'],
  );
});

test('radar fetch baci points at the CEPII release zip', () => {
  assert.deepEqual(importer.remote?.({}), [
    {
      url: `https://www.cepii.fr/DATA_DOWNLOAD/baci/data/BACI_${release.hs}_${release.version}.zip`,
      file: `BACI_${release.hs}_${release.version}.zip`,
    },
  ]);
});

for (const [name, message] of [
  ['bad-number.csv', /bad-number\.csv:3:20: column "v" holds "5O000\.1"; expected a number \(value in thousand USD\)/],
  [
    'truncated.csv',
    /truncated\.csv:4:16: the row ends after 4 fields; expected 6 \(t,i,j,k,v,q\)\. Is the file truncated\?/,
  ],
  ['wrong-header.csv', /wrong-header\.csv:1:9: header column 5 is "value"; expected "v" \(BACI layout: t,i,j,k,v,q\)/],
  ['cp1252.csv', /cp1252\.csv:3:15: byte 0xE9 is not UTF-8; expected UTF-8 text/],
  ['duplicate.csv', /duplicate\.csv:4:1: duplicate key: this row has the same t, i, j, k as line 2/],
  ['unknown-code.csv', /unknown-code\.csv:3:10: column "j" holds "5600"; expected a country code known to Radar/],
  [
    'negative-quantity.csv',
    /negative-quantity\.csv:3:28: column "q" holds " {4}-3\.000"; expected a non-negative number/,
  ],
  [
    'BACI_HS17_Y2022_V202501_mislabelled.csv',
    /mislabelled\.csv:3:1: column "t" holds "2021"; expected 2022, the year in the file name/,
  ],
] as const) {
  test(`${name}: a clear error naming file:line:column, store unchanged`, async () => {
    await assertRejectedUnchanged(db, importer, [fixture('baci', name)], message);
  });
}

test('an empty file, a truncated .gz and a truncated zip are errors, store unchanged', async () => {
  const empty = join(store.dir, 'BACI_empty.csv');
  writeFileSync(empty, 't,i,j,k,v,q\n');
  await assertRejectedUnchanged(db, importer, [empty], /BACI_empty\.csv: no data rows after the header/);
  const gz = gzipTo(good, join(store.dir, 'BACI_HS17_Y2021_V202501.csv.gz'));
  const cut = join(store.dir, 'BACI_cut.csv.gz');
  writeFileSync(cut, readFileSync(gz).subarray(0, 120));
  await assertRejectedUnchanged(db, importer, [cut], /BACI_cut\.csv\.gz: the gzip stream is damaged or truncated/);
  const zip = makeArchive(join(store.dir, 'whole.zip'), [['BACI_HS17_Y2021_V202501.csv', good]], store.dir);
  const cutZip = join(store.dir, 'cut.zip');
  writeFileSync(cutZip, readFileSync(zip).subarray(0, 100));
  await assertRejectedUnchanged(db, importer, [cutZip], /cut\.zip: the archive is damaged or truncated/);
});

test('the earliest bad line is named, whichever check it breaks', async () => {
  const path = join(store.dir, 'BACI_two_errors.csv');
  writeFileSync(path, 't,i,j,k,v,q\n2021,156,56,810411,1.5,NA\n2021,156,56,850511,-2,NA\n1900,156,56,720293,1,NA\n');
  await assertRejectedUnchanged(db, importer, [path], /BACI_two_errors\.csv:3:20: column "v" holds "-2"/);
});

test('two files with the same year in one import are refused', async () => {
  const copy = join(store.dir, 'BACI_HS17_Y2021_V202501_copy.csv');
  copyFileSync(good, copy);
  await assertRejectedUnchanged(db, importer, [good, copy], /both hold year 2021; expected each year once per import/);
});

test('line numbers stay exact deep in a large file read in parallel, blank lines included', async () => {
  const path = join(store.dir, 'BACI_big.csv');
  const lines = ['t,i,j,k,v,q'];
  for (let r = 0; r < 900_000; r++) {
    if (r === 400_000) lines.push('');
    lines.push(`2021,156,56,${100000 + r},${r % 997}.5,${r < 500_000 ? '      1.000' : '          NA'}`);
  }
  lines[800_001] = lines[800_001].replace(/\.5,/, '.5x,');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await assertRejectedUnchanged(db, importer, [path], /BACI_big\.csv:800002:\d+: column "v" holds "\d+\.5x"/);
});

test('real: BACI extract of Algerian exports 2021 (pandas index column, CRLF, padded q)', async (t) => {
  const path = realFile('baci/BACI_extract_Algeria_exports_2021.csv');
  if (!path) return t.skip('real data absent');
  const lines = csvLines(path);
  const report = await runImport(db, importer, [path]);
  assert.equal(report.rows, lines.length);
  assert.equal(report.rows, 6480);
  assert.match(report.warnings.join(), /the HS revision is not in the file name/);
  const first = await db.one(
    `SELECT reporter, partner, product, value, quantity_kg FROM trade_flows
     WHERE dataset_id = $1 AND reporter = 'AGO' AND product = '040630'`,
    [report.dataset],
  );
  // File line 2: 20938,2021,12,24,40630,34.316,       14.138
  assert.deepEqual(first, { reporter: 'AGO', partner: 'DZA', product: '040630', value: 34316, quantity_kg: 14138 });
  const totals = await db.one<{ value: number; missing: number; partners: string[] }>(
    `SELECT sum(value) AS value, count(*) FILTER (WHERE quantity_kg IS NULL) AS missing,
            list(DISTINCT partner) AS partners FROM trade_flows WHERE dataset_id = $1`,
    [report.dataset],
  );
  const expected = lines.reduce((s, l) => s + Math.round(Number(l[5]) * 1000 * 1000) / 1000, 0);
  assert.ok(Math.abs(totals!.value - expected) < 1e-3 * lines.length, `${totals!.value} vs ${expected}`);
  assert.equal(Number(totals!.missing), lines.filter((l) => l[6].trim() === 'NA').length);
  assert.equal(Number(totals!.missing), 373);
  assert.deepEqual([...totals!.partners], ['DZA']);
});

test('real: Algerian imports 2021 with the V202301 country-code file', async (t) => {
  const path = realFile('baci/BACI_extract_Algeria_imports_2021.csv');
  const codes = realFile('baci/country_codes_V202301.csv');
  if (!path || !codes) return t.skip('real data absent');
  const report = await runImport(db, importer, [path, codes]);
  assert.equal(report.rows, 31396);
  assert.equal(await count(db, 'trade_flows', "dataset_id = $1 AND reporter <> 'DZA'", [report.dataset]), 0);
  const exporters = new Set(csvLines(path).map((l) => l[2]));
  assert.equal(
    await count(db, '(SELECT DISTINCT partner_code FROM trade_flows WHERE dataset_id = $1)', 'true', [report.dataset]),
    exporters.size,
  );
});

test('real: both country-code layouts (V202301, V202501) read; non-ISO codes are not countries', async (t) => {
  const v2023 = realFile('baci/country_codes_V202301.csv');
  const v2025 = realFile('baci/country_codes_V202501.csv');
  if (!v2023 || !v2025) return t.skip('real data absent');
  // Importers run inside the import transaction, on one connection (their temporary tables live there).
  const a = await db.transaction(() => readCountryCodes(db, { path: v2023, label: 'country_codes_V202301.csv' }));
  const b = await db.transaction(() => readCountryCodes(db, { path: v2025, label: 'country_codes_V202501.csv' }));
  // 238 codes in each (the header changed between releases, not the list's length; SOURCE.md's 237 is one short).
  assert.equal(a.length, csvLines(v2023).length);
  assert.equal(b.length, csvLines(v2025).length);
  assert.equal(a.length, 238);
  assert.equal(b.length, 238);
  for (const codes of [a, b]) {
    assert.equal(codes.find((c) => c.code === '56')?.iso3, 'BEL');
    assert.equal(codes.find((c) => c.code === '842')?.iso3, 'USA');
    assert.equal(codes.find((c) => c.code === '490')?.iso3, null); // S19 / N/A: not an ISO code
  }
});

const euIso3 = `(SELECT iso3 FROM countries WHERE eu_from <= $date AND (eu_to IS NULL OR eu_to >= $date))`;
async function extraEuShares(dataset: string, product: string, measure: string, date: string) {
  return db.all<{ partner: string; share: number; total: number; hhi: number }>(
    `WITH f AS (SELECT partner, sum(${measure}) AS v FROM trade_flows
                WHERE dataset_id = $dataset AND product = $product AND reporter IN ${euIso3}
                  AND partner NOT IN ${euIso3} AND partner_is_country AND ${measure} IS NOT NULL GROUP BY partner)
     , s AS (SELECT partner, v / sum(v) OVER () AS share, sum(v) OVER () AS total FROM f)
     SELECT *, sum(share * share) OVER () AS hhi FROM s ORDER BY share DESC`,
    { dataset, product, date },
  );
}

test('real: ISO3 extract 2024 (thousand USD, tonnes) and its USD twin give the same rows; magnets as in SOURCE.md', async (t) => {
  const wide = realFile('baci-crm/BACI_HS17_V202601_2024_crm30_with_qty.csv');
  const usd = realFile('baci-crm/baci_2024.csv');
  if (!wide || !usd) return t.skip('real data absent');
  const a = await runImport(db, importer, [wide]);
  const b = await runImport(db, importer, [usd]);
  assert.equal(a.rows, 21723);
  assert.equal(b.rows, 21723);
  assert.equal(a.vintage, 'V202601');
  assert.equal(await count(db, 'trade_flows', 'dataset_id = $1 AND quantity_kg IS NULL', [a.dataset]), 1030);
  const differ = await db.one<{ n: number }>(
    `SELECT count(*) AS n
     FROM (SELECT * FROM trade_flows WHERE dataset_id = $a) x
     FULL JOIN (SELECT * FROM trade_flows WHERE dataset_id = $b) y USING (reporter, partner, product)
     WHERE x.value IS NULL OR y.value IS NULL OR abs(x.value - y.value) > 1e-6 * x.value`,
    { a: a.dataset, b: b.dataset },
  );
  assert.equal(Number(differ!.n), 0);
  // SOURCE.md check: EU27 extra-EU imports of 850511 in 2024 are 39,297 t; China 91.0 % of tonnes, 88.6 % of value.
  const tonnes = await extraEuShares(a.dataset, '850511', 'quantity_kg', '2024-07-01');
  assert.equal(Math.round(tonnes[0].total / 1000), 39297);
  assert.equal(tonnes[0].partner, 'CHN');
  assert.equal(Math.round(tonnes[0].share * 1000) / 10, 91.0);
  const value = await extraEuShares(a.dataset, '850511', 'value', '2024-07-01');
  assert.equal(Math.round(value[0].share * 1000) / 10, 88.6);
});

test('real: 2022 values in USD reproduce the ferro-niobium shares of SOURCE.md (BRA 82.1 %, CAN 17.7 %)', async (t) => {
  const path = realFile('baci-crm/baci_2022.csv');
  if (!path) return t.skip('real data absent');
  const report = await runImport(db, importer, [path]);
  assert.equal(report.rows, 23167);
  const lines = csvLines(path);
  assert.equal(
    await count(db, '(SELECT DISTINCT partner FROM trade_flows WHERE dataset_id = $1)', 'true', [report.dataset]),
    new Set(lines.map((l) => l[0])).size,
  );
  assert.equal(new Set(lines.map((l) => l[0])).size, 188);
  const shares = await extraEuShares(report.dataset, '720293', 'value', '2022-07-01');
  assert.deepEqual(
    shares.slice(0, 2).map((s) => [s.partner, Math.round(s.share * 1000) / 10]),
    [
      ['BRA', 82.1],
      ['CAN', 17.7],
    ],
  );
  // 0.8206² + 0.1773² + … = 0.7048; SOURCE.md prints 0.71 (its rounding, the shares agree).
  assert.equal(Math.round(shares[0].hhi * 1000) / 1000, 0.705);
  assert.ok((await readDatasets(db)).some((d) => d.id === report.dataset && d.vintage === null));
});

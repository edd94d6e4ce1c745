import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importer } from '../../../src/sources/hs/importer.js';
import { runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { realFile } from '../../support/real-data.js';
import { tempStore } from '../../support/store.js';
import { assertRejectedUnchanged, count, csvLines, fixture } from '../trade-helpers.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const codes = (dataset: string) =>
  db.all<{ edition: string; code: string; level: number; parent: string | null; description: string }>(
    'SELECT edition, code, level, parent, description FROM hs_codes WHERE dataset_id = $1 ORDER BY code',
    [dataset],
  );

test('a Comtrade classification file: chapters, headings and subheadings of its edition, pseudo-codes left out', async () => {
  const report = await runImport(db, importer, [fixture('hs', 'H5.json')]);
  assert.equal(report.rows, 7);
  assert.equal(report.vintage, 'HS17');
  const rows = await codes(report.dataset);
  assert.deepEqual(
    rows.find((r) => r.code === '810411'),
    {
      edition: 'HS17',
      code: '810411',
      level: 6,
      parent: '8104',
      description: 'Magnesium; unwrought, containing at least 99.8% by weight of magnesium',
    },
  );
  assert.deepEqual(
    rows.find((r) => r.code === '01'),
    {
      edition: 'HS17',
      code: '01',
      level: 2,
      parent: null,
      description: 'Animals; live',
    },
  );
  assert.ok(!rows.some((r) => ['ALL', 'TOTAL', 'AG6'].includes(r.code)));
  assert.equal((await runImport(db, importer, [fixture('hs', 'H5.json')])).status, 'unchanged');
});

test('a BACI product-code file: leading zeros restored, edition from the file name', async () => {
  const report = await runImport(db, importer, [fixture('hs', 'product_codes_HS17_V202501.csv')]);
  assert.equal(report.rows, 4);
  const rows = await codes(report.dataset);
  assert.deepEqual(rows[0], {
    edition: 'HS17',
    code: '010121',
    level: 6,
    parent: '0101',
    description: 'Horses: live, pure-bred breeding animals',
  });
});

test('radar fetch hs names the Comtrade HS2017 and HS2022 lists', () => {
  assert.deepEqual(
    importer.remote?.({}).map((r) => r.url),
    [
      'https://comtradeapi.un.org/files/v1/app/reference/H5.json',
      'https://comtradeapi.un.org/files/v1/app/reference/H6.json',
    ],
  );
});

test('bad inputs: a bad code, a wrong header, a truncated JSON, no edition in the name; store unchanged', async () => {
  await assertRejectedUnchanged(
    db,
    importer,
    [fixture('hs', 'product_codes_HS17_V202501_bad.csv')],
    /product_codes_HS17_V202501_bad\.csv:3:1: code is "8104A1"; expected an HS6 code \(5 or 6 digits\)/,
  );
  await assertRejectedUnchanged(
    db,
    importer,
    [fixture('hs', 'product_codes_HS17_wrong_header.csv')],
    /wrong_header\.csv:1:1: header is "code,label"; expected "code,description"/,
  );
  const cut = join(store.dir, 'H6.json');
  writeFileSync(cut, readFileSync(fixture('hs', 'H5.json'), 'utf8').slice(0, 300));
  await assertRejectedUnchanged(db, importer, [cut], /H6\.json: not valid JSON .*is it truncated\?/);
  const unnamed = join(store.dir, 'codes.csv');
  writeFileSync(unnamed, 'code,description\n283691,Lithium carbonates\n');
  await assertRejectedUnchanged(db, importer, [unnamed], /codes\.csv: the HS edition is not in the file name/);
});

test('real: the Comtrade HS2022 list (H6): 97 chapters, 1,229 headings, 5,613 subheadings incl. 999999', async (t) => {
  const path = realFile('hs-cn-concordance/comtrade_classificationH6_HS2022.json');
  if (!path) return t.skip('real data absent');
  const report = await runImport(db, importer, [path]);
  const levels = await db.all<{ level: number; n: number }>(
    'SELECT level, count(*) AS n FROM hs_codes WHERE dataset_id = $1 GROUP BY level ORDER BY level',
    [report.dataset],
  );
  assert.deepEqual(
    levels.map((l) => [l.level, Number(l.n)]),
    [
      [2, 97],
      [4, 1229],
      [6, 5613],
    ],
  );
  const results = JSON.parse(readFileSync(path, 'utf8')).results as { id: string; text: string }[];
  const ga = results.find((r) => r.id === '811292')!;
  assert.equal(
    (await codes(report.dataset)).find((r) => r.code === '811292')?.description,
    ga.text.replace('811292 - ', ''),
  );
  assert.equal(report.rows, results.filter((r) => /^\d+$/.test(r.id)).length);
});

test('real: the Combined HS list (all editions) and the BACI HS92 product codes', async (t) => {
  const combined = realFile('un-comtrade/reference_HS.json');
  const hs92 = realFile('baci/product_codes_HS92_V202301.csv');
  if (!combined || !hs92) return t.skip('real data absent');
  const a = await runImport(db, importer, [combined]);
  assert.equal(a.rows, 8261); // 8,263 entries less TOTAL and 9999AA
  assert.equal(await count(db, 'hs_codes', "dataset_id = $1 AND edition = 'HS' AND level = 6", [a.dataset]), 6897);
  const b = await runImport(db, importer, [hs92]);
  assert.equal(b.rows, csvLines(hs92).length);
  assert.equal(b.rows, 5021); // 5,020 codes and 999999
  assert.equal(await count(db, 'hs_codes', "dataset_id = $1 AND code = '010111' AND edition = 'HS92'", [b.dataset]), 1);
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { importer } from '../../../src/sources/hs-conversion/importer.js';
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

test('conversions and correlations (CSV), editions read from the headers', async () => {
  const report = await runImport(db, importer, [
    fixture('hs-conversion', 'conversions.csv'),
    fixture('hs-conversion', 'correlations.csv'),
  ]);
  assert.equal(report.rows, 8);
  assert.equal(report.vintage, 'HS22→HS17');
  const rows = await db.all(
    `SELECT kind, from_edition, from_code, to_edition, to_code, relation FROM hs_conversion WHERE dataset_id = $1
     AND from_code = '811231' ORDER BY kind, to_code`,
    [report.dataset],
  );
  assert.deepEqual(rows, [
    {
      kind: 'conversion',
      from_edition: 'HS22',
      from_code: '811231',
      to_edition: 'HS17',
      to_code: '811292',
      relation: null,
    },
    {
      kind: 'correlation',
      from_edition: 'HS22',
      from_code: '811231',
      to_edition: 'HS17',
      to_code: '811292',
      relation: 'n:n',
    },
    {
      kind: 'correlation',
      from_edition: 'HS22',
      from_code: '811231',
      to_edition: 'HS17',
      to_code: '811299',
      relation: 'n:n',
    },
  ]);
});

test('the UNSD workbook: both sheets, codes typed as numbers padded back to 6 digits', async () => {
  const path = join(store.dir, 'HS2022toHS2017ConversionAndCorrelationTables.xlsx');
  const workbook = new ExcelJS.Workbook();
  const conversions = workbook.addWorksheet('HS2022-HS2017 Conversions');
  conversions.addRows([
    ['From HS2022', 'To HS2017'],
    [10121, 10121],
    ['811231', '811292'],
  ]);
  const correlations = workbook.addWorksheet('HS2022-HS2017 Correlations');
  correlations.addRows([
    ['Between', 'Between'],
    ['HS2022', ' HS2017', 'Relationship'],
    [10121, 10121, '1:1'],
  ]);
  await workbook.xlsx.writeFile(path);
  const report = await runImport(db, importer, [path]);
  assert.equal(report.rows, 3);
  assert.equal(
    await count(db, 'hs_conversion', "dataset_id = $1 AND from_code = '010121' AND to_code = '010121'", [
      report.dataset,
    ]),
    2,
  );
});

test('radar fetch hs-conversion names the UNSD workbook', () => {
  assert.deepEqual(
    importer.remote?.({}).map((r) => r.url),
    ['https://unstats.un.org/unsd/classifications/Econ/tables/HS2022toHS2017ConversionAndCorrelationTables.xlsx'],
  );
});

test('a relation outside 1:1/1:n/n:1/n:n is an error naming file:line:column', async () => {
  await assertRejectedUnchanged(
    db,
    importer,
    [fixture('hs-conversion', 'bad-relation.csv')],
    /bad-relation\.csv:4:15: Relationship is "2:1"; expected 1:1, 1:n, n:1 or n:n/,
  );
});

test('real: UNSD HS2022→HS2017, CSV sheets and workbook give the same 5,613 conversions and 15,657 correlations', async (t) => {
  const conv = realFile('hs-cn-concordance/HS2022toHS2017_HS2022_HS2017_Conversions.csv');
  const corr = realFile('hs-cn-concordance/HS2022toHS2017_HS2022_HS2017_Correlations.csv');
  const xlsx = realFile('hs-cn-concordance/HS2022toHS2017ConversionAndCorrelationTables.xlsx');
  if (!conv || !corr || !xlsx) return t.skip('real data absent');
  const a = await runImport(db, importer, [conv, corr]);
  const b = await runImport(db, importer, [xlsx]);
  for (const r of [a, b]) {
    assert.equal(
      await count(db, 'hs_conversion', "dataset_id = $1 AND kind = 'conversion'", [r.dataset]),
      csvLines(conv).length,
    );
    assert.equal(
      await count(db, 'hs_conversion', "dataset_id = $1 AND kind = 'correlation'", [r.dataset]),
      csvLines(corr, 2).length,
    );
  }
  assert.equal(a.rows, 5613 + 15657);
  const differ = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM (
       SELECT * EXCLUDE (dataset_id) FROM hs_conversion WHERE dataset_id = $1
       EXCEPT SELECT * EXCLUDE (dataset_id) FROM hs_conversion WHERE dataset_id = $2)`,
    [a.dataset, b.dataset],
  );
  assert.equal(Number(differ!.n), 0);
  // HS2022 811231 (hafnium) comes from HS2017 811292 (comtrade-crm/SOURCE.md: hafnium has no HS17 code of its own)
  assert.equal(
    await count(
      db,
      'hs_conversion',
      "dataset_id = $1 AND kind = 'conversion' AND from_code = '811231' AND to_code = '811292'",
      [a.dataset],
    ),
    1,
  );
});

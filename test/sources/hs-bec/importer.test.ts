import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { importer } from '../../../src/sources/hs-bec/importer.js';
import { stageOfProcessing } from '../../../src/sources/hs-bec/stage.js';
import { runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { readDatasets } from '../../../src/store/registry.js';
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

const links = (dataset: string) =>
  db.all<{
    hs_edition: string;
    hs6: string;
    bec4: string;
    relation: string | null;
    stage_of_processing: string | null;
  }>('SELECT hs_edition, hs6, bec4, relation, stage_of_processing FROM hs_bec WHERE dataset_id = $1 ORDER BY ALL', [
    dataset,
  ]);

test('HS→BEC tables (both headers, BOM, trailing empty rows) and BEC labels; stage of processing per link', async () => {
  const report = await runImport(db, importer, [
    fixture('hs-bec', 'HS2022_to_BEC4-small.csv'),
    fixture('hs-bec', 'HS2017_to_BEC4-small.csv'),
    fixture('hs-bec', 'BEC4_DESC.csv'),
  ]);
  assert.equal(report.rows, 8 + 3);
  assert.match(report.warnings.join(), /2 rows with empty cells skipped/);
  const rows = await links(report.dataset);
  assert.deepEqual(
    rows.filter((r) => r.hs6 === '010130'),
    [
      { hs_edition: 'HS22', hs6: '010130', bec4: '111', relation: 'n:n', stage_of_processing: 'raw' },
      { hs_edition: 'HS22', hs6: '010130', bec4: '41', relation: 'n:n', stage_of_processing: 'capital' },
    ],
  );
  assert.deepEqual(
    rows.find((r) => r.hs6 === '870323'),
    {
      hs_edition: 'HS22',
      hs6: '870323',
      bec4: '51',
      relation: 'n:1',
      stage_of_processing: null,
    },
  );
  assert.equal(await count(db, 'hs_bec', "dataset_id = $1 AND hs_edition = 'HS17'", [report.dataset]), 2);
  assert.deepEqual(
    await db.all('SELECT bec4, parent, level FROM bec_categories WHERE dataset_id = $1 ORDER BY bec4', [
      report.dataset,
    ]),
    [
      { bec4: '2', parent: null, level: 1 },
      { bec4: '21', parent: '2', level: 2 },
      { bec4: '22', parent: '2', level: 2 },
    ],
  );
  const d = (await readDatasets(db)).find((x) => x.id === report.dataset)!;
  assert.match(JSON.parse(d.params!).stage_of_processing, /assumed/);
});

test('the stage grouping: every BEC Rev.4 leaf has a stage except 321, 51 and 7', () => {
  const leaves = [
    '111',
    '112',
    '121',
    '122',
    '21',
    '22',
    '31',
    '321',
    '322',
    '41',
    '42',
    '51',
    '521',
    '522',
    '53',
    '61',
    '62',
    '63',
    '7',
  ];
  assert.deepEqual(
    leaves.filter((b) => stageOfProcessing(b) === null),
    ['321', '51', '7'],
  );
  assert.equal(stageOfProcessing('21'), 'raw');
  assert.equal(stageOfProcessing('22'), 'intermediate');
});

test('the UNSD HS-SITC-BEC workbook: HS17 and HS22 links, relation from the number of BEC codes', async () => {
  const path = join(store.dir, 'HS-SITC-BEC Correlations_2022.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('HS SITC BEC');
  sheet.addRows([
    ['HS92', 'HS96', 'HS02', 'HS07', 'HS12', 'HS17', 'HS22', 'BEC4', 'BEC5', 'SITC1', 'SITC2', 'SITC3', 'SITC4'],
    ['260500', '260500', '260500', '260500', '260500', '260500', '260500', 21, '111', '2836', '2871', '2875', '2875'],
    [10111, 10111, 10111, 10110, 10110, 10121, 10121, 41, '410', '0015', '0015', '0015', '0015'],
    [10190, 10190, 10190, 10190, 10190, 10130, 10130, 111, '111', '0015', '0015', '0015', '0015'],
    [10190, 10190, 10190, 10190, 10190, 10130, 10130, 41, '410', '0015', '0015', '0015', '0015'],
    ['811292', '811292', '811292', '811292', '811292', '811292', '811231', 22, '121', '6899', '6899', '6899', '6899'],
  ]);
  await workbook.xlsx.writeFile(path);
  const report = await runImport(db, importer, [path]);
  const rows = await links(report.dataset);
  assert.equal(rows.length, 10);
  assert.deepEqual(
    rows.filter((r) => r.hs_edition === 'HS22').map((r) => [r.hs6, r.bec4, r.relation, r.stage_of_processing]),
    [
      ['010121', '41', 'n:1', 'capital'],
      ['010130', '111', 'n:n', 'raw'],
      ['010130', '41', 'n:n', 'capital'],
      ['260500', '21', 'n:1', 'raw'],
      ['811231', '22', 'n:1', 'intermediate'],
    ],
  );
  assert.deepEqual(
    importer.remote?.({}).map((r) => r.url),
    ['https://unstats.un.org/unsd/classifications/Econ/tables/HS-SITC-BEC%20Correlations_2022.xlsx'],
  );
});

test('bad codes: an HS code with a letter, a BEC code that does not exist', async () => {
  await assertRejectedUnchanged(
    db,
    importer,
    [fixture('hs-bec', 'bad-hs.csv')],
    /bad-hs\.csv:3:1: HS22 is "2605A0"; expected an HS6 code \(6 digits\)/,
  );
  await assertRejectedUnchanged(
    db,
    importer,
    [fixture('hs-bec', 'bad-bec.csv')],
    /bad-bec\.csv:3:8: BEC is "8"; expected a BEC Rev\.4 code/,
  );
});

test('real: UNSD HS2022 (5,926 links) and HS2017 (5,511 links) to BEC4, labels from CSV and xlsx', async (t) => {
  const hs22 = realFile('bec-stage-of-processing/HS2022_to_BEC4.csv');
  const hs17 = realFile('bec-stage-of-processing/HS2017_to_BEC4.csv');
  const labels = realFile('bec-stage-of-processing/BEC4_DESC_Sheet1.csv');
  const labelsXlsx = realFile('bec-stage-of-processing/BEC4_DESC.xlsx');
  if (!hs22 || !hs17 || !labels || !labelsXlsx) return t.skip('real data absent');
  const report = await runImport(db, importer, [hs22, hs17, labels]);
  assert.match(report.warnings.join(), /265 rows with empty cells skipped/);
  assert.equal(await count(db, 'hs_bec', "dataset_id = $1 AND hs_edition = 'HS22'", [report.dataset]), 5926);
  assert.equal(
    await count(db, 'hs_bec', "dataset_id = $1 AND hs_edition = 'HS17'", [report.dataset]),
    csvLines(hs17).length,
  );
  assert.equal(csvLines(hs17).length, 5511);
  assert.equal(await count(db, 'bec_categories', 'dataset_id = $1', [report.dataset]), 29);
  // SOURCE.md examples: cobalt ores → 21 (raw); REE metals, Li oxide/hydroxide, Li carbonates → 22 (intermediate)
  const stage = await db.all<{ hs6: string; bec4: string; stage_of_processing: string }>(
    `SELECT hs6, bec4, stage_of_processing FROM hs_bec WHERE dataset_id = $1 AND hs_edition = 'HS22'
       AND hs6 IN ('260500', '280530', '282520', '283691') ORDER BY hs6`,
    [report.dataset],
  );
  assert.deepEqual(
    stage.map((s) => [s.hs6, s.bec4, s.stage_of_processing]),
    [
      ['260500', '21', 'raw'],
      ['280530', '22', 'intermediate'],
      ['282520', '22', 'intermediate'],
      ['283691', '22', 'intermediate'],
    ],
  );
  const xlsx = await runImport(db, importer, [labelsXlsx]);
  assert.equal(xlsx.rows, 29);
});

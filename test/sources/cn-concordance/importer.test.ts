import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { importer } from '../../../src/sources/cn-concordance/importer.js';
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

test('links between consecutive CN years, with their relation; spaced codes stored as 8 digits', async () => {
  const report = await runImport(db, importer, [fixture('cn-concordance', 'CN_concordances_small.csv')]);
  assert.equal(report.rows, 8);
  assert.equal(report.vintage, '2013-2023');
  const links = await db.all<{ from_year: number; origin_code: string; destination_code: string; relation: string }>(
    `SELECT from_year, origin_code, destination_code, relation FROM cn_concordance WHERE dataset_id = $1
     ORDER BY from_year, origin_code, destination_code`,
    [report.dataset],
  );
  assert.deepEqual(
    links.map((l) => [l.from_year, l.origin_code, l.destination_code, l.relation]),
    [
      [2013, '03074191', '03074192', '1:1'],
      [2022, '25309000', '25309040', '1:n'],
      [2022, '25309000', '25309050', '1:n'],
      [2022, '25309000', '25309070', '1:n'],
      [2022, '28053090', '28053021', '1:n'],
      [2022, '28053090', '28053029', '1:n'],
      [2022, '28461000', '28469040', 'n:1'],
      [2022, '28469090', '28469040', 'n:1'],
    ],
  );
  assert.equal(
    (await runImport(db, importer, [fixture('cn-concordance', 'CN_concordances_small.csv')])).status,
    'unchanged',
  );
});

test('bad period, duplicate link, .xls: clear errors, store unchanged', async () => {
  await assertRejectedUnchanged(
    db,
    importer,
    [fixture('cn-concordance', 'bad-period.csv')],
    /bad-period\.csv:3:1: Period is "20222024"; expected YYYYyyyy with yyyy = YYYY \+ 1/,
  );
  await assertRejectedUnchanged(
    db,
    importer,
    [fixture('cn-concordance', 'duplicate.csv')],
    /duplicate\.csv:3:10: the link is "25309000"; expected each link once/,
  );
});

test('real: the Eurostat concordance 1988–2025: 16,962 links, every code 8 digits', async (t) => {
  const path = realFile('hs-cn-concordance/CN_concordances_relatnc1988_2025.csv');
  const xls = realFile('hs-cn-concordance/CN_concordances_1988_2025_XLS_FORMAT.xls');
  if (!path || !xls) return t.skip('real data absent');
  const report = await runImport(db, importer, [path]);
  assert.equal(report.rows, csvLines(path).length);
  assert.equal(report.rows, 16962);
  assert.equal(report.vintage, '1988-2025');
  assert.equal(
    await count(db, 'cn_concordance', 'dataset_id = $1 AND length(origin_code) = 8 AND length(destination_code) = 8', [
      report.dataset,
    ]),
    16962,
  );
  // The first link of the file: 19881989,02012011,02012021
  assert.equal(
    await count(
      db,
      'cn_concordance',
      "dataset_id = $1 AND from_year = 1988 AND origin_code = '02012011' AND destination_code = '02012021'",
      [report.dataset],
    ),
    1,
  );
  // 2022→2023 REE and lithium-mineral codes (comext-crm-eu27/SOURCE.md: new from 2023) have predecessors here
  assert.ok(
    (await count(
      db,
      'cn_concordance',
      "dataset_id = $1 AND to_year = 2023 AND destination_code IN ('25309040', '25309050')",
      [report.dataset],
    )) > 0,
  );
  await assertRejectedUnchanged(
    db,
    importer,
    [xls],
    /XLS_FORMAT\.xls: legacy Excel \(\.xls\) cannot be read; expected \.csv or \.xlsx/,
  );
});

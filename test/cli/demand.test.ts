import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../src/cli/main.js';
import { openStore } from '../../src/store/open.js';
import { minimalSheets, writeWorkbook } from '../fixtures/iea-cm/workbook.js';
import { captureContext, tempDir } from '../support/store.js';

const tmp = tempDir();
const path = join(tmp.dir, 'radar.duckdb');
const workbook = join(tmp.dir, 'CM_Data_Explorer_test.xlsx');
before(async () => {
  (await openStore({ path })).close();
  await writeWorkbook(workbook, minimalSheets());
});
after(tmp.cleanup);

async function radar(...argv: string[]) {
  const ctx = captureContext(path);
  const code = await runCli(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

test('radar demand before any import: exit 1 and the import command to run', async () => {
  const r = await radar('demand', '--scenario', 'NZE', '--material', 'lithium', '--json');
  assert.equal(r.code, 1);
  assert.match(r.err, /no IEA Critical Minerals data in the store/);
  assert.match(r.err, /radar import iea-cm/);
});

test('radar import iea-cm, then radar demand --scenario NZE --material lithium --json', async () => {
  const imported = await radar('import', 'iea-cm', workbook, '--json');
  assert.equal(imported.code, 0, imported.err);
  assert.equal(JSON.parse(imported.out).rows, 121);
  const r = await radar('demand', '--scenario', 'NZE', '--material', 'lithium', '--json');
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out).rows;
  assert.deepEqual(
    rows.map((x: Record<string, unknown>) => [x.year, x.demand, x.unit, x.multiple_of_base]),
    [
      [2023, 160, 'kt', 1],
      [2030, 690, 'kt', 690 / 160],
      [2040, 1420, 'kt', 8.875],
    ],
  );
});

test('radar demand --by technology and the table format', async () => {
  const r = await radar(
    'demand',
    '--material',
    'lithium',
    '--scenario',
    'STEPS',
    '--by',
    'technology',
    '--year',
    '2030',
  );
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /ev\s+Electric vehicles\s+300/);
  assert.match(r.out, /3 rows/);
});

test('radar demand: usage errors exit 2', async () => {
  assert.equal((await radar('demand', '--scenario', 'SDS', '--material', 'lithium')).code, 2);
  assert.equal((await radar('demand', '--material', 'kryptonite')).code, 2);
  assert.equal((await radar('demand')).code, 2);
  assert.equal((await radar('demand', '--deployment', 'flanders-energy-plan')).code, 2);
});

test('radar demand with a user scenario (bundled Flemish Energy Plan) needs no store', async () => {
  const r = await radar(
    'demand',
    '--deployment',
    'flanders-energy-plan',
    '--intensities',
    'iea-2021-intensities',
    '--format',
    'csv',
  );
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^scenario,technology,material,year,deployed,/);
  assert.match(r.out, /flanders-energy-plan,wind-onshore,copper,2021,100,MW,290,/);
});

test('radar stock FILE --lifetime …', async () => {
  const series = join(tmp.dir, 'fleet.csv');
  writeFileSync(series, 'year,inflow\n2020,10\n2021,0\n2022,0\n');
  const r = await radar('stock', series, '--lifetime', 'fixed:1', '--json');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    JSON.parse(r.out).rows.map((x: Record<string, unknown>) => [x.year, x.inflow, x.outflow, x.stock]),
    [
      [2020, 10, 0, 10],
      [2021, 0, 10, 0],
      [2022, 0, 0, 0],
    ],
  );
  assert.equal((await radar('stock', series)).code, 2); // --lifetime is required
  assert.equal((await radar('stock', series, '--lifetime', 'weibull:0:3')).code, 1);
});

test('radar benchmarks without supply data: exit 1 naming the imports', async () => {
  const r = await radar('benchmarks', '--json');
  assert.equal(r.code, 1);
  assert.match(r.err, /radar import eu-crm-study/);
});

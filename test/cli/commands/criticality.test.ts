import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../../src/cli/main.js';
import { openStore } from '../../../src/store/open.js';
import { realDataDir, realFile } from '../../support/real-data.js';
import { captureContext, tempDir } from '../../support/store.js';

const tmp = tempDir();
const path = join(tmp.dir, 'radar.duckdb');
before(async () => (await openStore({ path })).close());
after(tmp.cleanup);

async function radar(...argv: string[]) {
  const ctx = captureContext(path);
  const code = await runCli(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

test('radar criticality --edition 2023 --published --json: 70 rows, the list of 34', async () => {
  const r = await radar('criticality', '--edition', '2023', '--published', '--json');
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out);
  assert.deepEqual(Object.keys(result).sort(), ['columns', 'method', 'provenance', 'rows', 'summary', 'warnings']);
  assert.equal(result.rows.length, 70);
  assert.equal(result.rows.filter((x: { critical: boolean }) => x.critical).length, 34);
  for (const key of ['material', 'sr', 'ei', 'critical', 'strategic']) assert.ok(key in result.rows[0], key);
});

test('usage errors exit 2, missing data exits 1 with the command to run', async () => {
  assert.equal((await radar('criticality', '--sr', 'big')).code, 2);
  assert.equal((await radar('criticality', '--edition', '1999')).code, 2);
  assert.equal((await radar('criticality', '--published', '--recompute')).code, 2);
  const recompute = await radar('criticality', '--recompute', '--json');
  assert.equal(recompute.code, 1);
  assert.match(recompute.err, /radar import eu-crm-study/);
  const national = await radar('criticality', '--perspective', 'BEL');
  assert.equal(national.code, 1);
  const concentration = await radar('concentration', 'cobalt');
  assert.equal(concentration.code, 1);
  assert.match(concentration.err, /radar import wmd/);
  assert.equal((await radar('concentration', 'cobalt', '--stage', 'mining')).code, 2);
});

const crm = realFile('eu-crm-2023');
const wgi = realFile('wgi/WGIData.csv');

test('after importing the study and WGI: --recompute, --uncertainty and concentration print their tables', {
  skip: !(crm && wgi) && 'real data absent',
}, async () => {
  const folder = join(realDataDir, 'eu-crm-2023');
  const files = [
    'dimension_CRMsOverTime.csv',
    'fact_GlobalSupplyShares&t.csv',
    'fact_EUSupplyShares&t.csv',
    'fact_MaterialUseShares.csv',
  ];
  assert.equal((await radar('import', 'eu-crm-study', ...files.map((f) => join(folder, f)), '--json')).code, 0);
  assert.equal((await radar('import', 'wgi', wgi as string, '--json')).code, 0);
  const recompute = await radar('criticality', '--edition', '2023', '--recompute', '--json');
  assert.equal(recompute.code, 0, recompute.err);
  const rows = JSON.parse(recompute.out).rows as Record<string, unknown>[];
  for (const key of ['material', 'sr_published', 'sr', 'diff', 'stage', 'components']) assert.ok(key in rows[0], key);
  const table = await radar('criticality', '--uncertainty', '500', '--seed', '2');
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /p_critical/);
  assert.match(table.out, /Inputs that flip a verdict/);
  const sensitivity = await radar('criticality', '--uncertainty', '500', '--sensitivity', '--format', 'csv');
  assert.match(sensitivity.out.split('\n')[0], /^material,input,sr_low,sr_high/);
  const conc = await radar('concentration', 'gallium', '--suppliers');
  assert.equal(conc.code, 0, conc.err);
  assert.match(conc.out, /eu-crm-study .*processing/);
  assert.match(conc.out, /Suppliers/);
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../src/cli/main.js';
import { openStore } from '../../src/store/open.js';
import { captureContext, tempDir } from '../support/store.js';

const tmp = tempDir();
const path = join(tmp.dir, 'radar.duckdb');
before(async () => (await openStore({ path })).close());
after(tmp.cleanup);

async function radar(...argv: string[]) {
  const ctx = captureContext(path);
  const code = await runCli(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

async function rows(...argv: string[]) {
  const r = await radar(...argv, '--json');
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out).rows as Record<string, unknown>[];
}

for (const [list, edition, count] of [
  ['eu-crm', '2023', 34],
  ['crma-strategic', undefined, 17],
  ['crma-critical', undefined, 34],
  ['be-crm', undefined, 27],
  ['flanders-base-metals', undefined, 7],
] as const) {
  test(`materials --list ${list}${edition ? ` --edition ${edition}` : ''} gives ${count} rows, each with its source`, async () => {
    const result = await rows('materials', '--list', list, ...(edition ? ['--edition', edition] : []));
    assert.equal(result.length, count);
    for (const r of result) assert.ok(r.source && r.locator, `${r.material} names its source`);
  });
}

test('eu-crm editions 2011–2023 have 14, 20, 27, 30, 34 items', async () => {
  const lists = await rows('lists');
  const eu = Object.fromEntries(lists.filter((l) => l.list === 'eu-crm').map((l) => [l.edition, l.items]));
  assert.deepEqual(eu, { '2011': 14, '2014': 20, '2017': 27, '2020': 30, '2023': 34 });
});

test('the JSON is the Result shape', async () => {
  const r = await radar('materials', '--list', 'eu-crm', '--json');
  const result = JSON.parse(r.out);
  assert.deepEqual(Object.keys(result).sort(), ['columns', 'method', 'provenance', 'rows', 'warnings']);
  assert.ok(result.provenance.some((p: { dataset: string }) => p.dataset === 'ref:list_membership'));
  assert.equal(result.method.params.edition.value, '2023');
});

test('--format csv prints a header and one line per row', async () => {
  const r = await radar('materials', '--list', 'be-crm', '--format', 'csv');
  const lines = r.out.trim().split('\n');
  assert.equal(lines[0].split(',')[0], 'material');
  assert.equal(lines.length, 28);
});

test('info gallium shows SR/EI for every edition gallium was assessed in, with sources', async () => {
  const r = await radar('info', 'gallium', '--json');
  assert.equal(r.code, 0, r.err);
  const info = JSON.parse(r.out);
  assert.equal(info.material.id, 'gallium');
  const editions = info.rows.map((x: { edition: number }) => x.edition);
  assert.deepEqual(editions, [2011, 2014, 2017, 2020, 2023]);
  for (const row of info.rows) assert.ok(typeof row.sr === 'number' && typeof row.ei === 'number' && row.source);
  assert.ok(info.listings.rows.some((l: { list: string; edition: string }) => l.list === 'crma-strategic'));
  const text = await radar('info', 'Ga');
  assert.equal(text.code, 0);
  assert.match(text.out, /Gallium/);
});

test('a material name in Dutch resolves', async () => {
  const r = await radar('info', 'natuurlijk grafiet', '--json');
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).material.id, 'natural-graphite');
});

for (const [argv, pattern] of [
  [['materials', '--list', 'nope'], /unknown list: "nope"/],
  [['materials', '--list', 'eu-crm', '--edition', '1999'], /unknown edition of eu-crm: "1999"/],
  [['info', 'unobtainium'], /unknown material: "unobtainium"/],
  [['materials', '--bogus'], /unknown option/],
  [['frobnicate'], /unknown command/],
  [['materials', '--format', 'xml'], /Allowed choices are table, json, csv/],
  [['import', 'nope', 'x.csv'], /unknown source: "nope"/],
] as const) {
  test(`usage error exits 2: radar ${argv.join(' ')}`, async () => {
    const r = await radar(...argv);
    assert.equal(r.code, 2);
    assert.match(r.err, pattern);
    assert.equal(r.out, '');
  });
}

test('--help exits 0 and lists the commands', async () => {
  const r = await radar('--help');
  assert.equal(r.code, 0);
  for (const c of ['lists', 'materials', 'info', 'datasets', 'import', 'fetch', 'drop'])
    assert.match(r.out, new RegExp(`\\b${c}\\b`));
});

test('datasets lists the reference datasets', async () => {
  const result = await rows('datasets');
  assert.ok(result.some((d) => d.id === 'ref:materials' && d.kind === 'reference'));
});

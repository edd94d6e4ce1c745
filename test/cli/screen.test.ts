import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from '../../src/cli/main.js';
import { readScreenResult, readScreenResultProducts } from '../../src/store/screen-queries.js';
import { ec2021Vector, insertTrade } from '../analyses/screen-fixtures.js';
import { captureContext, tempStore } from '../support/store.js';

let path: string;
let cleanup: () => void;
before(async () => {
  const store = await tempStore();
  path = store.path;
  cleanup = store.cleanup;
  await insertTrade(store.db, [
    ...ec2021Vector('BEL', '280530'),
    ...ec2021Vector('DEU', '280530', 2021, 2),
    ...ec2021Vector('BEL', '300490', 2021, 3),
    { reporter: 'BEL', partner: 'CHN', product: '810411', flow: 'import', value: 1000, quantityKg: 400_000 },
    { reporter: 'BEL', partner: 'USA', product: '810411', flow: 'import', value: 100, quantityKg: 50_000 },
    { reporter: 'BEL', partner: 'FRA', product: '810411', flow: 'export', value: 10, quantityKg: 1_000 },
  ]);
  store.db.close();
});
after(() => cleanup());

async function radar(...argv: string[]) {
  const ctx = captureContext(path);
  const code = await runCli(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

test('radar screen --preset ec2021 --reporter EU27 --years 2021 --level HS6 --json prints the dependent products', async () => {
  const r = await radar(
    'screen',
    '--preset',
    'ec2021',
    '--reporter',
    'EU27',
    '--years',
    '2021',
    '--level',
    'HS6',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out);
  assert.deepEqual(result.rows.map((x: { product: string }) => x.product).sort(), ['280530', '300490', '810411']);
  for (const row of result.rows) {
    for (const key of [
      'product',
      'hhi',
      'extra_eu_share',
      'import_export_ratio',
      'dependent',
      'main_supplier',
      'value',
    ]) {
      assert.ok(key in row, `${key} in row`);
    }
  }
  assert.equal(result.method.id, 'screen.ec2021');
  assert.equal(result.method.params.extra_share.assumed, true);
});

test('--only all shows every product; --format csv prints one line per row', async () => {
  const r = await radar(
    'screen',
    '--preset',
    'ec2021',
    '--reporter',
    'BE',
    '--years',
    '2021',
    '--only',
    'all',
    '--format',
    'csv',
  );
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0], /^reporter,product,hhi,extra_eu_share,import_export_ratio/);
  assert.equal(lines.length, 4);
});

test('--save stores the screen; --from shows it; --by suppliers breaks it down; readScreenResult reads it', async () => {
  const saved = await radar(
    'screen',
    '--preset',
    'fpb2024',
    '--reporter',
    'BEL',
    '--years',
    '2021',
    '--level',
    'HS6',
    '--save',
    'fpb-be',
  );
  assert.equal(saved.code, 0, saved.err);
  assert.match(saved.err, /saved as fpb-be/);
  const again = await radar(
    'screen',
    '--preset',
    'fpb2024',
    '--reporter',
    'BEL',
    '--years',
    '2021',
    '--level',
    'HS6',
    '--save',
    'fpb-be',
  );
  assert.equal(again.code, 1);
  assert.match(again.err, /already saved/);
  const shown = await radar('screen', '--from', 'fpb-be', '--by', 'suppliers', '--json');
  assert.equal(shown.code, 0, shown.err);
  assert.deepEqual(
    JSON.parse(shown.out).rows.map((x: { main_supplier: string }) => x.main_supplier),
    ['CHN'],
  );
  const list = await radar('screen', '--saved', '--json');
  assert.equal(JSON.parse(list.out).rows[0].id, 'fpb-be');

  const { openStore } = await import('../../src/store/open.js');
  const db = await openStore({ path, readOnly: true });
  try {
    const record = await readScreenResult(db, 'fpb-be');
    assert.equal(record?.preset, 'fpb2024');
    assert.deepEqual(record?.years, [2021]);
    assert.equal(record?.result.method.params.hhi.value, '> 0.25');
    const rows = await readScreenResultProducts(db, 'fpb-be');
    assert.equal(rows.length, 3);
    assert.equal(rows[0].dependent, true);
    assert.equal(await readScreenResult(db, 'nope'), undefined);
  } finally {
    db.close();
  }
});

test('--compare gives the overlap of two screens with a summary line', async () => {
  await radar('screen', '--preset', 'ec2021', '--reporter', 'EU27', '--years', '2021', '--save', 'eu');
  const r = await radar('screen', '--preset', 'ec2021', '--reporter', 'BEL', '--years', '2021', '--compare', 'eu');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /both: 3/);
});

test('radar trade magnesium --reporter BEL: tonnes, value per kg, partner shares and the import:export ratio', async () => {
  const r = await radar('trade', 'magnesium', '--reporter', 'BEL', '--json');
  assert.equal(r.code, 0, r.err);
  const [row] = JSON.parse(r.out).rows;
  assert.deepEqual(
    [row.year, row.stage, row.import_value, row.import_tonnes, row.import_unit_value, row.top_partner, row.top_share],
    [2021, 'processing', 1100, 450, 0.0024, 'CHN', 0.909091],
  );
  // Extra-EU by default: Belgium's only export goes to France, so the extra-EU ratio has no denominator.
  assert.equal(row.import_export_ratio, null);
  const all = await radar('trade', 'magnesium', '--reporter', 'BEL', '--partners', 'all', '--json');
  assert.equal(JSON.parse(all.out).rows[0].import_export_ratio, 110);
});

test('usage errors exit 2 and name the bad value; impossible requests exit 1', async () => {
  const unknown = await radar('screen', '--preset', 'ec2022');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /invalid preset: "ec2022"/);
  const view = await radar('screen', '--preset', 'ec2021', '--years', '2021', '--by', 'colour');
  assert.equal(view.code, 2);
  const year = await radar('screen', '--preset', 'ec2021', '--years', '2010');
  assert.equal(year.code, 1);
  assert.match(year.err, /no comext trade data for 2010/);
  const material = await radar('trade', 'unobtainium');
  assert.equal(material.code, 2);
  const from = await radar('screen', '--from', 'nothing-saved');
  assert.equal(from.code, 2);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dependencyScreen } from '../../src/analyses/screen.js';
import { screenOverlap, screenView } from '../../src/analyses/screen-views.js';
import { UserError } from '../../src/domain/errors.js';
import { tempStore } from '../support/store.js';
import { clearTrade, ec2021Vector, insertTrade, type TradeRow } from './screen-fixtures.js';

let store: Awaited<ReturnType<typeof tempStore>>;
before(async () => {
  store = await tempStore();
});
after(() => store.cleanup());

/** Four dependent Belgian products (§1.1 vector scaled): two Chinese chemicals, a Chinese and a US machine. */
function belgium(): TradeRow[] {
  return [
    ...ec2021Vector('BEL', '280530', 2021, 1),
    ...ec2021Vector('BEL', '293100', 2021, 2),
    ...ec2021Vector('BEL', '847130', 2021, 3),
    ...ec2021Vector('BEL', '854231', 2021, 4).map((r) => (r.partner === 'CHN' ? { ...r, partner: 'KOR' } : r)),
    { reporter: 'BEL', partner: 'FRA', product: '100110', flow: 'import', value: 500 },
  ];
}

async function products() {
  await clearTrade(store.db);
  await insertTrade(store.db, belgium());
  return dependencyScreen(store.db, { preset: 'ec2021', reporter: 'BEL', years: '2021' });
}

test('suppliers: counts and value shares of the dependent products by main supplier', async () => {
  const view = await screenView(store.db, await products(), 'suppliers');
  assert.deepEqual(
    view.rows.map((r) => [
      r.main_supplier,
      r.name,
      r.products,
      r.value,
      r.value_share,
      r.rank_by_count,
      r.rank_by_value,
    ]),
    [
      ['CHN', 'China', 3, 600, 0.6, 1, 1],
      ['KOR', 'South Korea', 1, 400, 0.4, 2, 2],
    ],
  );
  // 1,000 of dependent extra-EU imports out of 1,000 + 0 (100110 is intra-EU only): all of the extra-EU value.
  assert.equal(view.rows[0].share_of_all_value, 0.6);
  assert.equal(view.method.params.view.value, 'suppliers');
});

test('summary: products screened, dependent, strategic, and their share of all screened value', async () => {
  await clearTrade(store.db);
  await insertTrade(store.db, [
    ...belgium(),
    ...ec2021Vector('BEL', '610910'),
    { reporter: 'BEL', partner: 'USA', product: '100120', flow: 'import', value: 1000 },
    { reporter: 'BEL', partner: 'USA', product: '100120', flow: 'export', value: 5000 },
  ]);
  const p = await dependencyScreen(store.db, {
    preset: 'ec2021',
    reporter: 'BEL',
    years: '2021',
    strategic: 'ec-ecosystems-approx',
  });
  const [row] = (await screenView(store.db, p, 'summary')).rows;
  // Dependent: 280530, 293100 (energy-intensive), 847130, 854231 (digital) and 610910 (T-shirts, on no list): 1,100 of
  // 2,100 extra-EU imports; 100120 is not dependent (exports 5,000).
  assert.deepEqual(
    [row.products, row.dependent, row.dependent_value, row.strategic, row.strategic_value],
    [6, 5, 1100, 4, 1000],
  );
  assert.ok(Math.abs((row.dependent_value_share as number) - 1100 / 2100) < 1e-6);
});

test('segments and supplier × segment split the list by HS chapter', async () => {
  const p = await products();
  const segments = await screenView(store.db, p, 'segments');
  assert.deepEqual(
    segments.rows.map((r) => [r.segment, r.products]),
    [
      ['chemicals', 2],
      ['machinery', 1],
      ['electronics', 1],
    ],
  );
  const cross = await screenView(store.db, p, 'supplier-segments');
  assert.ok(cross.rows.some((r) => r.main_supplier === 'CHN' && r.segment === 'chemicals' && r.products === 2));
});

test('stages: HS→BEC→SoP shares by number of products, once the hs_bec table holds the links', async () => {
  const p = await products();
  await assert.rejects(
    screenView(store.db, p, 'stages'),
    (e: Error) => e instanceof UserError && /HS→BEC/.test(e.message),
  );
  await store.db.run(
    `INSERT INTO hs_bec VALUES ('t', 'HS17', '280530', '22', 'n:1', 'intermediate'), ('t', 'HS17', '293100', '22', 'n:1', 'intermediate'),
       ('t', 'HS17', '847130', '41', 'n:n', 'capital'), ('t', 'HS17', '847130', '61', 'n:n', 'consumer')`,
  );
  const view = await screenView(store.db, p, 'stages');
  assert.deepEqual(
    view.rows.map((r) => [r.stage, r.products, r.product_share]),
    [
      ['SoP2 intermediate goods', 2, 0.5],
      ['mixed', 1, 0.25],
      ['not mapped', 1, 0.25],
    ],
  );
  await store.db.run('DELETE FROM hs_bec');
});

test('churn counts products entering and leaving the list from year to year', async () => {
  await clearTrade(store.db);
  await insertTrade(store.db, [
    ...ec2021Vector('BEL', '280530', 2020),
    ...ec2021Vector('BEL', '280530', 2021),
    ...ec2021Vector('BEL', '293100', 2020),
    ...ec2021Vector('BEL', '847130', 2021),
  ]);
  const p = await dependencyScreen(store.db, { preset: 'ec2021', reporter: 'BEL', years: '2020-2021' });
  const view = await screenView(store.db, p, 'churn');
  assert.deepEqual(
    view.rows.map((r) => [r.year, r.dependent, r.entered, r.exited, r.stayed, r.exit_rate]),
    [
      [2020, 2, 0, 0, 0, null],
      [2021, 2, 1, 1, 1, 0.5],
    ],
  );
});

test('overlap: the EU list against Belgium — in both, only in one, and where Belgium is a net importer', async () => {
  await clearTrade(store.db);
  await insertTrade(store.db, [
    ...belgium(),
    ...ec2021Vector('DEU', '280530', 2021, 10),
    ...ec2021Vector('DEU', '720293', 2021, 10),
    { reporter: 'BEL', partner: 'BRA', product: '720293', flow: 'import', value: 5 },
    { reporter: 'BEL', partner: 'FRA', product: '720293', flow: 'export', value: 50 },
  ]);
  const eu = await dependencyScreen(store.db, { preset: 'ec2021', reporter: 'EU27', years: '2021' });
  const be = await dependencyScreen(store.db, { preset: 'ec2021', reporter: 'BEL', years: '2021' });
  const o = screenOverlap(eu, be);
  const euDependent = eu.rows.filter((r) => r.dependent).length;
  assert.equal(o.summary.a, euDependent);
  assert.equal(o.summary.b, 4);
  assert.equal(o.summary.both, 4);
  const ferroNiobium = o.rows.find((r) => r.product === '720293')!;
  assert.deepEqual([ferroNiobium.in_a, ferroNiobium.in_b, ferroNiobium.b_net_importer], [true, false, false]);
  assert.equal(o.summary.a_b_net_importer, 4);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dependencyScreen, type ScreenOptions } from '../../src/analyses/screen.js';
import { UsageError, UserError } from '../../src/domain/errors.js';
import type { Row } from '../../src/domain/result.js';
import { tempStore } from '../support/store.js';
import { clearTrade, ec2021Vector, insertTrade, type TradeRow } from './screen-fixtures.js';

let store: Awaited<ReturnType<typeof tempStore>>;
before(async () => {
  store = await tempStore();
});
after(() => store.cleanup());

/** The store holding only `rows` (one dataset), screened with `options`; rows by reporter|product. */
async function screen(rows: TradeRow[], options: ScreenOptions, insert: Parameters<typeof insertTrade>[2] = {}) {
  await clearTrade(store.db);
  await insertTrade(store.db, rows, insert);
  const result = await dependencyScreen(store.db, options);
  const by = new Map(result.rows.map((r) => [`${r.reporter}|${r.product}`, r]));
  return {
    result,
    row: (product: string, reporter = String(options.reporter ?? 'EU27')) => by.get(`${reporter}|${product}`) as Row,
  };
}

const close = (actual: unknown, expected: number, eps = 5e-4) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < eps, `${actual} ≈ ${expected}`);

const imp = (reporter: string, partner: string, product: string, value: number, year = 2021): TradeRow => ({
  reporter,
  partner,
  product,
  flow: 'import',
  value,
  year,
});
const exp = (reporter: string, partner: string, product: string, value: number, year = 2021): TradeRow => ({
  reporter,
  partner,
  product,
  flow: 'export',
  value,
  year,
});

// ---------------------------------------------------------------- ec2021

test('ec2021 reproduces the §1.1 vector for a member state: 0.46, 0.714, 1.25, dependent, main supplier CN 60 %', async () => {
  const { row, result } = await screen(ec2021Vector('BEL'), { preset: 'ec2021', reporter: 'BEL', years: '2021' });
  const r = row('280530');
  close(r.hhi, 0.46);
  close(r.extra_eu_share, 0.714);
  close(r.import_export_ratio, 1.25);
  assert.equal(r.criteria_met, 3);
  assert.equal(r.dependent, true);
  assert.equal(r.main_supplier, 'CHN');
  close(r.main_supplier_share, 0.6);
  assert.equal(r.value, 100);
  for (const k of ['product', 'hhi', 'extra_eu_share', 'import_export_ratio', 'dependent', 'main_supplier', 'value']) {
    assert.ok(
      result.columns.some((c) => c.name === k),
      k,
    );
  }
  assert.equal(result.method.params.extra_share.assumed, true);
  assert.equal(result.method.params.hhi_partners.assumed, false);
  assert.equal(result.method.params.trade_concept.value, 'community');
});

test('ec2021 with the ECIPE partner set gives HHI 0.235 on the same data', async () => {
  const { row } = await screen(ec2021Vector('BEL'), {
    preset: 'ec2021',
    reporter: 'BEL',
    years: '2021',
    hhiPartners: 'extraEU_of_total',
  });
  close(row('280530').hhi, 0.235);
  assert.equal(row('280530').dependent, false);
});

test('ec2021: each criterion fails on its own; no exports meets the ratio (shown as null)', async () => {
  const rows = [
    ...['CHN', 'USA', 'BRA', 'IND'].map((p) => imp('BEL', p, '100110', 25)),
    imp('BEL', 'DEU', '100110', 10),
    exp('BEL', 'FRA', '100110', 10),
    imp('BEL', 'CHN', '100120', 60),
    imp('BEL', 'DEU', '100120', 60),
    exp('BEL', 'FRA', '100120', 10),
    imp('BEL', 'CHN', '100130', 100),
    exp('BEL', 'USA', '100130', 100),
    imp('BEL', 'CHN', '100140', 100),
  ];
  const { row } = await screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2021' });
  assert.deepEqual(
    ['100110', '100120', '100130', '100140'].map((p) => [row(p).criteria_met, row(p).dependent]),
    [
      [2, false],
      [2, false],
      [2, false],
      [3, true],
    ],
  );
  close(row('100110').hhi, 0.25);
  close(row('100120').extra_eu_share, 0.5);
  close(row('100130').import_export_ratio, 1);
  assert.equal(row('100140').import_export_ratio, null);
  assert.equal(row('100140').no_counter_flow, true);
});

test('ec2021 for EU27 sums the member states: intra-EU flows between members are intra', async () => {
  const rows = [...ec2021Vector('BEL'), ...ec2021Vector('DEU', '280530', 2021, 2)];
  const { row } = await screen(rows, { preset: 'ec2021', reporter: 'EU27', years: '2021' });
  const r = row('280530');
  close(r.hhi, 0.46);
  close(r.extra_eu_share, 300 / 420);
  close(r.import_export_ratio, 300 / 240);
  assert.equal(r.value, 300);
  assert.equal(r.imports_total, 420);
});

test('non-country codes stay in totals, not in the HHI sum, and are flagged above 5 %; confidential codes are left out with a warning', async () => {
  const rows: TradeRow[] = [
    imp('BEL', 'CHN', '740311', 80),
    imp('BEL', 'QS', '740311', 20),
    { reporter: 'BEL', partner: 'CHN', product: '74XXXXXX', flow: 'import', value: 50, confidential: true },
  ];
  const { row, result } = await screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2021' });
  close(row('740311').hhi, 0.64);
  assert.equal(row('740311').extra_eu_share, 1);
  assert.match(String(row('740311').flags), /non_country_partners/);
  assert.equal(row('74XXXX'), undefined);
  assert.ok(
    result.warnings.some((w) => /33\.3 % of imports sit under confidential/.test(w)),
    result.warnings.join('\n'),
  );
  assert.ok(result.warnings.some((w) => /non-country partner codes/.test(w)));
});

test('ec2021 over several years needs every year by default; --persistence 1/2 relaxes it', async () => {
  const rows = [
    ...ec2021Vector('BEL', '280530', 2020),
    imp('BEL', 'CHN', '280530', 10, 2021),
    exp('BEL', 'FRA', '280530', 100, 2021),
  ];
  const strict = await screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2020-2021' });
  assert.equal(strict.row('280530').dependent, false);
  assert.deepEqual(strict.row('280530').dependent_years, [2020]);
  const relaxed = await screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2020-2021', persistence: '1/2' });
  assert.equal(relaxed.row('280530').dependent, true);
  assert.equal(relaxed.result.method.params.persistence.assumed, false);
});

test('EU composition: the UK is extra-EU in 2019 under EU27_2020, intra-EU when membership is dated', async () => {
  const rows = [imp('BEL', 'GBR', '300490', 90, 2019), imp('BEL', 'USA', '300490', 10, 2019)];
  const fixed = await screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2019' });
  assert.equal(fixed.row('300490').extra_eu_share, 1);
  const dated = await screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2019', euComposition: 'as_of_year' });
  close(dated.row('300490').extra_eu_share, 0.1);
});

test('quantity basis: the HHI of kilograms differs from the HHI of euros', async () => {
  const rows: TradeRow[] = [
    { reporter: 'BEL', partner: 'CHN', product: '810411', flow: 'import', value: 50, quantityKg: 90 },
    { reporter: 'BEL', partner: 'USA', product: '810411', flow: 'import', value: 50, quantityKg: 10 },
  ];
  const byValue = await screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2021' });
  close(byValue.row('810411').hhi, 0.5);
  const byKg = await screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2021', basis: 'quantity' });
  close(byKg.row('810411').hhi, 0.82);
});

test('level HS4 sums the HS6 codes under each heading', async () => {
  const rows = [imp('BEL', 'CHN', '810411', 60), imp('BEL', 'USA', '810419', 40)];
  const { row } = await screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2021', level: 'HS4' });
  close(row('8104').hhi, 0.52);
});

// ---------------------------------------------------------------- nbb2024

/** Ten products whose three indicators all rise with k: product 10 is the most dependent on each. */
function tenProducts(reporter = 'BEL', year = 2021): TradeRow[] {
  return Array.from({ length: 10 }, (_, i) => {
    const k = i + 1;
    const product = `28${String(k).padStart(2, '0')}10`;
    return [
      imp(reporter, 'CHN', product, k, year),
      imp(reporter, 'USA', product, 1, year),
      imp(reporter, 'DEU', product, 10, year),
      exp(reporter, 'FRA', product, 5, year),
    ];
  }).flat();
}

test('nbb2024 ranks the three indicators and keeps ceil(10 % of 10) = 1 product: the one ranked highest on all three', async () => {
  const { result, row } = await screen(tenProducts(), { preset: 'nbb2024', reporter: 'BEL', years: '2021' });
  assert.deepEqual(
    result.rows.filter((r) => r.dependent).map((r) => r.product),
    ['281010'],
  );
  const top = row('281010');
  assert.deepEqual([top.rank_hhi, top.rank_extra_share, top.rank_ratio, top.avg_rank], [10, 10, 10, 10]);
  assert.equal(row('280110').avg_rank, 1);
  assert.equal(result.method.params.combine.assumed, true);
});

test('nbb2024 with --top-share 0.3 keeps three products; ties share their average rank', async () => {
  const rows = [
    ...tenProducts(),
    imp('BEL', 'CHN', '281110', 10),
    imp('BEL', 'USA', '281110', 1),
    imp('BEL', 'DEU', '281110', 10),
    exp('BEL', 'FRA', '281110', 5),
  ];
  const { result, row } = await screen(rows, { preset: 'nbb2024', reporter: 'BEL', years: '2021', topShare: 0.3 });
  // 11 products: ceil(3.3) = 4; products 281010 and 281110 tie for the top (rank 10.5 on every indicator).
  assert.deepEqual(
    result.rows
      .filter((r) => r.dependent)
      .map((r) => r.product)
      .sort(),
    ['280810', '280910', '281010', '281110'],
  );
  assert.equal(row('281110').rank_hhi, 10.5);
});

test("nbb2024 over two years averages the annual indicators and reports each year's top share", async () => {
  const rows = [
    ...tenProducts('BEL', 2021),
    ...tenProducts('BEL', 2022).map((r) => (r.product === '281010' && r.partner === 'CHN' ? { ...r, value: 0.5 } : r)),
  ];
  const { row, result } = await screen(rows, { preset: 'nbb2024', reporter: 'BEL', years: '2021-2022' });
  // 281010 falls to HHI 0.56, share 0.13, ratio 0.3 in 2022: its mean ranks below 280910 (0.82, 0.5, 2 in both years).
  assert.deepEqual(
    result.rows.filter((r) => r.dependent).map((r) => r.product),
    ['280910'],
  );
  close(row('281010').hhi, (101 / 121 + 1.25 / 2.25) / 2);
  assert.deepEqual(row('281010').dependent_years, [2021]);
  assert.deepEqual(row('280910').dependent_years, [2022]);
});

test('nbb2024-exports mirrors the indicators on the export side (CDIX1–3) and names the main market', async () => {
  const rows = [
    exp('BEL', 'CHN', '300210', 90),
    exp('BEL', 'USA', '300210', 10),
    imp('BEL', 'DEU', '300210', 10),
    exp('BEL', 'CHN', '300220', 50),
    exp('BEL', 'DEU', '300220', 50),
    imp('BEL', 'DEU', '300220', 100),
  ];
  const { result, row } = await screen(rows, { preset: 'nbb2024-exports', reporter: 'BEL', years: '2021' });
  close(row('300210').hhi, 0.82);
  assert.equal(row('300210').extra_eu_share, 1);
  close(row('300210').export_import_ratio, 10);
  close(row('300220').export_import_ratio, 0.5);
  assert.deepEqual(
    result.rows.filter((r) => r.dependent).map((r) => r.product),
    ['300210'],
  );
  assert.equal(row('300210').main_market, 'CHN');
  assert.ok(result.columns.some((c) => c.name === 'main_market'));
});

// ---------------------------------------------------------------- fpb2024

function fpbRows(): TradeRow[] {
  const rows: TradeRow[] = [];
  for (const year of [2021, 2022, 2023]) {
    rows.push(imp('BEL', 'CHN', '293721', 80, year), imp('BEL', 'DEU', '293721', 20, year));
    if (year < 2023) rows.push(imp('BEL', 'CHN', '293722', 60, year), imp('BEL', 'USA', '293722', 40, year));
    else
      rows.push(
        imp('BEL', 'CHN', '293722', 40, year),
        imp('BEL', 'USA', '293722', 30, year),
        imp('BEL', 'JPN', '293722', 30, year),
      );
    rows.push(imp('BEL', 'DEU', '293723', 90, year), imp('BEL', 'CHN', '293723', 10, year));
    if (year !== 2022) rows.push(imp('BEL', 'USA', '293729', 100, year));
  }
  return rows;
}

test('fpb2024: HHI over all partners above 0.25 on mainly non-EU trade in every year; 0.5 reported alongside', async () => {
  const { row } = await screen(fpbRows(), { preset: 'fpb2024', reporter: 'BEL', years: '2021-2023', level: 'HS6' });
  assert.deepEqual(
    ['293721', '293722', '293723', '293729'].map((p) => [
      row(p).dependent,
      row(p).dependent_high,
      row(p).years_dependent,
      row(p).years_dependent_high,
    ]),
    [
      [true, true, 3, 3],
      [true, false, 3, 2],
      [false, false, 0, 0],
      [false, false, 2, 2],
    ],
  );
  close(row('293721').hhi, 0.68);
  assert.equal(row('293722').main_supplier, 'CHN');
  close(row('293722').main_supplier_share, 160 / 300);
});

test('fpb2024 export side: dependence on concentrated non-EU markets', async () => {
  const rows = [2021, 2022].flatMap((y) => [
    exp('BEL', 'USA', '300490', 70, y),
    exp('BEL', 'CHE', '300490', 30, y),
    exp('BEL', 'FRA', '300420', 100, y),
  ]);
  const { row } = await screen(rows, {
    preset: 'fpb2024',
    reporter: 'BEL',
    years: '2021-2022',
    level: 'HS6',
    side: 'exports',
  });
  assert.equal(row('300490').dependent, true);
  assert.equal(row('300490').main_market, 'USA');
  assert.equal(row('300420').dependent, false);
});

// ---------------------------------------------------------------- geodep

/** BACI-style rows (import view) for 2020–2022: DZA imports; other importers make world exports. */
function geodepRows(): TradeRow[] {
  const rows: TradeRow[] = [];
  for (const year of [2020, 2021, 2022]) {
    // G1: dependent in every year.
    rows.push(
      imp('DZA', 'CHN', '850760', 90, year),
      imp('DZA', 'FRA', '850760', 10, year),
      imp('MAR', 'CHN', '850760', 100, year),
      imp('TUN', 'DZA', '850760', 10, year),
    );
    // G2: DZA exports a lot in 2021 only (ratio 0.5): 2 of 3 years.
    rows.push(imp('DZA', 'CHN', '850440', 100, year), imp('TUN', 'DZA', '850440', year === 2021 ? 200 : 10, year));
    // G3: criteria only in 2022.
    rows.push(imp('DZA', 'CHN', '854140', 100, year), imp('TUN', 'DZA', '854140', year === 2022 ? 10 : 500, year));
    // G4: concentrated for DZA, but world exports are diversified (world HHI 0.25).
    rows.push(
      imp('DZA', 'CHN', '850231', 100, year),
      ...['USA', 'BRA', 'IND'].map((p) => imp('MAR', p, '850231', 100, year)),
    );
  }
  return rows;
}

test('geodep: three criteria in at least 2 of 3 years, world-export HHI from all importers (BACI)', async () => {
  const { row, result } = await screen(
    geodepRows(),
    { preset: 'geodep', reporter: 'DZA', years: '2020-2022' },
    { source: 'baci', currency: 'USD' },
  );
  assert.deepEqual(
    ['850760', '850440', '854140', '850231'].map((p) => [row(p, 'DZA').dependent, row(p, 'DZA').years_dependent]),
    [
      [true, 3],
      [true, 2],
      [false, 1],
      [false, 0],
    ],
  );
  close(row('850760', 'DZA').hhi, 0.82);
  // Exporters of 850760: CHN 190, FRA 10 and DZA itself 10 (to TUN).
  close(row('850760', 'DZA').world_export_hhi, (190 ** 2 + 10 ** 2 + 10 ** 2) / 210 ** 2);
  close(row('850231', 'DZA').world_export_hhi, 0.25);
  close(row('850760', 'DZA').import_export_ratio, 10);
  assert.equal(result.method.params.exports.value, 'mirror');
});

test('geodep on Comext data stops: the world-export HHI needs world trade', async () => {
  await assert.rejects(
    screen(ec2021Vector('BEL', '280530', 2022), {
      preset: 'geodep',
      reporter: 'BEL',
      years: '2022',
      persistence: '1/1',
    }),
    (e: Error) => e instanceof UserError && /world trade/.test(e.message),
  );
});

// ---------------------------------------------------------------- merics

test('merics: imports at least twice exports (2.0 passes with ≥, 1.99 does not)', async () => {
  const rows = [
    imp('BEL', 'CHN', '847130', 200),
    exp('BEL', 'FRA', '847130', 100),
    imp('BEL', 'CHN', '847150', 199),
    exp('BEL', 'FRA', '847150', 100),
  ];
  const { row, result } = await screen(rows, { preset: 'merics', reporter: 'BEL', years: '2021' });
  assert.equal(row('847130').dependent, true);
  assert.equal(row('847150').dependent, false);
  assert.equal(result.method.params.ratio.value, '>= 2');
  assert.equal(result.method.params.ratio.assumed, true);
});

// ---------------------------------------------------------------- strategic filter and errors

test('a strategic list flags products by code prefix and names their ecosystems', async () => {
  const rows = [...ec2021Vector('BEL', '280530'), ...ec2021Vector('BEL', '300490')];
  const { row, result } = await screen(rows, {
    preset: 'ec2021',
    reporter: 'BEL',
    years: '2021',
    strategic: 'ec-ecosystems-approx',
  });
  assert.equal(row('300490').strategic, true);
  assert.equal(row('300490').ecosystems, 'health');
  assert.equal(row('280530').ecosystems, 'energy-intensive industries');
  assert.equal(result.method.params.strategic_list.value, 'ec-ecosystems-approx');
});

test('errors: unknown reporter, missing year, CN8 of HS6 data, bad threshold, k above the years', async () => {
  const rows = ec2021Vector('BEL');
  await assert.rejects(
    screen(rows, { preset: 'ec2021', reporter: 'XYZ', years: '2021' }),
    (e: Error) => e instanceof UsageError && /unknown reporter: "XYZ"/.test(e.message),
  );
  await assert.rejects(
    screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2019' }),
    (e: Error) => e instanceof UserError && /no comext trade data for 2019 \(the store has 2021\)/.test(e.message),
  );
  await assert.rejects(
    screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2021', level: 'CN8' }),
    (e: Error) => e instanceof UserError && /level CN8 needs CN8 data/.test(e.message),
  );
  await assert.rejects(
    screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2021', hhi: 'high' }),
    (e: Error) => e instanceof UsageError && /invalid hhi: "high"/.test(e.message),
  );
  await assert.rejects(
    screen(rows, { preset: 'ec2021', reporter: 'BEL', years: '2021', persistence: '2/3' }),
    (e: Error) => e instanceof UserError && /needs at least 2 years/.test(e.message),
  );
});

test('two datasets holding the same year would double-count: the screen asks to choose', async () => {
  await clearTrade(store.db);
  await insertTrade(store.db, ec2021Vector('BEL'), { dataset: 'a' });
  await insertTrade(store.db, ec2021Vector('BEL'), { dataset: 'b' });
  await assert.rejects(
    dependencyScreen(store.db, { preset: 'ec2021', reporter: 'BEL', years: '2021' }),
    /year 2021 is in several datasets \(a, b\)/,
  );
  const one = await dependencyScreen(store.db, { preset: 'ec2021', reporter: 'BEL', years: '2021', dataset: ['a'] });
  assert.equal(one.rows[0].value, 100);
});

test('partner totals (Comtrade World 0, EU 97) are left out of every sum and reported', async () => {
  const rows: TradeRow[] = [
    imp('BEL', 'CHN', '281820', 70),
    imp('BEL', 'USA', '281820', 30),
    { reporter: 'BEL', partner: '0', product: '281820', flow: 'import', value: 100, partnerIsCountry: false },
    { reporter: 'BEL', partner: '97', product: '281820', flow: 'import', value: 40, partnerIsCountry: false },
  ];
  const { row, result } = await screen(
    rows,
    { preset: 'ec2021', reporter: 'BEL', years: '2021' },
    { source: 'comtrade', currency: 'USD' },
  );
  close(row('281820').hhi, 0.58);
  assert.equal(row('281820').value, 100);
  assert.ok(
    result.warnings.some((w) => /58\.3 % of imports are partner totals/.test(w)),
    result.warnings.join('\n'),
  );
});

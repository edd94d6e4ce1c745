import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { itreStockValue, stockpileSizing } from '../../src/analyses/stockpile.js';
import type { Db } from '../../src/store/db.js';
import { tempStore } from '../support/store.js';
import { importBaci2024, real } from './levers-fixtures.js';

test('manual mode: 36,500 t net imports, 60 days, €2/kg → 6,000 t and €12 m; no store needed', async () => {
  const r = await stockpileSizing(null, { netImportsT: 36_500, days: 60, priceEurPerKg: 2 });
  assert.deepEqual([r.rows[0].tonnes, r.rows[0].value_eur, r.rows[0].days], [6000, 12_000_000, 60]);
  assert.equal(r.method.params.year_days.assumed, true);
  const leap = await stockpileSizing(null, { netImportsT: 36_600, days: 60, year: 2024 });
  assert.equal(leap.rows[0].tonnes, 6000);
  assert.equal(leap.rows[0].value_eur, null);
  await assert.rejects(stockpileSizing(null, {}), /give --material \(data mode\) or --net-imports-t/);
});

test('ITRE value: 60 days of the implied upper base (€157 bn, 52.3 Mt) ≈ €25.8 bn and 8.6 Mt', () => {
  const r = itreStockValue({ baskets: [{ label: 'upper', import_value: 157e9, import_mass_t: 52.3e6 }] });
  const total = r.rows.find((x) => x.basket === 'total') as Record<string, number>;
  assert.equal(Math.round(total.value / 1e8) / 10, 25.8);
  assert.equal(Math.round(total.tonnes / 1e5) / 10, 8.6);
});

const EU27 = [
  'AUT',
  'BEL',
  'BGR',
  'HRV',
  'CYP',
  'CZE',
  'DNK',
  'EST',
  'FIN',
  'FRA',
  'DEU',
  'GRC',
  'HUN',
  'IRL',
  'ITA',
  'LVA',
  'LTU',
  'LUX',
  'MLT',
  'NLD',
  'POL',
  'PRT',
  'ROU',
  'SVK',
  'SVN',
  'ESP',
  'SWE',
];

describeReal();
function describeReal() {
  let store: Awaited<ReturnType<typeof tempStore>>;
  let db: Db;
  before(async () => {
    if (!real.baci2024) return;
    store = await tempStore();
    db = store.db;
    await importBaci2024(db);
  });
  after(() => store?.cleanup());

  test('Art. 23 on real BACI 2024: lithium carbonate net imports of the EU27 equal an independent SQL over the file', {
    skip: !real.baci2024 && 'real data absent',
  }, async () => {
    const r = await stockpileSizing(db, { material: 'lithium', days: 60, year: 2024, usdPerEur: 1.0821 });
    const row = r.rows[0] as Record<string, number>;
    // Independent: DuckDB over the CSV, extra-EU flows of 283691 (the only lithium code in the file), tonnes.
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    const list = EU27.map((c) => `'${c}'`).join(',');
    // Rows without a quantity are imputed at the unit value of the same group's rows with one (imports: per partner;
    // exports: all partners of the code), as readImportsByPartner / readExports define it.
    const q = await con.runAndReadAll(
      `WITH f AS (SELECT * FROM read_csv('${real.baci2024}', header = true) WHERE hs6 = 283691),
       imp AS (SELECT sum(qty_t) * sum(value_kusd) / sum(value_kusd) FILTER (WHERE qty_t IS NOT NULL) AS t
               FROM f WHERE importer IN (${list}) AND exporter NOT IN (${list}) GROUP BY exporter),
       exp AS (SELECT sum(qty_t) * sum(value_kusd) / sum(value_kusd) FILTER (WHERE qty_t IS NOT NULL) AS t
               FROM f WHERE exporter IN (${list}) AND importer NOT IN (${list}))
       SELECT (SELECT sum(t) FROM imp), (SELECT t FROM exp),
              (SELECT count(*) FROM f WHERE qty_t IS NULL AND ((importer IN (${list})) <> (exporter IN (${list}))))`,
    );
    const [imp, exp, missing] = q.getRows()[0] as [number, number, bigint];
    con.closeSync();
    inst.closeSync();
    assert.ok(missing > 0n, 'some extra-EU lithium flows lack a quantity in BACI 2024');
    assert.ok(Math.abs(row.imports_t - imp) < 1e-6, `${row.imports_t} vs ${imp}`);
    assert.ok(Math.abs(row.exports_t - exp) < 1e-6, `${row.exports_t} vs ${exp}`);
    // 2024 is a leap year: daily = net / 366; benchmark = daily × 60.
    assert.ok(Math.abs(row.tonnes - ((imp - exp) / 366) * 60) < 1e-6);
    assert.equal(row.currency, 'USD');
    assert.ok(Math.abs(row.value_eur - row.value / 1.0821) < 1e-3);
    assert.equal(r.provenance[0].dataset.startsWith('baci:'), true);
  });

  test('Art. 23: a net exporter gets 0 and a warning (EU27 cobalt oxides 2024)', {
    skip: !real.baci2024 && 'real data absent',
  }, async () => {
    const r = await stockpileSizing(db, { material: 'cobalt', year: 2024 });
    assert.ok((r.rows[0].net_imports_t as number) < 0);
    assert.equal(r.rows[0].tonnes, 0);
    assert.ok(r.warnings.some((w) => /net exporter of cobalt in 2024/.test(w)));
    assert.ok(r.warnings.some((w) => /pass usdPerEur/.test(w)));
  });

  test('data mode errors: unknown material, no data for the year', {
    skip: !real.baci2024 && 'real data absent',
  }, async () => {
    await assert.rejects(stockpileSizing(db, { material: 'unobtainium' }), /unknown material: "unobtainium"/);
    await assert.rejects(stockpileSizing(db, { material: 'lithium', year: 2019 }), /no trade flows of lithium in 2019/);
  });
}

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { dependencyScreen } from '../../src/analyses/screen.js';
import { tradeFactsheet } from '../../src/analyses/trade-factsheet.js';
import type { Db } from '../../src/store/db.js';
import { writeDataset } from '../../src/store/registry.js';
import { realFile } from '../support/real-data.js';
import { tempStore } from '../support/store.js';

/**
 * Real BACI extracts (../shared/data/real/baci-crm, ../shared/data/real/baci): the screen's HHI per product against
 * an independent computation from the raw file in plain JS, and the partner shares and HHIs that the data's curator
 * computed and wrote down (SOURCE.md), which match the EU CRM 2023 study's sourcing figures.
 * The rows are loaded here with DuckDB's read_csv in BACI's import view (migrations/100-trade-flows.ts), not with the
 * BACI importer, so that this test checks the screen alone.
 */

const baci2022 = realFile('baci-crm/baci_2022.csv');
const baci2024 = realFile('baci-crm/BACI_HS17_V202601_2024_crm30_with_qty.csv');
const algeria = realFile('baci/BACI_extract_Algeria_imports_2021.csv');

/** EU27 (2020 composition), written out here so the oracle does not depend on the countries table. */
const eu27 =
  'AUT BEL BGR CYP CZE DEU DNK ESP EST FIN FRA GRC HRV HUN IRL ITA LTU LUX LVA MLT NLD POL PRT ROU SVK SVN SWE'.split(
    ' ',
  );

let store: Awaited<ReturnType<typeof tempStore>>;
before(async () => {
  store = await tempStore();
});
after(() => store?.cleanup());

async function register(db: Db, id: string, rows: number) {
  await writeDataset(db, {
    id,
    source: 'baci',
    title: `real BACI extract ${id}`,
    kind: 'import',
    vintage: 'V202601',
    url: null,
    file: null,
    sha256: id,
    licence: 'Etalab 2.0',
    rows,
    trade_concept: null,
    tables: ['trade_flows'],
    params: null,
  });
}

const insertColumns =
  'dataset_id, source, year, period, reporter, partner, partner_code, partner_is_country, flow, classification, nomenclature, product, confidential, value, currency, valuation, quantity_kg';

async function loadIso3(db: Db, path: string, year: number, id: string) {
  await db.run(
    `INSERT INTO trade_flows (${insertColumns})
     SELECT $id, 'baci', $year, $period, j, i, i, true, 'import', 'HS6', 'HS17', lpad(cmd, 6, '0'), false, value, 'USD', 'FOB', NULL
     FROM read_csv($path, header = true, columns = {'i': 'VARCHAR', 'j': 'VARCHAR', 'cmd': 'VARCHAR', 'value': 'DOUBLE'})`,
    { id, year, period: String(year), path },
  );
  await register(db, id, 0);
}

/** Extra-EU import HHI and partner shares per product, straight from the CSV (i exporter, j importer). */
function independentEu(path: string) {
  const byProduct = new Map<string, Map<string, number>>();
  for (const line of readFileSync(path, 'utf8').trim().split('\n').slice(1)) {
    const [i, j, cmd, value] = line.split(',');
    if (!eu27.includes(j) || eu27.includes(i)) continue;
    const partners = byProduct.get(cmd) ?? new Map<string, number>();
    partners.set(i, (partners.get(i) ?? 0) + Number(value));
    byProduct.set(cmd, partners);
  }
  return new Map(
    [...byProduct].map(([product, partners]) => {
      const total = [...partners.values()].reduce((s, v) => s + v, 0);
      const hhi = [...partners.values()].reduce((s, v) => s + (v / total) ** 2, 0);
      return [product, { hhi, total, shares: new Map([...partners].map(([p, v]) => [p, v / total])) }];
    }),
  );
}

test('BACI 2022, 30 CRM codes: the EU27 extra-EU HHI of every product equals an independent computation', {
  skip: !baci2022 && 'real data absent',
}, async () => {
  await loadIso3(store.db, baci2022!, 2022, 'baci-crm-2022');
  const result = await dependencyScreen(store.db, {
    preset: 'ec2021',
    reporter: 'EU27',
    years: '2022',
    dataset: ['baci-crm-2022'],
  });
  const oracle = independentEu(baci2022!);
  assert.equal(result.rows.length, 30);
  for (const row of result.rows) {
    const expected = oracle.get(String(row.product));
    assert.ok(expected, `${row.product} has extra-EU imports`);
    assert.ok(Math.abs((row.hhi as number) - expected.hhi) < 1e-6, `${row.product}: ${row.hhi} vs ${expected.hhi}`);
    assert.ok(Math.abs((row.value as number) - expected.total) < 0.01 * Math.max(1, expected.total) * 1e-6 + 0.01);
  }
  assert.equal(result.method.params.exports.value, 'mirror');
});

test('BACI 2022: main suppliers and shares as the curator measured them (EU CRM 2023 sourcing in brackets)', {
  skip: !baci2022 && 'real data absent',
}, async () => {
  const result = await dependencyScreen(store.db, {
    preset: 'ec2021',
    reporter: 'EU27',
    years: '2022',
    dataset: ['baci-crm-2022'],
  });
  const row = (p: string) => result.rows.find((r) => r.product === p)!;
  const pct = (x: unknown) => Math.round((x as number) * 1000) / 10;
  // SOURCE.md: ferro-niobium BRA 82.1 %, HHI 0.71 (CRM 2023: Brazil 82 %)
  assert.equal(row('720293').main_supplier, 'BRA');
  assert.equal(pct(row('720293').main_supplier_share), 82.1);
  assert.ok(Math.abs((row('720293').hhi as number) - 0.71) < 0.006, `${row('720293').hhi}`);
  // Mn ores ZAF 44.6 % (41 %); borates TUR 97.1 % (99 %); Li carbonate CHL 86.2 % (79 %)
  assert.deepEqual([row('260200').main_supplier, pct(row('260200').main_supplier_share)], ['ZAF', 44.6]);
  assert.deepEqual([row('252800').main_supplier, pct(row('252800').main_supplier_share)], ['TUR', 97.1]);
  assert.deepEqual([row('283691').main_supplier, pct(row('283691').main_supplier_share)], ['CHL', 86.2]);
});

test('BACI 2022: Belgium as reporter — the HHI over all partners equals an independent computation', {
  skip: !baci2022 && 'real data absent',
}, async () => {
  const result = await dependencyScreen(store.db, {
    preset: 'fpb2024',
    reporter: 'BEL',
    years: '2022',
    level: 'HS6',
    dataset: ['baci-crm-2022'],
  });
  const byProduct = new Map<string, Map<string, number>>();
  for (const line of readFileSync(baci2022!, 'utf8').trim().split('\n').slice(1)) {
    const [i, j, cmd, value] = line.split(',');
    if (j !== 'BEL') continue;
    const m = byProduct.get(cmd) ?? new Map<string, number>();
    m.set(i, (m.get(i) ?? 0) + Number(value));
    byProduct.set(cmd, m);
  }
  assert.equal(result.rows.length, byProduct.size);
  for (const row of result.rows) {
    const values = [...byProduct.get(String(row.product))!.values()];
    const total = values.reduce((s, v) => s + v, 0);
    const hhi = values.reduce((s, v) => s + (v / total) ** 2, 0);
    assert.ok(Math.abs((row.hhi as number) - hhi) < 1e-6, `${row.product}: ${row.hhi} vs ${hhi}`);
  }
});

test('BACI 2021 Algeria extract (HS92, M49 codes): the import HHI of every product equals an independent computation', {
  skip: !algeria && 'real data absent',
}, async () => {
  await store.db.run(
    `INSERT INTO trade_flows (${insertColumns})
     SELECT 'baci-dza-2021', 'baci', CAST(t AS INTEGER), t, coalesce(cj.iso3, CAST(j AS VARCHAR)), coalesce(ci.iso3, CAST(i AS VARCHAR)),
            CAST(i AS VARCHAR), true, 'import', 'HS6', 'HS92', lpad(k, 6, '0'), false, CAST(v AS DOUBLE) * 1000, 'USD', 'FOB',
            TRY_CAST(trim(q) AS DOUBLE) * 1000
     FROM read_csv($path, header = true, all_varchar = true) f
     LEFT JOIN countries ci ON ci.baci_code = f.i LEFT JOIN countries cj ON cj.baci_code = f.j`,
    { path: algeria! },
  );
  await register(store.db, 'baci-dza-2021', 0);
  const result = await dependencyScreen(store.db, {
    preset: 'merics',
    reporter: 'DZA',
    years: '2021',
    dataset: ['baci-dza-2021'],
  });
  const byProduct = new Map<string, number[]>();
  for (const line of readFileSync(algeria!, 'utf8').trim().split('\n').slice(1)) {
    const [, , , j, k, v] = line.split(',');
    if (j !== '12') continue;
    const code = k.padStart(6, '0');
    byProduct.set(code, [...(byProduct.get(code) ?? []), Number(v)]);
  }
  assert.equal(result.rows.length, byProduct.size);
  let checked = 0;
  for (const row of result.rows) {
    const values = byProduct.get(String(row.product))!;
    const total = values.reduce((s, v) => s + v, 0);
    if (total === 0) continue;
    const hhi = values.reduce((s, v) => s + (v / total) ** 2, 0);
    assert.ok(Math.abs((row.hhi as number) - hhi) < 1e-6, `${row.product}: ${row.hhi} vs ${hhi}`);
    checked++;
  }
  assert.equal(checked, 3870);
});

test('BACI 2024 with quantities: the magnet factsheet gives 39,297 t, China 91.0 % of tonnes and 88.6 % of value, 30.9 USD/kg', {
  skip: !baci2024 && 'real data absent',
}, async () => {
  await store.db.run(
    `INSERT INTO trade_flows (${insertColumns})
     SELECT 'baci-crm-2024', 'baci', year, CAST(year AS VARCHAR), importer, exporter, exporter, true, 'import', 'HS6', 'HS17',
            lpad(CAST(hs6 AS VARCHAR), 6, '0'), false, value_kusd * 1000, 'USD', 'FOB', qty_t * 1000
     FROM read_csv($path, header = true, types = {'hs6': 'VARCHAR'})`,
    { path: baci2024! },
  );
  await register(store.db, 'baci-crm-2024', 0);
  const byYear = await tradeFactsheet(store.db, 'ree-magnets', {
    reporter: 'EU27',
    years: '2024',
    dataset: ['baci-crm-2024'],
  });
  const y = byYear.rows[0];
  assert.equal(Math.round(y.import_tonnes as number), 39297);
  assert.equal(y.top_partner, 'CHN');
  assert.equal(Math.round((y.top_share as number) * 1000) / 10, 88.6);
  assert.equal(Math.round((y.import_unit_value as number) * 10) / 10, 30.9);
  const byPartner = await tradeFactsheet(store.db, 'ree-magnets', {
    reporter: 'EU27',
    years: '2024',
    dataset: ['baci-crm-2024'],
    by: 'partner',
  });
  const china = byPartner.rows.find((r) => r.partner === 'CHN')!;
  assert.equal(Math.round((china.tonnes_share as number) * 1000) / 10, 91.0);
});

test('through the BACI importer: the same EU27 HHIs as the independent computation', {
  skip: !baci2022 && 'real data absent',
}, async () => {
  const { importerFor } = await import('../../src/sources/catalogue.js');
  const { runImport } = await import('../../src/sources/run-import.js');
  const other = await tempStore();
  try {
    const report = await runImport(other.db, await importerFor('baci'), [baci2022!]);
    const result = await dependencyScreen(other.db, {
      preset: 'ec2021',
      reporter: 'EU27',
      years: '2022',
      dataset: [report.dataset],
    });
    const oracle = independentEu(baci2022!);
    assert.equal(result.rows.length, 30);
    for (const row of result.rows)
      assert.ok(Math.abs((row.hhi as number) - oracle.get(String(row.product))!.hhi) < 1e-6, String(row.product));
  } finally {
    other.cleanup();
  }
});

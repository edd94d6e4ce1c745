import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { crmaBenchmarks, readBenchmarkTargets } from '../../src/analyses/benchmarks.js';
import { crmaTargets } from '../../src/methods/crma-benchmarks.js';
import type { Db } from '../../src/store/db.js';
import { tempStore } from '../support/store.js';

/**
 * The benchmark analysis reads tables owned by other importers (eu-crm-study, wmd, usgs-mcs, comext/baci).
 * Their migrations (101, 103, 100/120) create them; the CREATE TABLE IF NOT EXISTS below (same columns) only keeps
 * this test independent of those capabilities and is a no-op when their migrations are present.
 */
const contractTables = `
  CREATE TABLE IF NOT EXISTS eu_crm_supply_shares (dataset_id VARCHAR NOT NULL, material_id VARCHAR,
    material_name VARCHAR NOT NULL, stage VARCHAR NOT NULL, scope VARCHAR NOT NULL, country_iso3 VARCHAR,
    country_name VARCHAR NOT NULL, share DOUBLE NOT NULL, share_text VARCHAR NOT NULL, share_bound VARCHAR,
    t DOUBLE NOT NULL, source_line INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS production (dataset_id VARCHAR NOT NULL, source VARCHAR NOT NULL, commodity VARCHAR NOT NULL,
    material_id VARCHAR, stage VARCHAR, statistic VARCHAR, country_iso3 VARCHAR, country_name VARCHAR NOT NULL,
    is_aggregate BOOLEAN NOT NULL, year INTEGER NOT NULL, quantity DOUBLE, unit VARCHAR NOT NULL, flag VARCHAR,
    note VARCHAR, source_line INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS wmd_hs_map (dataset_id VARCHAR NOT NULL, commodity VARCHAR NOT NULL, material_id VARCHAR,
    category VARCHAR, reference_id VARCHAR, stage VARCHAR, symbol VARCHAR, hs6 VARCHAR, hs_role VARCHAR,
    hs_description VARCHAR, eol_rir DOUBLE, reference_url VARCHAR, source_line INTEGER NOT NULL);`;

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
  await db.run(contractTables);
});
after(() => store.cleanup());

test('the reference file holds the four Art. 5 benchmarks the method uses', () => {
  assert.deepEqual(readBenchmarkTargets(), crmaTargets);
});

test('with no supply or recycling data the error names what to import', async () => {
  await assert.rejects(crmaBenchmarks(db), (e: Error & { hint?: string }) => {
    assert.match(e.message, /no data for the CRM Act benchmarks/);
    assert.match(e.hint ?? '', /radar import eu-crm-study/);
    assert.match(e.hint ?? '', /radar import wmd/);
    return true;
  });
});

test('EU sourcing shares and EoL-RIR: a hand-built case (EU CRM 2023 lines for cobalt and lithium)', async () => {
  // fact_EUSupplyShares&t.csv, processing stage: Cobalt BE 29%, FI 62%, CN 2%, CD 2%, NO 1%, UK 1%;
  // Lithium AR 6%, CL 79%, CN 1%, CH 7%, US 5%.
  const shares: [string, string, number][] = [
    ['cobalt', 'BEL', 0.29],
    ['cobalt', 'FIN', 0.62],
    ['cobalt', 'CHN', 0.02],
    ['cobalt', 'COD', 0.02],
    ['cobalt', 'NOR', 0.01],
    ['cobalt', 'GBR', 0.01],
    ['lithium', 'ARG', 0.06],
    ['lithium', 'CHL', 0.79],
    ['lithium', 'CHN', 0.01],
    ['lithium', 'CHE', 0.07],
    ['lithium', 'USA', 0.05],
  ];
  for (const [i, [material, iso3, share]] of shares.entries()) {
    await db.run(
      `INSERT INTO eu_crm_supply_shares (dataset_id, material_id, material_name, stage, scope, country_iso3, country_name,
         share, share_text, share_bound, t, source_line)
       VALUES ('eu-crm-study:test', $1, $1, 'processing', 'eu_sourcing', $2, $2, $3, $4, NULL, 1, $5)`,
      [material, iso3, share, `${share * 100}%`, i + 2],
    );
  }
  await db.run(
    `INSERT INTO wmd_hs_map (dataset_id, commodity, material_id, stage, hs6, eol_rir, source_line) VALUES
       ('wmd:test', 'Cobalt', 'cobalt', 'processing', '810520', 0.22, 2),
       ('wmd:test', 'Lithium', 'lithium', 'processing', '283691', 0, 3)`,
  );
  const r = await crmaBenchmarks(db, { material: 'cobalt' });
  const get = (benchmark: string) => r.rows.find((x) => x.benchmark === benchmark)!;
  assert.ok(Math.abs((get('processing').value as number) - 0.91) < 1e-12); // BE + FI; the UK is not EU in 2024
  assert.equal(get('processing').meets, true);
  assert.equal(get('processing').basis, 'eu-sourcing-share');
  assert.equal(get('processing').proxy, true);
  assert.equal(get('recycling').value, 0.22);
  assert.equal(get('recycling').meets, false);
  assert.ok(Math.abs((get('recycling').gap as number) - 0.03) < 1e-12);
  assert.match(get('recycling').proxy_note as string, /EoL-RIR/);
  const third = get('single-third-country');
  assert.equal(third.value, 0.02);
  assert.ok(['CHN', 'COD'].includes(third.country as string));
  assert.equal(third.meets, true);

  const li = await crmaBenchmarks(db, { material: 'lithium' });
  const chile = li.rows.find((x) => x.benchmark === 'single-third-country')!;
  assert.deepEqual([chile.country, chile.value, chile.meets], ['CHL', 0.79, false]);
  assert.ok(Math.abs((chile.gap as number) - 0.14) < 1e-12);
  assert.equal(li.rows.find((x) => x.benchmark === 'processing')!.value, 0); // no EU member among the sources
  assert.ok(li.warnings.some((w) => /at least 1% only/.test(w)));
});

test('production against extra-EU trade: consumption = output + imports − exports (hand-built gallium case)', async () => {
  // EU output 10 t (DEU); extra-EU imports 30 t from CHN and 5 t from USA (reported by DEU and FRA); an intra-EU
  // flow (FRA → DEU, 100 t) that must not count; extra-EU exports 5 t → consumption 40 t.
  await db.run(
    `INSERT INTO production (dataset_id, source, commodity, material_id, stage, statistic, country_iso3, country_name,
       is_aggregate, year, quantity, unit, flag, note, source_line) VALUES
       ('wmd:test', 'wmd', 'Gallium', 'gallium', 'processing', NULL, 'DEU', 'Germany', false, 2022, 10, 't', NULL, NULL, 2),
       ('wmd:test', 'wmd', 'Gallium', 'gallium', 'processing', NULL, 'CHN', 'China', false, 2022, 600, 't', NULL, NULL, 3)`,
  );
  await db.run(
    `INSERT INTO wmd_hs_map (dataset_id, commodity, material_id, stage, hs6, eol_rir, source_line)
     VALUES ('wmd:test', 'Gallium', 'gallium', 'processing', '811292', NULL, 4)`,
  );
  const flows: [string, string, string, number][] = [
    ['DEU', 'CHN', 'import', 20000],
    ['FRA', 'CHN', 'import', 10000],
    ['DEU', 'USA', 'import', 5000],
    ['DEU', 'FRA', 'import', 100000],
    ['DEU', 'USA', 'export', 5000],
  ];
  for (const [reporter, partner, flow, kg] of flows) {
    await db.run(
      `INSERT INTO trade_flows (dataset_id, source, year, period, reporter, partner, partner_code, partner_is_country,
         flow, classification, nomenclature, product, confidential, stat_procedure, value, currency, valuation, quantity_kg)
       VALUES ('comext:test', 'comext', 2022, '2022', $1, $2, $2, true, $3, 'CN8', '2022', '81129289', false, NULL,
         1000, 'EUR', 'CIF', $4)`,
      [reporter, partner, flow, kg],
    );
  }
  const r = await crmaBenchmarks(db, { material: 'gallium' });
  const processing = r.rows.find((x) => x.benchmark === 'processing' && x.data === 'production+trade')!;
  assert.equal(processing.value, 10 / 40);
  assert.equal(processing.basis, 'output-vs-consumption');
  assert.equal(processing.meets, false);
  assert.ok(Math.abs((processing.gap_quantity as number) - 6) < 1e-9); // (0.40 − 0.25) × 40 t
  const third = r.rows.find((x) => x.benchmark === 'single-third-country' && x.data === 'production+trade')!;
  assert.deepEqual(
    [third.country, third.value, third.meets, third.basis],
    ['CHN', 0.75, false, 'import-share-of-consumption'],
  );
  assert.ok(r.warnings.some((w) => /gross weight/.test(w)));
});

test('a listed group is assessed through its members', async () => {
  await db.run(
    `INSERT INTO eu_crm_supply_shares (dataset_id, material_id, material_name, stage, scope, country_iso3, country_name,
       share, share_text, share_bound, t, source_line)
     VALUES ('eu-crm-study:test', 'neodymium', 'Neodymium', 'processing', 'eu_sourcing', 'CHN', 'China', 0.85, '85%', NULL, 1, 99)`,
  );
  const r = await crmaBenchmarks(db, { material: 'ree-magnets' });
  const nd = r.rows.find((x) => x.material === 'neodymium' && x.benchmark === 'single-third-country')!;
  assert.deepEqual([nd.part_of, nd.value, nd.meets], ['ree-magnets', 0.85, false]);
});

test('an unknown material is refused with suggestions', async () => {
  await assert.rejects(crmaBenchmarks(db, { material: 'lithum' }), /unknown material: "lithum"/);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Db } from '../../../src/store/db.js';
import { realFile } from '../../support/real-data.js';
import { tempStore } from '../../support/store.js';
import { assertRejected, fixture, importFiles } from '../eu-crm-study/helpers.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const files = [
  'usgs-mcs/MCS2026_Commodities_Data_sample.csv',
  'usgs-mcs/MCS2025_T5_Critical_Minerals_Salient.csv',
  'usgs-mcs/MCS2025_Fig2_Net_Import_Reliance.csv',
  'usgs-mcs/MCS2025_T4_Critical_Minerals_End_Use.csv',
].map((f) => realFile(f));
const haveReal = files.every(Boolean);

test('real USGS MCS samples: row counts per table and exact values', {
  skip: !haveReal && 'real data absent',
}, async () => {
  const report = await importFiles(db, 'usgs-mcs', files as string[]);
  assert.equal(report.vintage, 'MCS2025+MCS2026');
  const one = (sql: string) => db.one<Record<string, unknown>>(sql);
  assert.equal((await one("SELECT count(*) AS n FROM production WHERE source = 'usgs-mcs'"))?.n, 140);
  assert.equal((await one('SELECT count(*) AS n FROM usgs_mcs_salient'))?.n, 31);
  assert.equal((await one('SELECT count(*) AS n FROM usgs_mcs_nir'))?.n, 64);
  assert.equal((await one('SELECT count(*) AS n FROM usgs_mcs_end_uses'))?.n, 50);
  assert.equal(report.rows, 140 + 31 + 64 + 50);
  // COBALT,…,Australia,Production,Mine production,metric tons,2024,"4,780",Estimated.
  assert.deepEqual(
    await one(
      "SELECT material_id, stage, country_iso3, quantity, unit, flag FROM production WHERE commodity = 'Cobalt' AND country_name = 'Australia' AND year = 2024",
    ),
    { material_id: 'cobalt', stage: 'extraction', country_iso3: 'AUS', quantity: 4780, unit: 'metric tons', flag: 'E' },
  );
  assert.equal(
    (await one("SELECT country_iso3 FROM production WHERE country_name = 'Congo (Kinshasa)' LIMIT 1"))?.country_iso3,
    'COD',
  );
  assert.equal((await one("SELECT count(*) AS n FROM production WHERE flag = '—' AND quantity = 0"))?.n, 12);
  assert.equal(
    (
      await one(
        "SELECT count(*) AS n FROM production WHERE is_aggregate AND country_name IN ('World total', 'Other countries')",
      )
    )?.n,
    20,
  );
  assert.equal(
    (await one('SELECT count(*) AS n FROM production WHERE country_iso3 IS NULL AND NOT is_aggregate'))?.n,
    0,
  );
  // T5: Aluminum (bauxite): NIR ">75", leading country Guinea with 29% of 450,000,000
  assert.deepEqual(
    await one(
      "SELECT material_id, primary_prod, primary_prod_text, net_import_reliance, net_import_reliance_flag, leading_country_iso3, leading_country_share, world_total_prod FROM usgs_mcs_salient WHERE mineral = 'Aluminum (bauxite)'",
    ),
    {
      material_id: 'aluminium-bauxite',
      primary_prod: null,
      primary_prod_text: 'W',
      net_import_reliance: 0.75,
      net_import_reliance_flag: '>',
      leading_country_iso3: 'GIN',
      leading_country_share: 0.29,
      world_total_prod: 450000000,
    },
  );
  // Beryllium: the US is a net exporter ("E")
  assert.deepEqual(
    await one("SELECT net_import_reliance, net_import_reliance_flag FROM usgs_mcs_salient WHERE mineral = 'Beryllium'"),
    {
      net_import_reliance: 0,
      net_import_reliance_flag: 'E',
    },
  );
  assert.deepEqual(
    await one("SELECT material_id, year, net_import_reliance FROM usgs_mcs_nir WHERE commodity = 'GALLIUM, metal'"),
    {
      material_id: 'gallium',
      year: 2024,
      net_import_reliance: 1,
    },
  );
  assert.ok(report.warnings.some((w) => /unresolved commodity names \(no Radar material\).*"CESIUM"/.test(w)));
});

test('fixture in Windows-1252: "—" is zero, W withheld, aggregates, reserves apart', async () => {
  const report = await importFiles(db, 'usgs-mcs', [
    fixture('usgs-mcs', 'MCS2026_Commodities_Data-cp1252.csv'),
    fixture('usgs-mcs', 'MCS2025_Fig2_Net_Import_Reliance-small.csv'),
  ]);
  const rows = await db.all<Record<string, unknown>>(
    'SELECT country_name, country_iso3, is_aggregate, quantity, flag, statistic FROM production WHERE dataset_id = $1 ORDER BY source_line',
    [report.dataset],
  );
  assert.deepEqual(
    rows.map((r) => Object.values(r)),
    [
      ['Australia', 'AUS', false, 4780, 'E', 'Mine production'],
      ['Congo (Kinshasa)', 'COD', false, 220000, 'E', 'Mine production'],
      ['United States', 'USA', false, null, 'W', 'Mine production'],
      ['Cuba', 'CUB', false, 0, '—', 'Mine production'],
      ['Other countries', null, true, 8000, 'E', 'Mine production'],
      ['World total', null, true, 233000, null, 'Mine production: rounded'],
    ],
  );
  assert.deepEqual(
    await db.one("SELECT value, flag FROM usgs_mcs_statistics WHERE dataset_id = $1 AND statistic = 'Reserves'", [
      report.dataset,
    ]),
    { value: 1700000, flag: '>' },
  );
  const nir = await db.all(
    'SELECT commodity, material_id, net_import_reliance, net_import_reliance_flag FROM usgs_mcs_nir WHERE dataset_id = $1 ORDER BY 1',
    [report.dataset],
  );
  assert.deepEqual(
    nir.map((r) => Object.values(r)),
    [
      ['BERYLLIUM', 'beryllium', 0, 'E'],
      ['GALLIUM, metal', 'gallium', 1, null],
      ['TITANIUM MINERAL CONCENTRATES', 'titanium', 0.75, '>'],
    ],
  );
});

test('a value that is not a USGS value, and a duplicate key, are rejected with file:line(:column)', async () => {
  await assertRejected(
    db,
    'usgs-mcs',
    [fixture('usgs-mcs', 'MCS2026_Commodities_Data-bad-value.csv')],
    /-bad-value\.csv:2:9: Value: "about 4780" is not a USGS value/,
  );
  await assertRejected(
    db,
    'usgs-mcs',
    [fixture('usgs-mcs', 'MCS2026_Commodities_Data-duplicate.csv')],
    /-duplicate\.csv:3: duplicate key Cobalt \/ Australia \/ Mine production \/ 2024: already on line 2/,
  );
  await assertRejected(
    db,
    'usgs-mcs',
    [fixture('eu-crm-study', 'small-dimension_CRMsOverTime.csv')],
    /not a USGS MCS data-release table/,
  );
});

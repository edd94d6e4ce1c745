import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Db } from '../../../src/store/db.js';
import { realFile } from '../../support/real-data.js';
import { tempStore } from '../../support/store.js';
import { assertRejected, fixture, importFiles } from './helpers.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const real = {
  overTime: realFile('eu-crm-2023/dimension_CRMsOverTime.csv'),
  global: realFile('eu-crm-2023/fact_GlobalSupplyShares&t.csv'),
  eu: realFile('eu-crm-2023/fact_EUSupplyShares&t.csv'),
  uses: realFile('eu-crm-2023/fact_MaterialUseShares.csv'),
  groupings: realFile('eu-crm-2023/dimension_ScreenedMatGroupings.csv'),
};
const haveReal = Object.values(real).every(Boolean);

test('real EU CRM 2023 tables: row counts per table', { skip: !haveReal && 'real data absent' }, async () => {
  const report = await importFiles(db, 'eu-crm-study', Object.values(real) as string[]);
  assert.equal(report.status, 'imported');
  assert.equal(report.vintage, '2023');
  const count = async (sql: string) => (await db.one<{ n: number }>(sql))?.n;
  const ds = report.dataset;
  assert.equal(await count(`SELECT count(*) AS n FROM eu_crm_sr_ei WHERE dataset_id = '${ds}'`), 355);
  assert.equal(await count(`SELECT count(*) AS n FROM eu_crm_supply_shares WHERE scope = 'global'`), 2561);
  assert.equal(await count(`SELECT count(*) AS n FROM eu_crm_supply_shares WHERE scope = 'eu_sourcing'`), 907);
  // 339 records in the file (15 have a sector name split over two lines); one exact repeat is kept once.
  assert.equal(await count('SELECT count(*) AS n FROM eu_crm_use_shares'), 338);
  assert.equal(await count('SELECT count(*) AS n FROM eu_crm_groupings'), 90);
  assert.equal(report.rows, 355 + 2561 + 907 + 338 + 90);
  // Every material and country spelling resolves through the reference aliases.
  assert.equal(
    await count('SELECT count(*) AS n FROM eu_crm_supply_shares WHERE material_id IS NULL OR country_iso3 IS NULL'),
    0,
  );
  assert.equal(await count('SELECT count(*) AS n FROM eu_crm_sr_ei WHERE material_id IS NULL'), 0);
  assert.equal(await count('SELECT count(*) AS n FROM eu_crm_use_shares WHERE material_id IS NULL'), 0);
  assert.ok(report.warnings.some((w) => /line 193 repeats line 192 \(Magnesium \/ Construction \/ C25\)/.test(w)));
  assert.ok(report.warnings.some((w) => /fact_EUSupplyShares&t\.csv:712 "6"/.test(w)));
  assert.ok(report.warnings.some((w) => /C24 has VA 204200 on line\(s\) 198/.test(w)));
});

test('real values read exactly: shares, "<0.1%", t, cp1252 names, split cells, editions', {
  skip: !haveReal && 'real data absent',
}, async () => {
  const one = (sql: string) => db.one<Record<string, unknown>>(sql);
  // fact_GlobalSupplyShares&t.csv line 604: Cobalt,E,"Congo, D.R.",62.8%,1.1
  assert.deepEqual(
    await one(
      "SELECT material_id, stage, country_iso3, share, share_text, t, source_line FROM eu_crm_supply_shares WHERE scope = 'global' AND material_name = 'Cobalt' AND stage = 'extraction' AND country_iso3 = 'COD'",
    ),
    {
      material_id: 'cobalt',
      stage: 'extraction',
      country_iso3: 'COD',
      share: 0.628,
      share_text: '62.8%',
      t: 1.1,
      source_line: 604,
    },
  );
  // line 3: Gypsum,E,Afghanistan,<0.1%,1.0
  assert.deepEqual(
    await one(
      "SELECT share, share_bound FROM eu_crm_supply_shares WHERE material_id = 'gypsum' AND country_iso3 = 'AFG'",
    ),
    { share: 0.0005, share_bound: '<' },
  );
  // cp1252 "T\xfcrkiye" (line 2239: Aluminium,E,Türkiye,0.5%,1.0) → TUR, merged 2023 material
  assert.deepEqual(
    await one(
      "SELECT material_id, country_name, share FROM eu_crm_supply_shares WHERE scope = 'global' AND source_line = 2239",
    ),
    { material_id: 'aluminium-bauxite', country_name: 'Türkiye', share: 0.005 },
  );
  // Silicon metal / Germany written as "6" in the EU table → 6%
  assert.equal(
    (
      await one(
        "SELECT share FROM eu_crm_supply_shares WHERE scope = 'eu_sourcing' AND material_id = 'silicon-metal' AND country_iso3 = 'DEU'",
      )
    )?.share,
    0.06,
  );
  // dimension_CRMsOverTime.csv lines 3, 75, 146, 218, 290: "Aluminium" is aluminium until 2020, aluminium/bauxite in 2023
  assert.deepEqual(
    (
      await db.all(
        "SELECT edition, material_id, sr, ei FROM eu_crm_sr_ei WHERE material_name = 'Aluminium' ORDER BY edition",
      )
    ).map((r) => Object.values(r)),
    [
      [2011, 'aluminium', 0.2, 8.9],
      [2014, 'aluminium', 0.4, 7.6],
      [2017, 'aluminium', 0.5, 6.5],
      [2020, 'aluminium', 0.6, 5.4],
      [2023, 'aluminium-bauxite', 1.1, 5.5],
    ],
  );
  // "Natural Teak\nwood" is one name split over two lines
  assert.deepEqual(
    await one(
      "SELECT material_id, sr, ei FROM eu_crm_sr_ei WHERE material_name = 'Natural Teak wood' AND edition = 2023",
    ),
    {
      material_id: 'natural-teak-wood',
      sr: 1.7,
      ei: 2.4,
    },
  );
  // "-" = not assessed: kept with NULLs
  assert.deepEqual(await one("SELECT sr, ei FROM eu_crm_sr_ei WHERE material_name = 'Bauxite' AND edition = 2023"), {
    sr: null,
    ei: null,
  });
  // fact_MaterialUseShares.csv line 10: "C29 - Manufacture of motor\nvehicles, …",194448
  assert.deepEqual(
    await one(
      "SELECT material_id, share, nace_code, nace_name, va_million_eur FROM eu_crm_use_shares WHERE material_name = 'Aluminium' AND application = 'Automotive industry'",
    ),
    {
      material_id: 'aluminium-bauxite',
      share: 0.19,
      nace_code: 'C29',
      nace_name: 'Manufacture of motor vehicles, trailers and semi-trailers',
      va_million_eur: 194448,
    },
  );
  assert.equal(
    (await one("SELECT share FROM eu_crm_use_shares WHERE material_name = 'Copper' AND share_bound = '>'"))?.share,
    0,
  );
});

test('the same files again change nothing (sha256)', { skip: !haveReal && 'real data absent' }, async () => {
  const report = await importFiles(db, 'eu-crm-study', Object.values(real) as string[]);
  assert.equal(report.status, 'unchanged');
});

test('a small cp1252 fixture: quoted names, "<0.1%", Türkiye, unknown names kept with NULL ids and counted', async () => {
  const report = await importFiles(db, 'eu-crm-study', [
    fixture('eu-crm-study', 'small-fact_GlobalSupplyShares&t.csv'),
    fixture('eu-crm-study', 'small-fact_EUSupplyShares&t.csv'),
    fixture('eu-crm-study', 'small-dimension_CRMsOverTime.csv'),
    fixture('eu-crm-study', 'small-fact_MaterialUseShares.csv'),
  ]);
  const rows = await db.all<Record<string, unknown>>(
    `SELECT scope, material_id, material_name, country_iso3, country_name, share, share_bound FROM eu_crm_supply_shares
     WHERE dataset_id = $1 ORDER BY scope, source_line`,
    [report.dataset],
  );
  assert.equal(rows.length, 8);
  assert.deepEqual(
    rows.find((r) => r.country_name === 'Türkiye'),
    {
      scope: 'global',
      material_id: 'cobalt',
      material_name: 'Cobalt',
      country_iso3: 'TUR',
      country_name: 'Türkiye',
      share: 0.0005,
      share_bound: '<',
    },
  );
  assert.equal(rows.find((r) => r.material_name === 'Unobtainium')?.material_id, null);
  assert.equal(rows.find((r) => r.country_name === 'Atlantis')?.country_iso3, null);
  assert.ok(report.warnings.some((w) => /1 row\(s\) with 1 unresolved material names \("Unobtainium"\)/.test(w)));
  assert.ok(report.warnings.some((w) => /1 row\(s\) with 1 unresolved country names \("Atlantis"\)/.test(w)));
  assert.ok(report.warnings.some((w) => /line 4 repeats line 2 \(Cobalt \/ Batteries \/ C27\)/.test(w)));
  const uses = await db.all(
    'SELECT share, nace_code, va_million_eur FROM eu_crm_use_shares WHERE dataset_id = $1 ORDER BY source_line',
    [report.dataset],
  );
  assert.deepEqual(
    uses.map((u) => Object.values(u)),
    [
      [0.5, 'C27', 89422],
      [0.3, 'C24', 64561],
      [0.2, null, null],
    ],
  );
});

test('truncated file (a quote never closed): error names the line, store unchanged', async () => {
  const message = await assertRejected(
    db,
    'eu-crm-study',
    [fixture('eu-crm-study', 'fact_GlobalSupplyShares&t-truncated.csv')],
    /truncated/,
  );
  assert.match(message, /^fact_GlobalSupplyShares&t-truncated\.csv:3: /);
});

test('a short row: error names file:line:column and what was expected', async () => {
  const message = await assertRejected(
    db,
    'eu-crm-study',
    [fixture('eu-crm-study', 'fact_GlobalSupplyShares&t-short-row.csv')],
    /truncated/,
  );
  assert.match(message, /^fact_GlobalSupplyShares&t-short-row\.csv:3:4: Share: the row has 3 field\(s\)/);
});

test('wrong header: error names the header and the tables expected', async () => {
  const message = await assertRejected(
    db,
    'eu-crm-study',
    [fixture('eu-crm-study', 'fact_GlobalSupplyShares&t-wrong-header.csv')],
    /not an EU CRM study table/,
  );
  assert.match(message, /Material,Stage,Country,Share,t/);
});

test('bad number: "12,5%" is rejected at file:line:column', async () => {
  await assertRejected(
    db,
    'eu-crm-study',
    [fixture('eu-crm-study', 'fact_GlobalSupplyShares&t-bad-share.csv')],
    /^fact_GlobalSupplyShares&t-bad-share\.csv:3:4: Share: "12,5%" is not a percentage/,
  );
  await assertRejected(
    db,
    'eu-crm-study',
    [fixture('eu-crm-study', 'fact_GlobalSupplyShares&t-bad-stage.csv')],
    /:2:2: Stage: "X" is not a stage/,
  );
});

test('wrong encoding: a UTF-8 byte-order mark followed by a Windows-1252 byte', async () => {
  await assertRejected(
    db,
    'eu-crm-study',
    [fixture('eu-crm-study', 'fact_EUSupplyShares&t-mixed-encoding.csv')],
    /^fact_EUSupplyShares&t-mixed-encoding\.csv:3:11: .*byte 0xFC.*"ü"/,
  );
  await assertRejected(db, 'eu-crm-study', [fixture('eu-crm-study', 'fact_EUSupplyShares&t-utf16.csv')], /UTF-16/);
});

test('duplicate key with different values: error names both lines', async () => {
  await assertRejected(
    db,
    'eu-crm-study',
    [fixture('eu-crm-study', 'fact_EUSupplyShares&t-duplicate.csv')],
    /:4: duplicate key Cobalt \/ processing \/ Finland: already on line 2 with different values/,
  );
});

test('one bad file among good ones: nothing of the good ones is kept either', async () => {
  await assertRejected(
    db,
    'eu-crm-study',
    [
      fixture('eu-crm-study', 'small-dimension_CRMsOverTime.csv'),
      fixture('eu-crm-study', 'fact_GlobalSupplyShares&t-bad-share.csv'),
    ],
    /12,5%/,
  );
});

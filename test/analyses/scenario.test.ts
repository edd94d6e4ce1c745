import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { diversificationScenario, recyclingScenario } from '../../src/analyses/diversification.js';
import { restrictionScenario } from '../../src/analyses/restriction-scenario.js';
import { exportRestrictions } from '../../src/analyses/restriction-timeline.js';
import {
  listScenarios,
  readSavedScenario,
  readScenarioFile,
  runScenario,
  saveScenario,
} from '../../src/analyses/scenario.js';
import { hhiWgiT, supplyRiskFormula } from '../../src/methods/criticality/supply-risk.js';
import type { Db } from '../../src/store/db.js';
import { tempDir, tempStore } from '../support/store.js';
import { importCriticalityInputs, importIotBel, loadComextCrm, real } from './levers-fixtures.js';

const hasReal = !!(real.crmDir && real.wgi && real.comextCrm && real.iotBel);
let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
let ioTable = '';

before(async () => {
  store = await tempStore();
  db = store.db;
  if (hasReal) {
    await importCriticalityInputs(db);
    await loadComextCrm(db);
    const io = await db.one<{ d: string; t: string }>('SELECT dataset_id AS d, table_id AS t FROM io_tables');
    if (!io) await importIotBel(db);
    const t = await db.one<{ d: string; t: string }>('SELECT dataset_id AS d, table_id AS t FROM io_tables');
    ioTable = `${t?.d}/${t?.t}`;
  }
});
after(() => store.cleanup());

test('the timeline holds the events the report cites, oldest first', async () => {
  const r = await exportRestrictions(db);
  const events = [...new Set(r.rows.map((x) => `${x.event_id}@${x.effective}`))];
  assert.deepEqual(events, [
    'id-2020-nickel-ore@2020-01-01',
    'cn-2023-ga-ge@2023-08-01',
    'cn-2023-graphite@2023-12-01',
    'cn-2023-ree-technology@2023-12-01',
    'cn-2024-us-ban@2024-12-03',
    'cn-2025-w-te-bi-mo-in@2025-02-04',
    'id-bauxite@null',
  ]);
  const feb2025 = r.rows
    .filter((x) => x.event_id === 'cn-2025-w-te-bi-mo-in')
    .map((x) => x.material_id)
    .sort();
  assert.deepEqual(feb2025, ['bismuth', 'indium', 'molybdenum', 'tellurium', 'tungsten']);
  assert.ok(r.rows.every((x) => x.source && x.locator));
  assert.deepEqual(
    (await exportRestrictions(db, { material: 'dysprosium' })).rows.map((x) => x.event_id),
    ['cn-2023-ree-technology'],
  );
});

test('restriction chain end to end on reference and real data: China restricts graphite (Dec 2023 event)', {
  skip: !hasReal && 'real data absent',
}, async () => {
  const r = await restrictionScenario(db, {
    kind: 'restriction',
    event: 'cn-2023-graphite',
    year: 2024,
    io: { table: ioTable },
  });
  const supply = r.rows.filter((x) => x.section === 'supply');
  assert.equal(supply.length, 1, 'the study assesses natural graphite at extraction only');
  const s = supply[0] as Record<string, number>;
  // EU 2023 study: China 66.7% of global extraction, 40% of EU sourcing; licence → default severity 0.5, t 1.0 → 1.2.
  assert.deepEqual([s.gs_share, s.eu_share, s.severity, s.t_before, s.t_after], [0.667, 0.4, 0.5, 1, 1.2]);
  assert.ok(Math.abs(s.gs_lost - 0.3335) < 1e-12);
  assert.ok(Math.abs(s.eu_lost - 0.2) < 1e-12);
  assert.ok(s.sr_after > s.sr_before, 'a restriction raises supply risk');
  // Only China's term moves: ΔSR = [Δ_GS·IR/2 + Δ_EU·(1 − IR/2)]·(1 − EoL)·SI with Δ = s²·WGI·(t' − t).
  const inputs = await db.one<{ ir: number; eol: number; si: number }>(
    "SELECT import_reliance AS ir, eol_rir AS eol, si_sr AS si FROM crm_assessment_inputs WHERE material_id = 'natural-graphite' AND stage = 'extraction'",
  );
  const chnWgi = await db.one<{ w: number }>(
    "SELECT (avg(m) - 2.5) * -2 AS w FROM (SELECT year, avg(estimate) AS m FROM wgi WHERE iso3 = 'CHN' AND year BETWEEN 2016 AND 2020 GROUP BY year)",
  );
  const w = chnWgi?.w as number;
  const expected = supplyRiskFormula(
    hhiWgiT([{ share: 0.667, wgi: w, t: 0.2 }]),
    hhiWgiT([{ share: 0.4, wgi: w, t: 0.2 }]),
    inputs?.ir as number,
    inputs?.eol as number,
    inputs?.si as number,
  );
  assert.ok(Math.abs(s.sr_change - expected) < 1e-9, `${s.sr_change} vs ${expected}`);
  // Trade (Comext 2024, CN8): imports of graphite (2504) from China × 0.5.
  assert.equal(s.currency, 'EUR');
  assert.ok(s.imports_from_country_value > 0 && Math.abs(s.lost_value - 0.5 * s.imports_from_country_value) < 1e-6);
  assert.ok(Math.abs(s.cut_fraction - s.lost_value / s.imports_value) < 1e-12);
  // Technologies: graphite is a battery material in the JRC list.
  assert.deepEqual(
    r.rows.filter((x) => x.section === 'technology').map((x) => x.technology),
    ['li-ion-batteries'],
  );
  // IO: Belgian imports of graphite from China stop by half → value added lost (Ghosh default, labelled assumed).
  const industry = r.rows.filter((x) => x.section === 'industry');
  assert.deepEqual(
    industry.slice(0, 2).map((x) => x.industry),
    ['all', 'manufacturing'],
  );
  assert.ok((industry[0].value_added_change as number) < 0);
  assert.equal(r.method.params.io_scenario_variant?.assumed, true);
  assert.equal(r.method.params.trade_parameter.assumed, true);
  assert.ok(r.provenance.some((p) => p.dataset.startsWith('eu-crm-study:')));
  assert.ok(r.provenance.some((p) => p.dataset.startsWith('wgi:')));
});

test('a ban on gallium: all of China’s share is lost, its t goes to 1.5, no technology is listed for gallium', {
  skip: !hasReal && 'real data absent',
}, async () => {
  const r = await restrictionScenario(db, {
    kind: 'restriction',
    restrictions: [{ country: 'CHN', material: 'gallium', measure: 'ban' }],
    year: 2024,
  });
  const s = r.rows.find((x) => x.section === 'supply') as Record<string, number>;
  assert.deepEqual([s.gs_share, s.gs_lost, s.eu_share, s.eu_lost, s.t_after], [0.938, 0.938, 0.69, 0.69, 1.5]);
  // Comext 2024: CN 81129289 extra-EU imports; the China share of value (67.9% per the extract's SOURCE.md check).
  assert.ok(
    Math.abs(s.imports_from_country_value / s.imports_value - 0.679) < 0.001,
    String(s.imports_from_country_value / s.imports_value),
  );
  assert.equal(s.cut_fraction, s.imports_from_country_value / s.imports_value);
  assert.equal(r.rows.filter((x) => x.section === 'technology').length, 0);
});

test('a host restriction moves its by-products: Indonesia’s nickel-ore ban → cobalt and iridium', {
  skip: !hasReal && 'real data absent',
}, async () => {
  const r = await restrictionScenario(db, { kind: 'restriction', event: 'id-2020-nickel-ore', year: 2024 });
  const s = r.rows.find((x) => x.section === 'supply') as Record<string, number>;
  const byp = new Map(
    r.rows.filter((x) => x.section === 'by-product').map((x) => [x.companion, x.companion_change as number]),
  );
  // nickel → cobalt is a 'host' edge (0.5) next to copper 'main-host' (1): weight 1/3; nickel → iridium 'host' next to platinum: 1/3.
  assert.ok(Math.abs((byp.get('cobalt') as number) + s.gs_lost / 3) < 1e-12);
  assert.ok(Math.abs((byp.get('iridium') as number) + s.gs_lost / 3) < 1e-12);
});

test('events aimed at one destination are left out unless asked, with a warning', async () => {
  await assert.rejects(
    restrictionScenario(db, { kind: 'restriction', event: 'cn-2024-us-ban' }),
    /no restriction to apply/,
  );
  const r = await restrictionScenario(db, { kind: 'restriction', event: 'cn-2024-us-ban', includeTargeted: true });
  assert.deepEqual([...new Set(r.rows.filter((x) => x.section === 'supply').map((x) => x.material))].sort(), [
    'antimony',
    'gallium',
    'germanium',
  ]);
  await assert.rejects(restrictionScenario(db, { kind: 'restriction', event: 'nope' }), /unknown event: "nope"/);
});

test('diversification: moving half of China’s EU sourcing of gallium to the US and Japan lowers HHI and SR', {
  skip: !hasReal && 'real data absent',
}, async () => {
  const r = await diversificationScenario(db, {
    kind: 'diversification',
    material: 'gallium',
    from: 'CHN',
    to: ['USA', 'JPN'],
    fraction: 0.5,
  });
  const row = r.rows[0] as Record<string, number | string | boolean>;
  assert.equal(row.stage, 'processing');
  assert.ok((row.hhi_after as number) < (row.hhi_before as number));
  assert.equal(row.top_third_country_before, 'CHN');
  assert.ok(Math.abs((row.top_third_country_share_before as number) - 0.69) < 1e-12);
  assert.equal(row.meets_65_after, true);
  assert.ok((row.sr_after as number) < (row.sr_before as number));
});

test('recycling: EoL-RIR of cobalt to 25% scales the stage SR by (1 − e′)/(1 − e)', {
  skip: !hasReal && 'real data absent',
}, async () => {
  const r = await recyclingScenario(db, { kind: 'recycling', material: 'cobalt', eolRir: 0.25 });
  for (const row of r.rows as Record<string, number>[]) {
    assert.ok(Math.abs(row.sr_stage_after - (row.sr_stage_before * (1 - 0.25)) / (1 - row.eol_rir_before)) < 1e-9);
  }
  assert.equal(r.rows[0].meets_25_after, true);
});

test('scenario files: kinds dispatch, JSON errors name file:line:column, field errors name the field', async () => {
  const dir = tempDir();
  try {
    const bad = join(dir.dir, 'bad.json');
    writeFileSync(bad, '{\n  "kind": "by-product",\n  "hosts": { "zinc": -0.2, }\n}\n');
    assert.throws(() => readScenarioFile(bad), /bad\.json:3:\d+: not valid JSON/);
    await assert.rejects(runScenario(db, { kind: 'embargo' }, 'x.json'), /x\.json: unknown scenario kind: "embargo"/);
    await assert.rejects(
      runScenario(
        db,
        { kind: 'restriction', restrictions: [{ country: 'CHN', material: 'gallium', measure: 'embargo' }] },
        'x.json',
      ),
      /x\.json: invalid restrictions\.0\.measure/,
    );
    await assert.rejects(
      runScenario(db, { kind: 'recycling', material: 'cobalt' }, 'r.json'),
      /give exactly one of eolRir, eolRirIncrease/,
    );
    const byp = await runScenario(db, { kind: 'by-product', hosts: { zinc: -0.2 } });
    assert.deepEqual([...new Set(byp.rows.map((x) => x.companion))], ['gallium', 'germanium', 'indium']);
    await assert.rejects(
      runScenario(db, { kind: 'by-product', hosts: { gold: -0.2 } }),
      /not a host in reference\/by-products\.csv: gold/,
    );
    const sf = await runScenario(db, {
      kind: 'shortfall',
      material: 'gallium',
      demandT: 100,
      domesticT: 10,
      foreign: [
        { country: 'CHN', supplyT: 80, reliability: 0 },
        { country: 'USA', supplyT: 10, reliability: 1 },
      ],
      inventoryT: 30,
      priceEurPerKg: 500,
    });
    assert.deepEqual([sf.rows[0].shortfall_t, sf.rows[0].tonnes, sf.rows[0].value_eur], [80, 50, 25_000_000]);
  } finally {
    dir.cleanup();
  }
});

test('saved scenarios: validated before storing, listed, read back; an id twice is a conflict', async () => {
  await assert.rejects(saveScenario(db, 'zinc-cut', { kind: 'by-product' }, { actor: 't' }), /invalid hosts/);
  await assert.rejects(
    saveScenario(db, 'Zinc Cut', { kind: 'by-product', hosts: { zinc: -0.2 } }, { actor: 't' }),
    /invalid scenario id/,
  );
  await saveScenario(db, 'zinc-cut', { kind: 'by-product', title: 'Zinc −20%', hosts: { zinc: -0.2 } }, { actor: 't' });
  await assert.rejects(
    saveScenario(db, 'zinc-cut', { kind: 'by-product', hosts: { zinc: -0.1 } }, { actor: 't' }),
    /already exists/,
  );
  assert.deepEqual(
    (await listScenarios(db)).rows.map((r) => [r.id, r.kind, r.title]),
    [['zinc-cut', 'by-product', 'Zinc −20%']],
  );
  assert.deepEqual(await readSavedScenario(db, 'zinc-cut'), {
    kind: 'by-product',
    title: 'Zinc −20%',
    hosts: { zinc: -0.2 },
  });
});

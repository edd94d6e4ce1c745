import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { supplyConcentrationOf } from '../../src/analyses/concentration.js';
import { UsageError, UserError } from '../../src/domain/errors.js';
import type { Db } from '../../src/store/db.js';
import { realFile } from '../support/real-data.js';
import { tempStore } from '../support/store.js';
import { importRealInputs } from './criticality-setup.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
let real = false;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

test('no production or study data: a UserError naming the imports', async () => {
  await assert.rejects(
    supplyConcentrationOf(db, { material: 'cobalt' }),
    (e) =>
      e instanceof UserError &&
      /no eu-crm-study or wmd or usgs-mcs data/.test(e.message) &&
      /radar import wmd/.test(e.hint ?? ''),
  );
  await assert.rejects(
    supplyConcentrationOf(db, { material: 'unobtainium' }),
    (e) => e instanceof UsageError && /unknown material/.test(e.message),
  );
  await assert.rejects(supplyConcentrationOf(db, { material: 'cobalt', spof: 'half' }), /invalid spof/);
});

test('real data: import the EU CRM study, World Mining Data and USGS MCS', async (t) => {
  real = await importRealInputs(db, ['eu-crm-study', 'wmd', 'usgs-mcs']);
  if (!real) t.skip('real data absent');
});

test('World Mining Data cobalt 2022: HHI equals the one computed from the file itself', async (t) => {
  const path = realFile('world-mining-data/world_mining_data_2018_2022_long.csv');
  if (!real || !path) return t.skip('real data absent');
  const records = parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
  const cobalt = records.filter(
    (r) => r.commodity === 'Cobalt' && r.year === '2022' && r.country !== 'Total' && r.value !== '',
  );
  const total = cobalt.reduce((s, r) => s + Number(r.value), 0);
  const expected = cobalt.reduce((s, r) => s + (Number(r.value) / total) ** 2, 0);
  const top = cobalt.sort((a, b) => Number(b.value) - Number(a.value))[0];

  const r = await supplyConcentrationOf(db, { material: 'cobalt', source: 'wmd' });
  assert.equal(r.rows.length, 1);
  const row = r.rows[0] as Record<string, unknown>;
  assert.equal(row.year, 2022);
  assert.equal(row.stage, 'extraction');
  assert.equal(row.suppliers, cobalt.filter((c) => Number(c.value) > 0).length);
  assert.ok(Math.abs((row.hhi as number) - expected) < 1e-4);
  assert.equal(row.hhi_10000, Math.round(expected * 10000));
  assert.equal(row.top1_country, 'COD');
  assert.equal(top.country, 'Congo, D.R.');
  assert.ok(Math.abs((row.top1_share as number) - Number(top.value) / total) < 1e-4);
  assert.equal(row.spof, Number(top.value) / total > 0.5);
});

test('EU CRM study gallium: processing 93.8% China globally (SPOF), 69% in EU sourcing', async (t) => {
  if (!real) return t.skip('real data absent');
  const r = await supplyConcentrationOf(db, { material: 'Ga', source: 'eu-crm-study' });
  const by = (scope: string) => r.rows.find((x) => x.scope === scope) as Record<string, unknown>;
  // fact_GlobalSupplyShares&t.csv: China 93.8%, Ukraine 2.2%, Russia 1.9%, Japan 1.0%, Korea 0.9%, Germany 0.3% (Σ 100.1%)
  assert.equal(by('global').top1_country, 'CHN');
  assert.ok(Math.abs((by('global').top1_share as number) - 0.938 / 1.001) < 1e-4);
  const hhi = [0.938, 0.022, 0.019, 0.01, 0.009, 0.003].reduce((s, v) => s + (v / 1.001) ** 2, 0);
  assert.ok(Math.abs((by('global').hhi as number) - hhi) < 1e-4);
  assert.equal(by('global').spof, true);
  // EU sourcing lists shares ≥ 1% (Σ 96%): the rest stays in the denominator, unallocated
  assert.equal(by('eu_sourcing').top1_share, 0.69);
  assert.equal(by('eu_sourcing').unallocated_share, 0.04);
  assert.equal(r.suppliers.rows.filter((x) => x.scope === 'eu_sourcing').length, 8);
});

test('USGS cobalt: "Other countries" stays unallocated, W left out and warned, year selectable', async (t) => {
  if (!real) return t.skip('real data absent');
  const r = await supplyConcentrationOf(db, { material: 'cobalt', source: 'usgs-mcs', year: 2024 });
  const row = r.rows[0] as Record<string, unknown>;
  assert.equal(row.period, '2024');
  assert.equal(row.top1_country, 'COD');
  assert.ok((row.unallocated_share as number) > 0);
  await assert.rejects(
    supplyConcentrationOf(db, { material: 'cobalt', source: 'usgs-mcs', year: 1990 }),
    (e) => e instanceof UserError && /no supply data for cobalt/.test(e.message),
  );
});

test('the SPOF threshold is a parameter', async (t) => {
  if (!real) return t.skip('real data absent');
  const strict = await supplyConcentrationOf(db, { material: 'cobalt', source: 'wmd', spof: '>0.9' });
  assert.equal(strict.rows[0].spof, false);
  assert.equal(strict.method.params.spof.value, '>0.9');
  assert.equal(strict.method.params.spof.assumed, false);
});

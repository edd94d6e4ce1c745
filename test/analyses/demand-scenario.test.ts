import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { scenarioDir } from '../../src/analyses/demand-files.js';
import { scenarioDemand } from '../../src/analyses/demand-scenario.js';
import { tempDir } from '../support/store.js';

const tmp = tempDir();
after(() => tmp.cleanup());
const file = (name: string, text: string) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
};
const sum = (rows: Record<string, unknown>[], column: string) => rows.reduce((s, r) => s + (r[column] as number), 0);
const pick = (rows: Record<string, unknown>[], technology: string, material: string) =>
  rows.filter((r) => r.technology === technology && r.material === material);

test('Flemish Energy Plan × IEA 2021 intensities: capacity growth only, hand-computed', () => {
  const r = scenarioDemand({ deployment: 'flanders-energy-plan', intensities: 'iea-2021-intensities' });
  const windCu = pick(r.rows, 'wind-onshore', 'copper');
  assert.deepEqual(
    windCu.map((x) => x.year),
    [2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030],
  );
  assert.ok(Math.abs((windCu[0].demand as number) - 290) < 1e-9); // +100 MW × 2.9 t/MW
  assert.ok(Math.abs(sum(windCu, 'demand') - 2900) < 1e-6); // 1,000 MW by 2030
  const pvCu = pick(r.rows, 'solar-pv', 'copper');
  assert.ok(Math.abs((pvCu[0].demand as number) - 846.6) < 1e-9); // +300 MWp × 2.822 t/MW
  assert.ok(Math.abs((pvCu[5].demand as number) - 320 * 2.822) < 1e-9); // 2026: (6700 − 5100) / 5 a year
  assert.ok(Math.abs(sum(pvCu, 'demand') - 3100 * 2.822) < 1e-6);
  assert.equal(pvCu[0].end_of_life, null);
  assert.ok(r.warnings.some((w) => /no lifetime given/.test(w)));
  assert.equal(r.method.params.lifetimes.assumed, true);
  assert.equal(r.provenance.length, 2);
});

test('with lifetimes and rates: replacements, end of life and secondary supply = EoL × collection × recycling', () => {
  const r = scenarioDemand({
    deployment: 'flanders-energy-plan',
    intensities: 'iea-2021-intensities',
    lifetime: 'fixed:20',
    collection: 0.85,
    recycling: 0.9,
  });
  const windCu = pick(r.rows, 'wind-onshore', 'copper');
  // Steady-state 1,500 MW with a 20-year life: 75 MW/y retire and are replaced, on top of 100 MW/y of growth.
  assert.ok(Math.abs((windCu[0].deployed as number) - 175) < 1e-9);
  assert.ok(Math.abs((windCu[0].end_of_life as number) - 75 * 2.9) < 1e-9);
  for (const x of windCu) {
    assert.ok(Math.abs((x.secondary_supply as number) - (x.end_of_life as number) * 0.85 * 0.9) < 1e-9);
    assert.ok(Math.abs((x.net_demand as number) - ((x.demand as number) - (x.secondary_supply as number))) < 1e-9);
  }
});

test('intensity change compounds from the intensity base year', () => {
  const r = scenarioDemand({
    deployment: 'flanders-energy-plan',
    intensities: 'iea-2021-intensities',
    intensityChange: -0.01,
  });
  const cu2030 = pick(r.rows, 'wind-onshore', 'copper').find((x) => x.year === 2030)!;
  assert.ok(Math.abs((cu2030.demand as number) - 100 * 2.9 * 0.99 ** 10) < 1e-9); // base_year 2020
});

test('bad scenario files are refused with file:line and column', () => {
  const deployment = file(
    'd.csv',
    'technology,year,value,unit,basis\nwind,2020,10,MW,cumulative\nwind,2030,20,MW,cumulative\n',
  );
  const badUnit = file('i1.csv', 'technology,material,intensity,unit\nwind,copper,2.9,t/MWh\n');
  assert.throws(
    () => scenarioDemand({ deployment, intensities: badUnit }),
    /i1\.csv:2: column unit: unknown unit "t\/MWh"/,
  );
  const badNumber = file('i2.csv', 'technology,material,intensity,unit\nwind,copper,lots,t/MW\n');
  assert.throws(
    () => scenarioDemand({ deployment, intensities: badNumber }),
    /i2\.csv:2: column intensity: expected a number, found "lots"/,
  );
  const perUnit = file('i3.csv', 'technology,material,intensity,unit\nwind,copper,2.9,t/unit\n');
  assert.throws(
    () => scenarioDemand({ deployment, intensities: perUnit }),
    /wind: deployment is per MW but intensities .* are per unit/,
  );
  const twice = file(
    'd2.csv',
    'technology,year,value,unit,basis\nwind,2020,10,MW,cumulative\nwind,2020,20,MW,cumulative\n',
  );
  const ok = file('i4.csv', 'technology,material,intensity,unit\nwind,copper,2.9,t/MW\n');
  assert.throws(() => scenarioDemand({ deployment: twice, intensities: ok }), /d2\.csv:3: wind 2020 is given twice/);
  const shares = file(
    'i5.csv',
    'technology,sub_technology,sub_share,material,intensity,unit\nwind,geared,0.7,copper,2,t/MW\n',
  );
  assert.throws(() => scenarioDemand({ deployment, intensities: shares }), /sub-technology shares sum to 0.7, not 1/);
  assert.throws(() => scenarioDemand({ deployment: 'no-such-plan', intensities: ok }), /file not found: no-such-plan/);
  assert.throws(
    () => scenarioDemand({ deployment, intensities: ok, lifetime: 'gamma:2:3' }),
    /--lifetime: cannot read lifetime "gamma:2:3"/,
  );
  assert.throws(
    () => scenarioDemand({ deployment, intensities: ok, collection: 1.5 }),
    /--collection must be a fraction in \[0, 1\]/,
  );
});

test('the bundled Flemish Energy Plan file: each row has a source, PV 3.6 → 6.7 GWp, onshore wind 2.5 GW in 2030', () => {
  const rows: Record<string, string>[] = parse(readFileSync(join(scenarioDir, 'flanders-energy-plan.csv')), {
    columns: true,
  });
  for (const r of rows)
    assert.ok(r.source && r.locator && r.source_year, `row ${r.technology} ${r.year} lacks a source`);
  const at = (t: string, y: string) => Number(rows.find((r) => r.technology === t && r.year === y)!.value);
  assert.equal(at('solar-pv', '2020'), 3600);
  assert.equal(at('solar-pv', '2030'), 6700);
  assert.equal(at('wind-onshore', '2030'), 2500);
});

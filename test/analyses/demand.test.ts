import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { demandByTechnology, demandProjection } from '../../src/analyses/demand.js';
import { importer } from '../../src/sources/iea-cm/importer.js';
import { runImport } from '../../src/sources/run-import.js';
import type { Db } from '../../src/store/db.js';
import { minimalSheets, writeWorkbook } from '../fixtures/iea-cm/workbook.js';
import { realFile } from '../support/real-data.js';
import { tempStore } from '../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

test('without an IEA import the analysis says what to import', async () => {
  await assert.rejects(demandProjection(db, { material: 'lithium' }), /no IEA Critical Minerals data.*/);
  await assert.rejects(demandProjection(db, { material: 'lithium' }), (e: Error & { hint?: string }) =>
    /radar import iea-cm/.test(e.hint ?? ''),
  );
});

test('multiples of 2023 and demand ÷ 2023 mining supply, on the hand-made workbook', async () => {
  const path = join(store.dir, 'fixture.xlsx');
  await writeWorkbook(path, minimalSheets());
  await runImport(db, importer, [path]);
  const r = await demandProjection(db, { scenario: 'NZE', material: 'Li' });
  assert.deepEqual(
    r.rows.map((x) => [x.year, x.demand, x.multiple_of_base, x.demand_to_production]),
    [
      [2023, 160, 1, 1],
      [2030, 690, 690 / 160, 690 / 160],
      [2040, 1420, 8.875, 8.875],
    ],
  );
  assert.equal(r.rows[0].unit, 'kt');
  assert.equal(r.method.params.base_year.value, 2023);
  assert.equal(r.method.params.production_stage.assumed, true);
  const refining = await demandProjection(db, {
    scenario: 'STEPS',
    material: 'lithium',
    productionStage: 'refining',
    scope: 'clean-tech',
  });
  assert.deepEqual(
    refining.rows.map((x) => [x.year, x.demand, x.multiple_of_base]),
    [
      [2023, 90, 1],
      [2030, 330, 330 / 90],
      [2040, 860, 860 / 90],
    ],
  );
  const all = await demandProjection(db, { material: 'lithium' });
  assert.deepEqual([...new Set(all.rows.map((x) => x.scenario))], ['STEPS', 'APS', 'NZE']);
  const ev = await demandProjection(db, { scenario: 'APS', material: 'lithium', technology: 'ev' });
  assert.deepEqual(
    ev.rows.map((x) => x.demand),
    [80, 400, 1100],
  );
});

test('a mineral without total demand falls back to clean-tech demand, with a warning', async () => {
  const r = await demandProjection(db, { scenario: 'NZE', material: 'neodymium' });
  assert.deepEqual(
    r.rows.map((x) => x.demand),
    [12, 45, 55],
  );
  assert.match(r.warnings.join('\n'), /clean-technology demand only/);
  assert.match(r.warnings.join('\n'), /No IEA world mining supply for Neodymium/);
});

test('competition between technologies: shares of demand and of growth', async () => {
  const r = await demandByTechnology(db, { scenario: 'NZE', material: 'lithium', year: 2040 });
  assert.deepEqual(
    r.rows.map((x) => [x.technology, x.demand, x.share_of_demand, x.share_of_growth, x.rank]),
    [
      ['ev', 1200, 1200 / 1420, 1120 / 1260, 1],
      ['other-uses', 120, 120 / 1420, 50 / 1260, 2],
      ['grid-storage', 100, 100 / 1420, 90 / 1260, 3],
    ],
  );
});

test('unknown scenario and mineral are usage errors naming what exists', async () => {
  await assert.rejects(
    demandProjection(db, { scenario: 'SDS', material: 'lithium' }),
    /unknown scenario: "SDS" \(expected one of STEPS, APS, NZE, all\)/,
  );
  await assert.rejects(
    demandProjection(db, { material: 'kryptonite' }),
    /unknown mineral for IEA demand: "kryptonite" \(expected one of lithium, neodymium, ree\)/,
  );
});

/**
 * Acceptance (issue 7): demand multiples for lithium, graphite, cobalt, nickel and rare earths under each IEA
 * scenario equal the values in the file. The file is read here independently, cell by cell with exceljs: the
 * "Total demand" row of each mineral block of sheet 1, divided by its 2023 cell.
 */
const xlsx = realFile('iea-critical-minerals/CM_Data_Explorer_May2024.xlsx');

async function totalDemandFromFile(path: string): Promise<Map<string, Map<string, number[]>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet('1 Total demand for key minerals')!;
  const out = new Map<string, Map<string, number[]>>();
  let block = '';
  ws.eachRow((row) => {
    const label = String(row.getCell(1).value ?? '').trim();
    if (label && row.getCell(2).value === null) block = label;
    if (label !== 'Total demand') return;
    const cells = (cols: number[]) => cols.map((c) => row.getCell(c).value as number);
    out.set(
      block,
      new Map([
        ['base', cells([2])],
        ['STEPS', cells([4, 5, 6, 7, 8])],
        ['APS', cells([10, 11, 12, 13, 14])],
        ['NZE', cells([16, 17, 18, 19, 20])],
      ]),
    );
  });
  return out;
}

test('real data: demand multiples of Li, graphite, Co, Ni and REE per scenario equal the file', {
  skip: !xlsx && 'real data absent',
}, async () => {
  const real = await tempStore();
  try {
    await runImport(real.db, importer, [xlsx!]);
    const file = await totalDemandFromFile(xlsx!);
    const blocks: Record<string, string> = {
      lithium: 'Lithium',
      graphite: 'Graphite (all grades: natural and synthetic)',
      cobalt: 'Cobalt',
      nickel: 'Nickel',
      'rare earths': 'Magnet rare earth elements',
    };
    let checked = 0;
    for (const [material, block] of Object.entries(blocks)) {
      const published = file.get(block)!;
      const base = published.get('base')![0];
      for (const scenario of ['STEPS', 'APS', 'NZE']) {
        const r = await demandProjection(real.db, { scenario, material });
        const projected = r.rows.filter((x) => !x.observed);
        assert.deepEqual(
          projected.map((x) => x.year),
          [2030, 2035, 2040, 2045, 2050],
        );
        assert.deepEqual(
          projected.map((x) => x.multiple_of_base),
          published.get(scenario)!.map((v) => v / base),
          `${material} ${scenario}`,
        );
        checked += projected.length;
      }
    }
    assert.equal(checked, 75);

    // The report's reading of the same file (digest part 2, L4709–4778): lithium ×9 by 2040 (NZE), graphite nearly
    // ×4, nickel, cobalt and rare earths ×2.
    const nze2040 = async (material: string) =>
      (await demandProjection(real.db, { scenario: 'NZE', material })).rows.find((x) => x.year === 2040)!
        .multiple_of_base as number;
    assert.equal(Math.round(await nze2040('lithium')), 9); // 8.65
    const graphite = await nze2040('graphite');
    assert.ok(graphite > 3.5 && graphite < 4, `graphite ${graphite}`); // 3.86
    for (const m of ['nickel', 'cobalt', 'rare earths']) assert.equal(Math.round(await nze2040(m)), 2); // 2.06, 2.20, 1.90

    // demand ÷ 2023 world mining supply: lithium NZE 2040 = 1430.8 / 193.8.
    const li = (await demandProjection(real.db, { scenario: 'NZE', material: 'lithium' })).rows.find(
      (x) => x.year === 2040,
    )!;
    assert.equal(li.demand_to_production, 1430.8000000000002 / 193.8);
  } finally {
    real.cleanup();
  }
});

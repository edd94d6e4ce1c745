import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { importer } from '../../../src/sources/iea-cm/importer.js';
import { columnLetter } from '../../../src/sources/iea-cm/parse.js';
import { type ImportReport, runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { realFile } from '../../support/real-data.js';
import { tempStore } from '../../support/store.js';

/**
 * The real IEA Critical Minerals Data Explorer workbook (May 2024) and the per-sheet CSVs made from it
 * (../shared/data/real/iea-critical-minerals, SOURCE.md). The CSVs are an independent reading (SheetJS, formatted
 * text): every value the importer stores must be one of their cells, equal to the digits they show.
 */
const xlsx = realFile('iea-critical-minerals/CM_Data_Explorer_May2024.xlsx');
const csvDir = xlsx && join(xlsx, '..', 'csv');
const skip = !xlsx && 'real data absent';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
let report: ImportReport;
before(async () => {
  if (!xlsx) return;
  store = await tempStore();
  db = store.db;
  report = await runImport(db, importer, [xlsx]);
});
after(() => store?.cleanup());

test('the May 2024 workbook imports 4,828 demand and 340 supply values, vintage 2024', { skip }, async () => {
  assert.equal(report.status, 'imported');
  assert.equal(report.vintage, '2024');
  assert.equal(report.rows, 5168);
  const n = await db.all(`SELECT sheet, count(*) AS n FROM iea_cm_demand GROUP BY sheet ORDER BY sheet`);
  assert.deepEqual(
    n.map((r) => [r.sheet, r.n]),
    [
      ['1 Total demand for key minerals', 656],
      ['3.1 Cleantech demand by tech', 864],
      ['3.2 Cleantech demand by mineral', 624],
      ['4.1 Solar PV', 1024],
      ['4.2 Wind', 384],
      ['4.3 EV', 972],
      ['4.4 Battery storage', 144],
      ['4.5 Electricity networks', 32],
      ['4.6 Hydrogen', 128],
    ],
  );
  assert.deepEqual(await db.one('SELECT count(*) AS n FROM iea_cm_supply'), { n: 340 });
});

const sheetFiles: Record<string, string> = {
  '1 Total demand for key minerals': '1_Total_demand_for_key_minerals.csv',
  '2 Total supply for key minerals': '2_Total_supply_for_key_minerals.csv',
  '3.1 Cleantech demand by tech': '3.1_Cleantech_demand_by_tech.csv',
  '3.2 Cleantech demand by mineral': '3.2_Cleantech_demand_by_mineral.csv',
  '4.1 Solar PV': '4.1_Solar_PV.csv',
  '4.2 Wind': '4.2_Wind.csv',
  '4.3 EV': '4.3_EV.csv',
  '4.4 Battery storage': '4.4_Battery_storage.csv',
  '4.5 Electricity networks': '4.5_Electricity_networks.csv',
  '4.6 Hydrogen': '4.6_Hydrogen.csv',
};

test('every stored value is a cell of the per-sheet CSVs, equal to the digits they show', { skip }, async () => {
  let compared = 0;
  for (const [sheet, file] of Object.entries(sheetFiles)) {
    const rows: string[][] = parse(readFileSync(join(csvDir!, file)), { relax_column_count: true });
    // The CSVs drop blank rows, so rows are matched by order: the k-th CSV row with values is the k-th sheet row
    // with values (header years, share rows and notes excluded on both sides).
    const isNumber = (t: string) => /^-?\d+(\.\d+)?$/.test(t.trim());
    const dataRows = rows.filter(
      (r, i) =>
        r.some((c, j) => j > 0 && isNumber(c)) &&
        !r.some((c) => /share/i.test(c)) &&
        !(i < 6 && r.filter(isNumber).every((c) => Number(c) >= 2000 && Number(c) <= 2100)),
    );
    const table = sheet.startsWith('2 ') ? 'iea_cm_supply' : 'iea_cm_demand';
    const stored = await db.all<{ cell: string; value: number }>(`SELECT cell, value FROM ${table} WHERE sheet = $1`, [
      sheet,
    ]);
    const byCell = new Map(stored.map((s) => [s.cell, s.value]));
    const storedRows = [...new Set(stored.map((s) => Number(s.cell.replace(/^[A-Z]+/, ''))))].sort((a, b) => a - b);
    assert.equal(dataRows.length, storedRows.length, `${sheet}: rows with values`);
    let cells = 0;
    dataRows.forEach((r, k) => {
      r.forEach((text, j) => {
        if (j === 0 || !isNumber(text)) return;
        const cell = `${columnLetter(j + 1)}${storedRows[k]}`;
        const value = byCell.get(cell);
        assert.ok(value !== undefined, `${sheet}!${cell}: "${text}" in the CSV was not imported`);
        const decimals = text.split('.')[1]?.length ?? 0;
        assert.ok(
          Math.abs(value - Number(text)) <= 0.5 * 10 ** -decimals + 1e-12,
          `${sheet}!${cell}: ${value} vs "${text}"`,
        );
        cells++;
      });
    });
    assert.equal(cells, stored.length, `${sheet}: every stored value has its CSV cell`);
    compared += cells;
  }
  assert.equal(compared, 5168);
});

/** Largest |Σ parts − total| / |total| over a set of identities, computed in SQL on the stored rows. */
async function worstResidual(sql: string): Promise<{ n: number; worst: number }> {
  return (await db.one<{ n: number; worst: number }>(
    `SELECT count(*) AS n, max(abs(parts - total) / greatest(abs(total), 1e-12)) AS worst FROM (${sql}) WHERE total IS NOT NULL`,
  ))!;
}

test('IEA totals re-aggregate from the imported rows, to the 6 significant digits the IEA publishes', {
  skip,
}, async () => {
  const group = 'dataset_id, sheet, case_name, scenario, year';
  const checks = {
    // Sheet 1: technologies → total clean technologies; clean + other uses → total demand.
    clean: `SELECT sum(value) FILTER (WHERE row_kind = 'part' AND technology <> 'other-uses') AS parts,
              any_value(value) FILTER (WHERE technology = 'clean-tech') AS total
            FROM iea_cm_demand WHERE table_kind = 'total-demand' GROUP BY ${group}, mineral`,
    total: `SELECT sum(value) FILTER (WHERE technology IN ('clean-tech', 'other-uses')) AS parts,
              any_value(value) FILTER (WHERE technology = 'total') AS total
            FROM iea_cm_demand WHERE table_kind = 'total-demand' GROUP BY ${group}, mineral`,
    byTechnology: `SELECT sum(value) FILTER (WHERE row_kind = 'part') AS parts,
              any_value(value) FILTER (WHERE row_kind = 'total') AS total
            FROM iea_cm_demand WHERE table_kind = 'clean-tech-by-technology' GROUP BY ${group}, mineral`,
    byMineral: `SELECT sum(value) FILTER (WHERE row_kind = 'part') AS parts,
              any_value(value) FILTER (WHERE row_kind = 'total') AS total
            FROM iea_cm_demand WHERE table_kind = 'clean-tech-by-mineral' GROUP BY ${group}`,
    rareEarths: `SELECT sum(value) FILTER (WHERE mineral IN ('neodymium', 'dysprosium', 'praseodymium', 'terbium', 'yttrium', 'lanthanum')) AS parts,
              any_value(value) FILTER (WHERE row_kind = 'subtotal') AS total
            FROM iea_cm_demand WHERE table_kind = 'clean-tech-by-mineral' GROUP BY ${group}`,
    cases: `SELECT sum(value) FILTER (WHERE row_kind = 'part') AS parts,
              any_value(value) FILTER (WHERE row_kind = 'total') AS total
            FROM iea_cm_demand WHERE table_kind = 'technology-cases' GROUP BY ${group}`,
  };
  const counts: Record<string, number> = {};
  for (const [name, sql] of Object.entries(checks)) {
    const r = await worstResidual(sql);
    counts[name] = r.n;
    // 6 significant digits: the worst relative residual in the May 2024 file is 7.7e-6 (small 3.1 totals).
    assert.ok(r.worst <= 1e-5, `${name}: worst relative residual ${r.worst}`);
    console.log(`${name}: ${r.n} totals, worst relative residual ${r.worst.toExponential(2)}`);
  }
  assert.deepEqual(counts, { clean: 96, total: 96, byTechnology: 208, byMineral: 16, rareEarths: 16, cases: 209 });
});

test('the same published value is the same in every sheet (sheet 1 = 3.1 = 4.x base case; 3.2 = 3.1 totals)', {
  skip,
}, async () => {
  const same = (sql: string) =>
    db.one<{ n: number; differ: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE a.value <> b.value) AS differ FROM ${sql}`,
    );
  assert.deepEqual(
    await same(`iea_cm_demand a JOIN iea_cm_demand b USING (dataset_id, mineral, technology, scenario, year)
      WHERE a.table_kind = 'total-demand' AND b.table_kind = 'clean-tech-by-technology' AND a.row_kind = 'part' AND b.row_kind = 'part'`),
    { n: 304, differ: 0 },
  );
  assert.deepEqual(
    await same(`iea_cm_demand a JOIN iea_cm_demand b USING (dataset_id, mineral, scenario, year)
      WHERE a.table_kind = 'clean-tech-by-mineral' AND a.row_kind = 'part' AND b.table_kind = 'clean-tech-by-technology' AND b.row_kind = 'total'`),
    { n: 192, differ: 0 },
  );
  assert.deepEqual(
    await same(`iea_cm_demand a JOIN iea_cm_demand b USING (dataset_id, mineral, technology, scenario, year)
      WHERE a.table_kind = 'technology-cases' AND a.case_name = 'Base case' AND a.row_kind = 'part'
        AND b.table_kind = 'clean-tech-by-technology' AND b.row_kind = 'part'`),
    { n: 512, differ: 0 },
  );
});

test('supply: countries + rest of world = total, except where the IEA counts a listed country twice', {
  skip,
}, async () => {
  const rows = await db.all<{ mineral: string; stage: string; year: number; excess: number; twin: string | null }>(
    `WITH g AS (
       SELECT mineral, stage, year, sum(value) FILTER (WHERE row_kind = 'part') - any_value(value) FILTER (WHERE row_kind = 'total') AS excess
       FROM iea_cm_supply GROUP BY ALL
     )
     SELECT g.mineral, g.stage, g.year, g.excess,
       (SELECT any_value(country_label) FROM iea_cm_supply s WHERE s.mineral = g.mineral AND s.stage = g.stage
          AND s.year = g.year AND s.row_kind = 'part' AND s.country_label <> 'Rest of world' AND abs(s.value - g.excess) < 1e-6) AS twin
     FROM g WHERE abs(g.excess) > 1e-6 ORDER BY 1, 2, 3`,
  );
  // Nickel (both stages) and graphite: "Rest of world" already holds the sixth country listed above it.
  assert.deepEqual(
    rows.map((r) => `${r.mineral}/${r.stage}/${r.year}:${r.twin}`),
    [
      'graphite/mining/2030:Tanzania',
      'graphite/mining/2035:Tanzania',
      'graphite/mining/2040:Tanzania',
      'graphite/refining/2023:Germany',
      'graphite/refining/2030:Germany',
      'graphite/refining/2035:Germany',
      'graphite/refining/2040:Germany',
      'nickel/mining/2023:Australia',
      'nickel/mining/2030:Australia',
      'nickel/mining/2035:Australia',
      'nickel/mining/2040:Australia',
      'nickel/refining/2023:Canada',
      'nickel/refining/2030:Canada',
      'nickel/refining/2035:Canada',
      'nickel/refining/2040:Canada',
    ],
  );
  assert.equal(report.warnings.filter((w) => /"Rest of world" includes/.test(w)).length, 15);
  assert.deepEqual(
    report.warnings.filter((w) => /without an ISO3/.test(w)),
    [],
  ); // every country resolves
  assert.deepEqual(
    await db.one(
      `SELECT count(*) AS n FROM iea_cm_supply WHERE country_label = 'Democratic Republic of Congo' AND country_iso3 = 'COD'`,
    ),
    { n: 8 },
  );
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { stockDriven } from '../src/methods/stock-flow/dynamic-stock.js';
import { importer } from '../src/sources/iea-cm/importer.js';
import { runImport } from '../src/sources/run-import.js';
import { openStore } from '../src/store/open.js';
import { packageRoot } from '../src/store/package-root.js';

/**
 * Demand capability benchmarks, each as a ratio to a floor measured in the same run:
 * 1. `radar import iea-cm` of the real May 2024 workbook (parse, check every total, append) ÷ exceljs reading
 *    the same workbook (the least any xlsx importer must do);
 * 2. a stock-driven model over 200 years (steady-state start, Weibull) ÷ a bare loop over the same cohort-years.
 */
async function time<T>(work: () => Promise<T> | T, runs = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

export async function run(): Promise<void> {
  const real = resolve(process.env.RADAR_REAL_DATA ?? join(packageRoot, '..', 'shared', 'data', 'real'));
  const xlsx = join(real, 'iea-critical-minerals', 'CM_Data_Explorer_May2024.xlsx');
  if (existsSync(xlsx)) {
    const floor = await time(async () => new ExcelJS.Workbook().xlsx.readFile(xlsx));
    const dir = mkdtempSync(join(tmpdir(), 'radar-bench-'));
    try {
      const db = await openStore({ path: join(dir, 'bench.duckdb') });
      const ms = await time(() => runImport(db, importer, [xlsx], { force: true }));
      db.close();
      console.log(
        `iea-cm import (5,168 values): ${ms.toFixed(0)} ms = ${(ms / floor).toFixed(2)} × exceljs read (${floor.toFixed(0)} ms)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    console.log('iea-cm import: real workbook absent, skipped');
  }

  const years = Array.from({ length: 200 }, (_, i) => 1900 + i);
  const stocks = years.map((_, i) => 1000 + 10 * i + 200 * Math.sin(i / 7));
  const lifetime = { distribution: 'weibull', shape: 2.5, scale: 30 } as const;
  const model = await time(() => stockDriven(years, stocks, lifetime), 5);
  const cohorts = stockDriven(years, stocks, lifetime).cohorts.length;
  const floor = await time(() => {
    // The same number of cohort × year updates, each one multiply-add into three arrays.
    const a = new Float64Array(years.length);
    for (let c = 0; c < cohorts; c++) for (let i = 0; i < years.length; i++) a[i] += c * 1e-3 + i;
    return a;
  }, 5);
  console.log(
    `stock-driven model (200 years, ${cohorts} cohorts): ${model.toFixed(1)} ms = ${(model / floor).toFixed(1)} × a bare cohort-year loop (${floor.toFixed(2)} ms)`,
  );
}

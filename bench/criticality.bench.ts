import { readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { assess } from '../src/analyses/criticality-assess.js';
import { resolveCriticalityOptions } from '../src/analyses/criticality-options.js';
import { monteCarlo, sfc32, tableBits } from '../src/methods/criticality/uncertainty.js';
import { importerFor } from '../src/sources/catalogue.js';
import { runImport } from '../src/sources/run-import.js';
import { openStore } from '../src/store/open.js';
import { realDataDir, realFile } from '../test/support/real-data.js';
import { tempDir } from '../test/support/store.js';

/**
 * Monte Carlo of the EU criticality verdict: 10,000 joint draws of every input (supply shares, WGI, IR, EoL-RIR,
 * SI_SR, SI_EI, end-use shares) × every item assessed in 2023 (70 items and the 20 group members, from the real
 * EU CRM 2023 tables and WGI). Goal: < 2 s.
 * Floor, measured in the same run: the bare arithmetic of the same draws — one flat loop over all supplier and
 * end-use shares of all models, a random table read and a multiply-add each, no structure — i.e. what any
 * implementation must pay. The ratio is the cost of everything else (stages, scopes, anchoring, verdicts,
 * quantiles). The machine is shared: the 1-minute load average is printed next to the figures.
 */
const draws = Number(process.env.RADAR_BENCH_DRAWS ?? 10_000);

export async function run(): Promise<void> {
  if (!realFile('eu-crm-2023') || !realFile('wgi/WGIData.csv')) {
    console.log('skipped: the real EU CRM 2023 and WGI samples are needed');
    return;
  }
  const tmp = tempDir();
  const db = await openStore({ path: join(tmp.dir, 'bench.duckdb') });
  try {
    const folder = join(realDataDir, 'eu-crm-2023');
    const study = readdirSync(folder)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(folder, f));
    await runImport(db, await importerFor('eu-crm-study'), study);
    await runImport(db, await importerFor('wgi'), [realFile('wgi/WGIData.csv') as string]);
    const o = resolveCriticalityOptions({ edition: 2023, mode: 'recompute' });
    const a = await assess(db, o);
    const items = a.items.map((i) => ({
      id: i.id,
      anchorSr: i.sr,
      anchorEi: i.ei ?? i.eiPublished,
      strategic: i.strategic,
      models: i.models,
    }));
    const models = [...new Set(items.flatMap((i) => i.models))];
    const shares = models.flatMap((m) => [
      ...m.stages.flatMap((s) => [...(s.gs?.shares ?? []), ...(s.eu?.shares ?? [])]),
      ...(m.uses ?? []).map((u) => u.share),
    ]);

    // warm-up (JIT), then the best of three of each
    monteCarlo(items, a.governance, { draws: 500, seed: 1, qMax: a.qMax });
    floor(shares, 500);
    const engine = best(3, () => monteCarlo(items, a.governance, { draws, seed: 1, qMax: a.qMax }));
    const bare = best(3, () => floor(shares, draws));
    const load = loadavg()[0].toFixed(1);
    console.log(
      `monte carlo: ${draws} draws × ${items.length} items (${models.length} models, ${shares.length} shares): ` +
        `${engine.wall.toFixed(3)} s wall, ${engine.cpu.toFixed(3)} s CPU (goal < 2 s) — floor ${bare.wall.toFixed(3)} s ` +
        `wall, ${bare.cpu.toFixed(3)} s CPU; ratio ${(engine.cpu / bare.cpu).toFixed(1)}× (CPU) ` +
        `(load average ${load} on ${availableParallelism()} cores)`,
    );
  } finally {
    db.close();
    tmp.cleanup();
  }
}

/** Best of n runs, wall-clock and CPU seconds (CPU time is what the run costs when the machine is shared). */
function best(times: number, work: () => unknown): { wall: number; cpu: number } {
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    work();
    const used = process.cpuUsage(usage);
    wall = Math.min(wall, (performance.now() - started) / 1000);
    cpu = Math.min(cpu, (used.user + used.system) / 1e6);
  }
  return { wall, cpu };
}

/** The irreducible work: one random multiplier and a multiply-add per share per draw. */
function floor(values: readonly number[], n: number): number {
  const shares = Float64Array.from(values);
  const size = 1 << tableBits;
  const table = new Float64Array(size).map((_, k) => 0.9 + (0.2 * k) / size);
  const next = sfc32(1);
  let sink = 0;
  for (let d = 0; d < n; d++) {
    let acc = 0;
    for (let k = 0; k < shares.length; k++) {
      const v = shares[k] * table[next() >>> (32 - tableBits)];
      acc += v * v;
    }
    sink += acc;
  }
  return sink;
}

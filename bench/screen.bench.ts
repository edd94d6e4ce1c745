import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dependencyScreen } from '../src/analyses/screen.js';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/open.js';
import { writeDataset } from '../src/store/registry.js';
import { tempDir } from '../test/support/store.js';

/**
 * The EC 2021 screen on a generated full year of Comext-like trade: the 27 member states as reporters, 5,000 HS6
 * products, about 200 partner countries, imports and exports (≈ 11 M rows; RADAR_BENCH_PRODUCTS scales it).
 * Subject: `dependencyScreen` with preset ec2021 for the 27 member states and EU27 in one call (28 reporters).
 * Floor: a hand-written DuckDB query computing the same three indicators and the dependent flag for the same 28
 * reporters, its rows read into JS the same way, measured in the same run. Goal: ratio ≤ 1.5.
 */

const products = Number(process.env.RADAR_BENCH_PRODUCTS ?? 5000);
const importPartners = 60;
const exportPartners = 22;
const repeats = Number(process.env.RADAR_BENCH_REPEATS ?? 3);

export async function generate(db: Db): Promise<number> {
  await db.run(`
    CREATE TABLE bench_partners AS
      SELECT row_number() OVER (ORDER BY iso3) - 1 AS idx, iso3 FROM countries WHERE is_country LIMIT 200;
    CREATE TABLE bench_reporters AS
      SELECT row_number() OVER (ORDER BY iso3) - 1 AS idx, iso3 FROM countries
      WHERE eu_from IS NOT NULL AND eu_from <= DATE '2020-02-01' AND (eu_to IS NULL OR eu_to >= DATE '2020-02-01');`);
  const partners = (await db.one<{ n: number }>('SELECT count(*) AS n FROM bench_partners'))!.n;
  // Distinct partners per reporter × product: (offset + 7k) mod n is a permutation because gcd(7, n) = 1 for n = 200.
  // Values are skewed (squares of a hash) so that concentration varies across products.
  await db.run(
    `INSERT INTO trade_flows (dataset_id, source, year, period, reporter, partner, partner_code, partner_is_country, flow,
       classification, nomenclature, product, confidential, value, currency, valuation, quantity_kg)
     WITH g AS (
       SELECT r.idx AS ridx, r.iso3 AS reporter, product, k, (r.idx * 31 + product * 13 + k * 7) % ${partners} AS pidx
       FROM bench_reporters r, range(${products}) t(product), range(${importPartners + exportPartners}) ks(k))
     SELECT 'bench', 'comext', 2021, '2021', g.reporter, p.iso3, p.iso3, true,
            CASE WHEN k < ${importPartners} THEN 'import' ELSE 'export' END, 'HS6', 'HS17',
            lpad(CAST(100000 + product * 17 AS VARCHAR), 6, '0'), false,
            (1 + power(hash(ridx, product, k) % 1000, 2)) * CASE WHEN k = 0 AND product % 7 = 0 THEN 5000 ELSE 1 END
              * CASE WHEN k >= ${importPartners} AND product % 7 = 0 THEN 0.01 ELSE 1 END,
            'EUR', NULL, NULL
     FROM g JOIN bench_partners p ON p.idx = g.pidx
     WHERE p.iso3 <> g.reporter`,
  );
  await writeDataset(db, {
    id: 'bench',
    source: 'comext',
    title: 'generated Comext-like year',
    kind: 'import',
    vintage: 'bench',
    url: null,
    file: null,
    sha256: 'bench',
    licence: null,
    rows: 0,
    trade_concept: 'community',
    tables: ['trade_flows'],
    params: null,
  });
  return (await db.one<{ n: number }>('SELECT count(*) AS n FROM trade_flows'))!.n;
}

/** The same three indicators and thresholds, written by hand. */
const floorSql = `
  WITH eu AS (SELECT iso3 FROM countries WHERE eu_from IS NOT NULL AND eu_from <= DATE '2020-02-01'
                AND (eu_to IS NULL OR eu_to >= DATE '2020-02-01')),
  scopes AS (SELECT iso3 AS scope, iso3 AS member FROM eu UNION ALL SELECT 'EU27', iso3 FROM eu),
  f AS (
    SELECT s.scope, t.product, t.flow, t.partner, t.partner IN (SELECT iso3 FROM eu) AS intra, sum(t.value) AS v
    FROM trade_flows t JOIN scopes s ON t.reporter = s.member
    WHERE t.dataset_id = 'bench' AND t.year = 2021
    GROUP BY ALL),
  i AS (
    SELECT scope, product,
      sum(v * v) FILTER (flow = 'import' AND NOT intra) / power(sum(v) FILTER (flow = 'import' AND NOT intra), 2) AS cdi1,
      sum(v) FILTER (flow = 'import' AND NOT intra) / sum(v) FILTER (flow = 'import') AS cdi2,
      sum(v) FILTER (flow = 'import' AND NOT intra) / sum(v) FILTER (flow = 'export') AS cdi3
    FROM f GROUP BY scope, product)
  SELECT *, cdi1 > 0.4 AND cdi2 > 0.5 AND (cdi3 > 1 OR cdi3 IS NULL) AS dependent FROM i`;

/** Wall time, and CPU time of the whole process (DuckDB's threads included), which other load disturbs less. */
async function time<T>(work: () => Promise<T>): Promise<{ ms: number; cpu: number; value: T }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpu: (used.user + used.system) / 1000, value };
}

/**
 * RADAR_BENCH_STORE=path keeps the generated store between runs (generation takes minutes); without it the store
 * lives in a temporary directory.
 */
export async function run(): Promise<void> {
  const tmp = tempDir();
  const keep = process.env.RADAR_BENCH_STORE;
  const db = await openStore({ path: keep ?? join(tmp.dir, 'bench.duckdb') });
  try {
    const existing = (await db.one<{ n: number }>("SELECT count(*) AS n FROM trade_flows WHERE dataset_id = 'bench'"))!
      .n;
    if (existing > 0) console.log(`reusing ${existing.toLocaleString('en')} generated trade rows in ${keep}`);
    else {
      const gen = await time(() => generate(db));
      console.log(`generated ${gen.value.toLocaleString('en')} trade rows in ${(gen.ms / 1000).toFixed(1)} s`);
    }
    const reporters = (await db.all<{ iso3: string }>('SELECT iso3 FROM bench_reporters ORDER BY iso3')).map(
      (r) => r.iso3,
    );
    const options = {
      preset: 'ec2021' as const,
      reporter: ['EU27', ...reporters].join(','),
      years: '2021',
      level: 'HS6' as const,
      dataset: ['bench'],
    };
    const subject: number[] = [];
    const floor: number[] = [];
    const subjectCpu: number[] = [];
    const floorCpu: number[] = [];
    let engineDependent = 0;
    let floorDependent = 0;
    let rows = 0;
    for (let i = 0; i < repeats; i++) {
      const f = await time(() => db.all<{ dependent: boolean }>(floorSql));
      floor.push(f.ms);
      floorCpu.push(f.cpu);
      floorDependent = f.value.filter((r) => r.dependent).length;
      const s = await time(() => dependencyScreen(db, options));
      subject.push(s.ms);
      subjectCpu.push(s.cpu);
      rows = s.value.rows.length;
      engineDependent = s.value.rows.filter((r) => r.dependent).length;
    }
    const best = (xs: number[]) => Math.min(...xs);
    console.log(`ec2021, 28 reporters × ${products} products: ${rows.toLocaleString('en')} product rows`);
    console.log(
      `  dependent: engine ${engineDependent}, hand-written SQL ${floorDependent}${engineDependent === floorDependent ? '' : '  ← MISMATCH'}`,
    );
    console.log(
      `  hand-written DuckDB query (floor): best ${best(floor).toFixed(0)} ms of ${floor.map((x) => x.toFixed(0)).join(', ')}`,
    );
    console.log(
      `  dependencyScreen:                  best ${best(subject).toFixed(0)} ms of ${subject.map((x) => x.toFixed(0)).join(', ')}`,
    );
    console.log(`  ratio ${(best(subject) / best(floor)).toFixed(2)}× wall time (goal ≤ 1.5×)`);
    console.log(
      `  CPU time: floor ${best(floorCpu).toFixed(0)} ms, screen ${best(subjectCpu).toFixed(0)} ms: ratio ${(best(subjectCpu) / best(floorCpu)).toFixed(2)}×`,
    );
  } finally {
    db.close();
    tmp.cleanup();
  }
}

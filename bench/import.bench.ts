import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { importer } from '../src/sources/baci/importer.js';
import { runImport } from '../src/sources/run-import.js';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/open.js';

/**
 * BACI ingest of a generated 10 M-row year file (t,i,j,k,v,q in BACI's own format: k without its leading zero, q
 * right-aligned with NA), against floors measured in the same run:
 * - floor: DuckDB's own `CREATE TABLE … AS SELECT * FROM read_csv(path)` (auto-detected types, no validation);
 * - radar: `runImport` of the baci importer: header check, one validating scan (casts, checks, duplicate keys,
 *   country codes), one writing scan into trade_flows with code joins and unit conversion, one transaction;
 * - js: a line-by-line JS parser feeding DuckDB's appender, with no validation at all (the alternative design).
 * Also the peak resident memory of each, sampled every 100 ms (DuckDB runs in-process, so it is included).
 * RADAR_BENCH_ROWS (default 10,000,000) sets the size; the file is kept in bench/out/ for the next run.
 * RADAR_BENCH_MEMORY caps DuckDB's memory (SET memory_limit) for all three.
 */
export async function run(): Promise<void> {
  const rows = Number(process.env.RADAR_BENCH_ROWS ?? 10_000_000);
  const dir = join(process.cwd(), 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `BACI_HS17_Y2021_V202501_${rows}.csv`);
  if (!existsSync(path)) await generate(path, rows);
  console.log(`file: ${rows.toLocaleString('en')} rows, ${(statSync(path).size / 1e6).toFixed(0)} MB`);

  const floor = await measure('floor  DuckDB read_csv → table', async (db) => {
    await db.run('CREATE TABLE floor AS SELECT * FROM read_csv($path)', { path });
  });
  let validated = 0;
  const radar = await measure('radar  runImport(baci)           ', async (db) => {
    const started = performance.now();
    // Each file is read twice (validate, then write); the second half of the progress is the write.
    const progress = (done: number) => {
      if (!validated && done >= rows / 2) validated = (performance.now() - started) / 1000;
    };
    const report = await runImport(db, importer, [path], { progress });
    if (report.rows !== rows) throw new Error(`imported ${report.rows} rows, expected ${rows}`);
  });
  console.log(
    `       of which validating scan ≈ ${validated.toFixed(1)} s, writing scan ≈ ${(radar.seconds - validated).toFixed(1)} s`,
  );
  const js = await measure('js     readline + appender        ', (db) => appendFromJs(db, path));
  console.log(
    `radar / floor = ${(radar.seconds / floor.seconds).toFixed(2)}×   js / floor = ${(js.seconds / floor.seconds).toFixed(2)}×`,
  );
  console.log(`radar: ${Math.round(rows / radar.seconds).toLocaleString('en')} rows/s, peak RSS ${radar.peakMb} MB`);
}

async function measure(label: string, work: (db: Db) => Promise<void>) {
  const dir = join(tmpdir(), `radar-bench-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const db = await openStore({ path: join(dir, 'radar.duckdb') });
  // RADAR_BENCH_MEMORY (e.g. 1GB) caps DuckDB's buffer pool, to show the ingest runs in bounded memory.
  if (process.env.RADAR_BENCH_MEMORY) await db.run(`SET memory_limit = '${process.env.RADAR_BENCH_MEMORY}'`);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  try {
    await work(db);
  } finally {
    clearInterval(timer);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const peakMb = Math.round(peak / 1e6);
  console.log(`${label} ${seconds.toFixed(2)} s   peak RSS ${peakMb} MB`);
  return { seconds, peakMb };
}

/** Unique (t,i,j,k): 50 exporters × 50 importers × 5,000 products ≥ 10 M. Deterministic values. */
async function generate(path: string, rows: number): Promise<void> {
  const codes = [
    4, 8, 12, 24, 31, 32, 36, 40, 50, 51, 52, 56, 60, 64, 68, 70, 72, 76, 84, 90, 96, 100, 104, 108, 112, 116, 120, 124,
    132, 136, 140, 144, 148, 152, 156, 170, 174, 251, 276, 380, 392, 410, 490, 528, 643, 699, 710, 757, 792, 842,
  ];
  const out = createWriteStream(`${path}.part`);
  out.write('t,i,j,k,v,q\n');
  let seed = 1;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  let chunk = '';
  for (let r = 0; r < rows; r++) {
    const k = 10111 + (r % 5000) * 17;
    const j = codes[Math.floor(r / 5000) % codes.length];
    const i = codes[Math.floor(r / (5000 * codes.length)) % codes.length];
    const q = r % 13 === 0 ? 'NA' : (random() * 500).toFixed(3);
    chunk += `2021,${i},${j},${k},${(random() * 1000).toFixed(3)},${q.padStart(13)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).on('error', reject));
  renameSync(`${path}.part`, path);
}

/** The design not taken: parse lines in JS and append (no checks, no code joins: a lower bound for that path). */
async function appendFromJs(db: Db, path: string): Promise<void> {
  await db.run('CREATE TABLE js (t INTEGER, i INTEGER, j INTEGER, k VARCHAR, v DOUBLE, q DOUBLE)');
  const appender = await db.connection.createAppender('js');
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const f = line.split(',');
    appender.appendInteger(Number(f[0]));
    appender.appendInteger(Number(f[1]));
    appender.appendInteger(Number(f[2]));
    appender.appendVarchar(f[3].padStart(6, '0'));
    appender.appendDouble(Number(f[4]) * 1000);
    const q = f[5].trim();
    if (q === 'NA') appender.appendNull();
    else appender.appendDouble(Number(q) * 1000);
    appender.endRow();
  }
  appender.closeSync();
}

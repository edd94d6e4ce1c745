import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Db } from '../../../src/store/db.js';
import { openStore } from '../../../src/store/open.js';
import { repoRoot } from '../../support/real-data.js';

const bin = join(repoRoot, 'dist', 'src', 'cli', 'main.js');

export interface Trial {
  /** SIGKILL this long after the start, or when the import reports success (after its commit, before close). */
  kill: { afterMs: number } | 'after-commit' | 'never';
}

export interface TrialOutcome {
  killed: boolean;
  exitCode: number | null;
  ms: number;
  stdout: string;
  stderr: string;
}

/** Run the compiled `radar import <source> <files>` in its own process against `dataDir`, killing it as asked. */
export function runImportProcess(
  dataDir: string,
  source: string,
  files: string[],
  trial: Trial,
): Promise<TrialOutcome> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'import', source, ...files, '--json'], {
    env: { ...process.env, RADAR_DATA_DIR: dataDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let killed = false;
  const kill = () => {
    if (child.exitCode === null && !killed) killed = child.kill('SIGKILL');
  };
  const timer = typeof trial.kill === 'object' ? setTimeout(kill, trial.kill.afterMs) : undefined;
  child.stdout.on('data', (d) => {
    stdout += d;
    if (trial.kill === 'after-commit' && stdout.includes('"status"')) kill();
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed, exitCode: code, ms: performance.now() - started, stdout, stderr });
    });
  });
}

export interface StoreVerdict {
  /** 'whole': registered with every row; 'none': neither registry row nor data rows. */
  state: 'whole' | 'none';
  datasetId?: string;
}

/**
 * Reopen the store after the process ended (DuckDB replays its write-ahead log) and check all or nothing:
 * either the registry has the dataset and the store holds exactly its `expectedRows` rows, or neither; no rows of
 * the source under any other id and no leftover working tables.
 */
export async function verifyAllOrNothing(
  storePath: string,
  source: string,
  sha256: string,
  expectedRows: number,
  tables: string[],
): Promise<StoreVerdict> {
  const db = await openStore({ path: storePath });
  try {
    const registered = await db.all<{ id: string; rows: number }>(
      'SELECT id, rows FROM datasets WHERE source = $1 AND sha256 = $2',
      [source, sha256],
    );
    const ids = await db.all<{ id: string }>('SELECT id FROM datasets WHERE source = $1', [source]);
    assert.ok(registered.length <= 1, 'at most one registry row for the file');
    assert.equal(ids.length, registered.length, 'no registry row of the source other than this file’s');
    let total = 0;
    for (const table of tables) {
      const n = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0;
      total += n;
      if (registered.length) {
        const mine = (
          await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE dataset_id = $1`, [registered[0].id])
        )?.n;
        assert.equal(mine, n, `${table}: every row belongs to the registered dataset`);
      }
    }
    const leftovers = await db.all<{ name: string }>(
      "SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'radar\\_%' ESCAPE '\\'",
    );
    assert.deepEqual(leftovers, [], 'no working tables left behind');
    if (registered.length) {
      assert.equal(registered[0].rows, expectedRows, 'the registry counts every row');
      assert.equal(total, expectedRows, 'the store holds every row');
      return { state: 'whole', datasetId: registered[0].id };
    }
    assert.equal(total, 0, 'no registry row, so no data rows either');
    return { state: 'none' };
  } finally {
    db.close();
  }
}

/** Remove a dataset so that the next trial starts from "none" (through the normal drop path). */
export async function dropAll(storePath: string, source: string): Promise<void> {
  const db = await Db.open(storePath);
  try {
    const { dropDataset } = await import('../../../src/sources/run-import.js');
    for (const { id } of await db.all<{ id: string }>('SELECT id FROM datasets WHERE source = $1', [source]))
      await dropDataset(db, id);
    await db.run('CHECKPOINT');
  } finally {
    db.close();
  }
}

/** mulberry32: a small seeded generator for kill times; the seed is printed so a failure can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CrashScenario {
  rows: number;
  /** Kill points drawn uniformly over the measured length of a whole import. */
  randomKills: number;
  seed: number;
  log: (line: string) => void;
}

/**
 * The crash-safety check of issue 10: a BACI year file of `rows` rows is imported by `radar import` in a child
 * process that is SIGKILLed at seeded random moments (and once right after its commit). After each kill the store is
 * reopened and must hold the whole dataset with its registry row, or none of it; a final run imports it whole.
 */
export async function runCrashScenario(dir: string, o: CrashScenario): Promise<{ whole: number; none: number }> {
  const { writeBaciFile } = await import('./baci-file.js');
  const { datasetSha, describeFiles } = await import('../../../src/sources/run-import.js');
  const storePath = join(dir, 'radar.duckdb');
  const file = join(dir, 'BACI_HS17_Y2021_V202501.csv');
  const setup = await openStore({ path: storePath });
  await writeBaciFile(setup, file, o.rows, o.seed);
  setup.close();
  const sha = datasetSha(await describeFiles([file])); // the registry's sha256: over the files' hashes
  const check = () => verifyAllOrNothing(storePath, 'baci', sha, o.rows, ['trade_flows']);
  const tally = { whole: 0, none: 0 };

  const full = await runImportProcess(dir, 'baci', [file], { kill: 'never' });
  assert.equal(full.exitCode, 0, full.stderr);
  assert.equal((await check()).state, 'whole');
  o.log(`whole import of ${o.rows} rows: ${(full.ms / 1000).toFixed(1)} s (process start to exit)`);
  await dropAll(storePath, 'baci');

  const random = seeded(o.seed);
  const trials: Trial[] = [
    // Half of the kill points anywhere in the run, half in its last quarter (commit, checkpoint, close).
    ...Array.from({ length: o.randomKills }, (_, i) => {
      const at = i % 2 === 0 ? 0.03 + 0.97 * random() : 0.75 + 0.25 * random();
      return { kill: { afterMs: Math.round(at * full.ms) } };
    }),
    { kill: 'after-commit' as const },
  ];
  for (const trial of trials) {
    const outcome = await runImportProcess(dir, 'baci', [file], trial);
    const where = typeof trial.kill === 'object' ? `${trial.kill.afterMs} ms` : trial.kill;
    let verdict: StoreVerdict;
    try {
      verdict = await check();
    } catch (error) {
      throw new Error(`seed ${o.seed}, kill at ${where}: ${(error as Error).message}`);
    }
    tally[verdict.state]++;
    o.log(`kill at ${where}: ${outcome.killed ? 'killed' : `exited ${outcome.exitCode}`} → ${verdict.state}`);
    if (trial.kill === 'after-commit' && outcome.killed) assert.equal(verdict.state, 'whole', 'a commit survives');
    if (verdict.state === 'whole') await dropAll(storePath, 'baci');
  }
  const last = await runImportProcess(dir, 'baci', [file], { kill: 'never' });
  assert.equal(last.exitCode, 0, last.stderr);
  assert.equal((await check()).state, 'whole', 'after every kill, the import runs whole');
  return tally;
}

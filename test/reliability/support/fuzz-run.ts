import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { UsageError, UserError } from '../../../src/domain/errors.js';
import { importerFor } from '../../../src/sources/catalogue.js';
import type { Importer } from '../../../src/sources/importer.js';
import { dropDataset, runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { caseFiles, type FileCase, fileCaseArb, type InputFile, type Seed, seedsFor } from './fuzz-files.js';
import { storeState } from './store-state.js';

/** What happened to the cases of one importer. */
export interface FuzzTally {
  source: string;
  cases: number;
  imported: number;
  /** UserError or UsageError naming a file and a line (or a sheet cell). */
  clearWithLine: number;
  /** UserError or UsageError naming a file, about the file as a whole (encoding, empty, not a workbook …). */
  clearFile: number;
  /** UserError or UsageError naming none of the files. */
  unclear: number;
  /** Any other error, or a case that did not finish: each is a bug. */
  crashes: number;
  /** Failed imports after which the store was not as before (full imports only). */
  partialWrites: number;
  examples: { unclear: string[]; crashes: string[] };
  ms: number;
}

export function emptyTally(source: string): FuzzTally {
  return {
    source,
    cases: 0,
    imported: 0,
    clearWithLine: 0,
    clearFile: 0,
    unclear: 0,
    crashes: 0,
    partialWrites: 0,
    examples: { unclear: [], crashes: [] },
    ms: 0,
  };
}

const caseTimeoutMs = 60_000;

/** Classify one outcome; a crash also returns its description so that the property can fail on it. */
export function record(tally: FuzzTally, files: readonly { name: string }[], error: unknown): string | undefined {
  tally.cases++;
  if (error === undefined) {
    tally.imported++;
    return undefined;
  }
  if (!(error instanceof UserError || error instanceof UsageError)) {
    tally.crashes++;
    const text = `${(error as Error)?.name}: ${(error as Error)?.stack ?? error}`;
    if (tally.examples.crashes.length < 5) tally.examples.crashes.push(text);
    return text;
  }
  const message = error.message;
  const names = files.map((f) => f.name);
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const withLine = new RegExp(`(${escaped.join('|')})(:[^:\\s]+)?:\\d+|(${escaped.join('|')})[^\\n]*(\\[[^\\]]+\\]!|sheet "[^"]+", row \\d+|line \\d+|row \\d+)`);
  if (withLine.test(message)) tally.clearWithLine++;
  else if (names.some((n) => message.includes(n))) tally.clearFile++;
  else {
    tally.unclear++;
    if (tally.examples.unclear.length < 5) tally.examples.unclear.push(message.split('\n')[0]);
  }
  return undefined;
}

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`case did not finish in ${caseTimeoutMs} ms`)), caseTimeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function writeCase(dir: string, files: InputFile[]): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.bytes);
    return path;
  });
}

export interface FuzzOptions {
  /** Cases validated through the importer in a transaction that is rolled back (`radar import --dry-run`). */
  dryRuns: number;
  /** Cases imported for real into an on-disk store, each checked for all or nothing. */
  imports: number;
  seed: number;
  scratch: string;
}

/**
 * Fuzz one importer through `runImport`: `dryRuns` cases as dry runs (parse, validate and write inside a transaction
 * that is rolled back: the importer's whole validation path), then `imports` cases as real imports. After each
 * failed real import the store must be as before (every table's row count and the registry); after a successful
 * one the dataset is dropped again and the store must be as before too. fast-check prints the seed on failure.
 */
export async function fuzzImporter(db: Db, source: string, o: FuzzOptions): Promise<FuzzTally> {
  const started = performance.now();
  const importer = await importerFor(source);
  const seeds = await seedsFor(source, o.scratch);
  await ensureSeedsImport(db, importer, seeds, o.scratch);
  const tally = emptyTally(source);
  const initial = await storeState(db);
  const dir = join(o.scratch, 'case');

  await fc.assert(
    fc.asyncProperty(fileCaseArb(seeds.length), async (c: FileCase) => {
      const files = caseFiles(seeds, c);
      const paths = writeCase(dir, files);
      let error: unknown;
      try {
        await withTimeout(runImport(db, importer, paths, { dryRun: true }));
      } catch (e) {
        error = e;
      }
      const crash = record(tally, files, error);
      if (crash) throw new Error(`${source}: ${crash}`);
    }),
    { seed: o.seed, numRuns: o.dryRuns },
  );
  assert.deepEqual(await storeState(db), initial, `${source}: dry runs left the store unchanged`);

  await fc.assert(
    fc.asyncProperty(fileCaseArb(seeds.length), async (c: FileCase) => {
      const files = caseFiles(seeds, c);
      const paths = writeCase(dir, files);
      const before = await storeState(db);
      let error: unknown;
      let dataset: string | undefined;
      try {
        dataset = (await withTimeout(runImport(db, importer, paths, { force: true }))).dataset;
      } catch (e) {
        error = e;
      }
      const crash = record(tally, files, error);
      if (dataset) await dropDataset(db, dataset);
      const after = await storeState(db);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        tally.partialWrites++;
        throw new Error(`${source}: the store changed after ${error ? 'a failed' : 'a dropped'} import`);
      }
      if (crash) throw new Error(`${source}: ${crash}`);
    }),
    { seed: o.seed + 1, numRuns: o.imports },
  );
  tally.ms = performance.now() - started;
  return tally;
}

/** The seeds must import cleanly; otherwise the cases test a broken seed, not malformed input. */
async function ensureSeedsImport(db: Db, importer: Importer, seeds: Seed[], scratch: string): Promise<void> {
  for (const [i, seed] of seeds.entries()) {
    const paths = writeCase(join(scratch, `seed-${i}`), seed);
    const report = await runImport(db, importer, paths, { dryRun: true });
    assert.ok(report.rows > 0, `${importer.id} seed ${i} (${seed.map((f) => f.name).join(', ')}) imports rows`);
  }
}

export function formatTally(t: FuzzTally): string {
  return (
    `${t.source.padEnd(15)} cases ${String(t.cases).padStart(6)}  imported ${String(t.imported).padStart(5)}  ` +
    `clear errors ${String(t.clearWithLine + t.clearFile).padStart(6)} (file:line ${t.clearWithLine}, ` +
    `whole file ${t.clearFile})  unclear ${t.unclear}  crashes ${t.crashes}  partial writes ${t.partialWrites}  ` +
    `${(t.ms / 1000).toFixed(1)} s`
  );
}

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { UsageError, UserError } from '../../../src/domain/errors.js';
import { importerFor } from '../../../src/sources/catalogue.js';
import type { Importer } from '../../../src/sources/importer.js';
import { describeFiles, dropDataset, runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { writeWorkbook } from '../../fixtures/iea-cm/workbook.js';
import { caseFiles, type FileCase, fileCaseArb, type InputFile, type Seed, seedsFor } from './fuzz-files.js';
import { editSheets, parseLayerFor, type SheetEdit, sheetEditArb } from './fuzz-layers.js';
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
  perLayer: FuzzPlan;
  layers: { parse?: string };
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
    perLayer: { parse: 0, load: 0, imports: 0 },
    layers: {},
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
  const withLine = new RegExp(
    `(${escaped.join('|')})(:[^:\\s]+)?:\\d+|(${escaped.join('|')})[^\\n]*(\\[[^\\]]+\\]!|sheet "[^"]+", row \\d+|line \\d+|row \\d+)`,
  );
  if (withLine.test(message)) tally.clearWithLine++;
  else if (names.some((n) => message.includes(n))) tally.clearFile++;
  else {
    tally.unclear++;
    if (tally.examples.unclear.length < 5) tally.examples.unclear.push(message.split('\n')[0]);
  }
  return undefined;
}

/** fc.assert, with the error that failed the property in the message (fast-check keeps it as `cause`). */
async function check<C>(arbitrary: fc.Arbitrary<C>, run: (c: C) => Promise<void>, params: fc.Parameters<[C]>) {
  try {
    await fc.assert(fc.asyncProperty(arbitrary, run), params);
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    throw new Error(`${(error as Error).message}${cause ? `\nfailed with: ${cause.message}` : ''}`);
  }
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

/** How many cases go through each layer. */
export interface FuzzPlan {
  /** The importer's parse/validate layer without the store (parseLayerFor), where it exposes one. */
  parse: number;
  /** `importer.load` inside a transaction that is rolled back (what `radar import --dry-run` runs). */
  load: number;
  /** `runImport` for real into an on-disk store, each checked for all or nothing. */
  imports: number;
}

export interface FuzzOptions {
  seed: number;
  scratch: string;
}

/** Cases made of files: by default seed files with edits; the IEA workbook's import cases edit its sheets. */
interface FileCases<C> {
  arbitrary: fc.Arbitrary<C>;
  files(c: C): Promise<InputFile[]>;
}

function editedSeeds(seeds: Seed[]): FileCases<FileCase> {
  return { arbitrary: fileCaseArb(seeds.length), files: async (c) => caseFiles(seeds, c) };
}

function editedWorkbooks(scratch: string): FileCases<SheetEdit[]> {
  return {
    arbitrary: fc.array(sheetEditArb, { minLength: 1, maxLength: 4 }),
    files: async (edits) => {
      const path = join(scratch, 'edited.xlsx');
      try {
        await writeWorkbook(path, editSheets(edits));
      } catch {
        return [{ name: 'CM_Data_Explorer.xlsx', bytes: Buffer.from('not written') }];
      }
      return [{ name: 'CM_Data_Explorer.xlsx', bytes: readFileSync(path) }];
    },
  };
}

/**
 * Fuzz one importer in three layers (FuzzPlan). Every case must end in success or a UserError/UsageError (else it
 * is a crash and the property fails, printing fast-check's seed and the shrunk case). After each failed real import
 * the store must be as it was (every table's row count and the whole registry); after a successful one the dataset
 * is dropped and the store must again be as it was. Dry runs must leave the store unchanged too.
 */
export async function fuzzImporter(db: Db, source: string, plan: FuzzPlan, o: FuzzOptions): Promise<FuzzTally> {
  const started = performance.now();
  const importer = await importerFor(source);
  const seeds = await seedsFor(source, o.scratch);
  await ensureSeedsImport(db, importer, seeds, o.scratch);
  const tally = emptyTally(source);
  const initial = await storeState(db);
  const dir = join(o.scratch, 'case');
  const fail = (crash: string | undefined) => {
    if (crash) throw new Error(`${source}: ${crash}`);
  };

  if (plan.parse > 0) {
    const layer = await parseLayerFor(source, db, seeds, o.scratch);
    if (!layer) throw new Error(`${source} has no parse layer; put its cases in the load layer`);
    tally.layers.parse = layer.describe;
    await check(
      layer.arbitrary,
      async (c) => {
        let error: unknown;
        try {
          await withTimeout(layer.run(c));
        } catch (e) {
          error = e;
        }
        fail(record(tally, layer.files(c), error));
      },
      { seed: o.seed, numRuns: plan.parse },
    );
  }

  const cases = editedSeeds(seeds);
  await check(
    cases.arbitrary,
    async (c) => {
      const files = await cases.files(c);
      const paths = writeCase(dir, files);
      let error: unknown;
      try {
        const described = await describeFiles(paths);
        const ctx = { db, datasetId: `${source}:fuzz`, files: described, progress: () => {}, warn: () => {} };
        await withTimeout(db.transaction(() => importer.load(ctx), { rollback: true }));
      } catch (e) {
        error = e;
      }
      fail(record(tally, files, error));
    },
    { seed: o.seed + 1, numRuns: plan.load },
  );
  assert.deepEqual(await storeState(db), initial, `${source}: dry runs left the store unchanged`);

  const imports: FileCases<FileCase> | FileCases<SheetEdit[]> =
    source === 'iea-cm' ? editedWorkbooks(o.scratch) : cases;
  await check(
    imports.arbitrary as fc.Arbitrary<unknown>,
    async (c) => {
      const files = await (imports.files as (c: unknown) => Promise<InputFile[]>)(c);
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
      if (JSON.stringify(await storeState(db)) !== JSON.stringify(before)) {
        tally.partialWrites++;
        throw new Error(`${source}: the store changed after ${error ? 'a failed' : 'a dropped'} import`);
      }
      fail(crash);
    },
    { seed: o.seed + 2, numRuns: plan.imports },
  );
  tally.perLayer = { parse: plan.parse, load: plan.load, imports: plan.imports };
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
  const clear = t.clearWithLine + t.clearFile;
  return (
    `${t.source.padEnd(15)} ${String(t.cases).padStart(6)} cases (parse ${t.perLayer.parse}, load ${t.perLayer.load}, ` +
    `import ${t.perLayer.imports}): ok ${t.imported}, clear errors ${clear} (file:line ${t.clearWithLine}, ` +
    `whole file ${t.clearFile}), unclear ${t.unclear}, crashes ${t.crashes}, partial writes ${t.partialWrites}, ` +
    `${(t.ms / 1000).toFixed(1)} s`
  );
}

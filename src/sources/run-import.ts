import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError, UserError } from '../domain/errors.js';
import type { Db } from '../store/db.js';
import { type Dataset, readDatasets, writeDataset } from '../store/registry.js';
import type { Importer, LoadOutcome, SourceFile } from './importer.js';

export interface ImportOptions {
  vintage?: string;
  /** Parse, validate and count, then roll back: the plan without the write. */
  dryRun?: boolean;
  /** Re-import even when the same files are already registered. */
  force?: boolean;
  progress?: (done: number, total?: number) => void;
}

export interface ImportReport {
  status: 'imported' | 'unchanged' | 'dry-run';
  dataset: string;
  source: string;
  files: { name: string; sha256: string; bytes: number }[];
  sha256: string;
  rows: number;
  vintage: string | null;
  warnings: string[];
  seconds: number;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checksum the inputs; the dataset's sha256 is that of its files' hashes in name order. */
export async function describeFiles(paths: string[]): Promise<SourceFile[]> {
  if (paths.length === 0) throw new UsageError('no input file given');
  const files: SourceFile[] = [];
  for (const path of paths) {
    if (!existsSync(path) || !statSync(path).isFile()) throw new UserError(`file not found: ${path}`);
    files.push({ path, name: basename(path), sha256: await sha256File(path), bytes: statSync(path).size });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

export function datasetSha(files: SourceFile[]): string {
  return createHash('sha256')
    .update(files.map((f) => f.sha256).join('\n'))
    .digest('hex');
}

/**
 * Import files through an importer: all or nothing, idempotent by sha256.
 * Plan: checksum the files and look them up in the registry (same source and sha256 → nothing to do).
 * Apply: one transaction that replaces the dataset's rows and its registry entry; any error rolls it back.
 */
export async function runImport(
  db: Db,
  importer: Importer,
  paths: string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  const files = await describeFiles(paths);
  const sha256 = datasetSha(files);
  const datasetId = `${importer.id}:${options.vintage ?? sha256.slice(0, 12)}`;
  const existing = (await readDatasets(db)).find(
    (d) => d.source === importer.id && d.sha256 === sha256 && (!options.vintage || d.id === datasetId),
  );
  const report = (
    status: ImportReport['status'],
    outcome: { rows: number; vintage: string | null },
    warnings: string[],
  ) => ({
    status,
    dataset: existing && status === 'unchanged' ? existing.id : datasetId,
    source: importer.id,
    files: files.map(({ name, sha256, bytes }) => ({ name, sha256, bytes })),
    sha256,
    ...outcome,
    warnings,
    seconds: (performance.now() - started) / 1000,
  });
  if (existing && !options.force && !options.dryRun) {
    return report('unchanged', { rows: existing.rows, vintage: existing.vintage }, []);
  }
  const warnings: string[] = [];
  let outcome: LoadOutcome = { rows: 0 };
  const work = async () => {
    for (const table of importer.tables) await db.run(`DELETE FROM ${table} WHERE dataset_id = $1`, [datasetId]);
    outcome = await importer.load({
      db,
      datasetId,
      files,
      vintage: options.vintage,
      progress: options.progress ?? (() => {}),
      warn: (message) => warnings.push(message),
    });
    await writeDataset(db, {
      id: datasetId,
      source: importer.id,
      title: importer.title,
      kind: 'import',
      vintage: options.vintage ?? outcome.vintage ?? null,
      url: importer.url,
      file: files.map((f) => f.name).join(', '),
      sha256,
      licence: importer.licence,
      rows: outcome.rows,
      trade_concept: importer.tradeConcept ?? null,
      tables: [...importer.tables],
      params: outcome.params ? JSON.stringify(outcome.params) : null,
    });
  };
  if (options.dryRun) {
    await db.transaction(work, { rollback: true });
    return report('dry-run', { rows: outcome.rows, vintage: options.vintage ?? outcome.vintage ?? null }, warnings);
  }
  await db.transaction(work);
  return report('imported', { rows: outcome.rows, vintage: options.vintage ?? outcome.vintage ?? null }, warnings);
}

/** Remove an imported dataset and its rows, in one transaction. Reference datasets are part of the package. */
export async function dropDataset(db: Db, id: string): Promise<Dataset> {
  const dataset = (await readDatasets(db)).find((d) => d.id === id);
  if (!dataset) throw new UsageError(`unknown dataset: "${id}"`, 'See `radar datasets` for the ids.', 404);
  if (dataset.kind === 'reference')
    throw new UsageError(`dataset ${id} is bundled reference data and cannot be dropped`);
  await db.transaction(async () => {
    for (const table of dataset.tables) await db.run(`DELETE FROM ${table} WHERE dataset_id = $1`, [id]);
    await db.run('DELETE FROM datasets WHERE id = $1', [id]);
  });
  return dataset;
}

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Importer } from '../../src/sources/importer.js';
import { runImport } from '../../src/sources/run-import.js';
import { sevenZipPath } from '../../src/sources/trade-archive.js';
import type { Db } from '../../src/store/db.js';
import { readDatasets } from '../../src/store/registry.js';
import { repoRoot } from '../support/real-data.js';

/** Shared by the trade and code-table importer tests. */
export const fixture = (id: string, name: string) => join(repoRoot, 'test', 'fixtures', id, name);

export async function count(db: Db, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  return Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params as never))!.n);
}

/** A bad input must fail with a message matching `message` and leave every listed table and the registry as it was. */
export async function assertRejectedUnchanged(
  db: Db,
  importer: Importer,
  paths: string[],
  message: RegExp,
): Promise<void> {
  const before = {
    rows: await Promise.all(importer.tables.map((t) => count(db, t))),
    datasets: await readDatasets(db),
  };
  await assert.rejects(runImport(db, importer, paths), message);
  assert.deepEqual(await Promise.all(importer.tables.map((t) => count(db, t))), before.rows);
  assert.deepEqual(await readDatasets(db), before.datasets);
}

/** Build an archive with the package's 7za (7z or zip by extension), members given as [name in archive, source]. */
export function makeArchive(path: string, members: [string, string][], dir: string): string {
  const staged = members.map(([name, source]) => {
    const target = join(dir, name);
    if (!existsSync(target) || readFileSync(target).compare(readFileSync(source)) !== 0) copyFileSync(source, target);
    return name;
  });
  execFileSync(sevenZipPath(), ['a', '-bd', '-y', path, ...staged], { cwd: dir, stdio: 'ignore' });
  return path;
}

export function gzipTo(source: string, target: string): string {
  writeFileSync(target, gzipSync(readFileSync(source)));
  return target;
}

/** The data lines of a CSV split on commas (the real samples have no quoted commas in the columns used). */
export function csvLines(path: string, skip = 1): string[][] {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(skip)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','));
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../../src/cli/context.js';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open.js';

/** A fresh store in a temporary directory, with the bundled reference data loaded. */
export async function tempStore(): Promise<{ db: Db; dir: string; path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-test-'));
  const path = join(dir, 'radar.duckdb');
  const db = await openStore({ path });
  return {
    db,
    dir,
    path,
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'radar-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A CLI context that captures output and opens the store at `path`. */
export function captureContext(path: string): CliContext & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    openStore: (options) => openStore({ path, readOnly: options?.readOnly ?? true }),
    out: () => out,
    err: () => err,
  };
}

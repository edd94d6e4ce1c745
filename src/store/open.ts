import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { storePath } from './data-dir.js';
import { Db } from './db.js';
import { isMigrated, migrate } from './migrations.js';
import { applyReference, planReference } from './reference.js';

export interface OpenStoreOptions {
  /** Database file; default `$RADAR_DATA_DIR/radar.duckdb`. ':memory:' for a throw-away store. */
  path?: string;
  /** Readers open read-only so that many processes (CLI, server) can read at once. */
  readOnly?: boolean;
}

/**
 * Open the store ready to use: schema migrated and bundled reference tables loaded. A read-only open first
 * brings a missing or stale store up to date through a short read-write open, then reopens read-only.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Db> {
  const path = options.path ?? storePath();
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  if (!options.readOnly) {
    const db = await Db.open(path);
    try {
      await prepare(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  }
  if (!existsSync(path) || !(await isReady(path))) {
    const writer = await Db.open(path);
    try {
      await prepare(writer);
    } finally {
      writer.close();
    }
  }
  return Db.open(path, { readOnly: true });
}

async function prepare(db: Db): Promise<void> {
  await migrate(db);
  await applyReference(db, await planReference(db));
}

async function isReady(path: string): Promise<boolean> {
  const db = await Db.open(path, { readOnly: true });
  try {
    if (!(await isMigrated(db))) return false;
    return (await planReference(db)).every((p) => !p.changed);
  } finally {
    db.close();
  }
}

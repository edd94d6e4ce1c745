import type { Db } from './db.js';
import { migrations } from './migrations/index.js';

/**
 * Apply every migration not yet recorded in schema_migrations, each in its own transaction. Versions are applied by
 * set membership, not "greater than the newest", so capabilities can own version ranges (see migrations/migration.ts).
 */
export async function migrate(db: Db): Promise<number[]> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)',
  );
  const done = new Set(await readAppliedVersions(db));
  const applied: number[] = [];
  for (const migration of migrations.filter((m) => !done.has(m.version))) {
    await db.transaction(async () => {
      await db.run(migration.sql);
      await db.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [migration.version, migration.name]);
    });
    applied.push(migration.version);
  }
  return applied;
}

export async function readAppliedVersions(db: Db): Promise<number[]> {
  const exists = await db.one<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'schema_migrations'",
  );
  if (!exists?.n) return [];
  return (await db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map(
    (r) => r.version,
  );
}

/** True when every known migration has been applied. */
export async function isMigrated(db: Db): Promise<boolean> {
  const done = new Set(await readAppliedVersions(db));
  return migrations.every((m) => done.has(m.version));
}

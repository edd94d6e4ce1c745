import type { Db } from '../../../src/store/db.js';

/**
 * What "the store is unchanged" means in these tests: every table of the store (temporary tables of an import
 * included, so a leftover code table counts) with its row count, and the whole dataset registry.
 */
export interface StoreState {
  tables: Record<string, number>;
  registry: Record<string, unknown>[];
}

export async function storeState(db: Db): Promise<StoreState> {
  const names = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary
     ORDER BY table_name`,
  );
  const tables: Record<string, number> = {};
  for (const { name } of names) {
    tables[name] = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`))?.n ?? 0;
  }
  const registry = await db.all('SELECT * FROM datasets ORDER BY id');
  return { tables, registry: registry.map((r) => ({ ...r, tables: [...(r.tables as Iterable<string>)] })) };
}

/** Row count and an order-independent checksum of every table: equal fingerprints = the same content. */
export async function storeFingerprint(db: Db): Promise<Record<string, { rows: number; sum: string }>> {
  const names = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary
     ORDER BY table_name`,
  );
  const out: Record<string, { rows: number; sum: string }> = {};
  for (const { name } of names) {
    const row = await db.one<{ n: number; sum: unknown }>(
      `SELECT count(*) AS n, coalesce(sum(hash(t::VARCHAR)::HUGEINT), 0)::VARCHAR AS sum FROM "${name}" t`,
    );
    out[name] = { rows: row?.n ?? 0, sum: String(row?.sum) };
  }
  return out;
}

import type { Db } from '../../store/db.js';

/** Column kinds of the importer tables, in table order (the appender writes positionally). */
export type ColumnKind = 'varchar' | 'double' | 'integer' | 'boolean';

export type TableSpec<R> = {
  table: string;
  /** Every column of the table in its declared order; `dataset_id` first. */
  columns: readonly (readonly [keyof R & string, ColumnKind])[];
};

/**
 * Append rows through DuckDB's appender on the import transaction's connection (so a later error rolls them back
 * with everything else). `null`/`undefined` become NULL.
 */
export async function writeRows<R extends Record<string, unknown>>(
  db: Db,
  spec: TableSpec<R>,
  rows: readonly R[],
): Promise<number> {
  const appender = await db.connection.createAppender(spec.table);
  try {
    for (const row of rows) {
      for (const [name, kind] of spec.columns) {
        const value = row[name];
        if (value === null || value === undefined) appender.appendNull();
        else if (kind === 'varchar') appender.appendVarchar(String(value));
        else if (kind === 'double') appender.appendDouble(value as number);
        else if (kind === 'integer') appender.appendInteger(value as number);
        else appender.appendBoolean(value as boolean);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return rows.length;
}

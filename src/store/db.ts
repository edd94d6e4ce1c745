import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { UserError } from '../domain/errors.js';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

/**
 * One embedded DuckDB database. The only place that knows the engine: everything above speaks SQL through
 * `all`, `run` and `transaction`. DuckDB lets many processes open a file read-only, or one process read-write.
 */
export class Db {
  private readonly pool: DuckDBConnection[] = [];
  private next = 0;
  private inTransaction = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
    readonly readOnly: boolean,
  ) {}

  static async open(path: string, options: { readOnly?: boolean } = {}): Promise<Db> {
    const readOnly = options.readOnly ?? false;
    try {
      const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
      return new Db(instance, await instance.connect(), path, readOnly);
    } catch (error) {
      const message = (error as Error).message;
      if (/lock/i.test(message)) {
        throw new UserError(
          `the store ${path} is in use by another process that is writing to it`,
          'Wait for the running import to finish (or stop the process holding it) and try again.',
          409,
        );
      }
      throw error;
    }
  }

  /** Rows as plain objects; BIGINT counts become numbers (they stay far below 2^53 here). */
  async all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    const reader = await (await this.reader()).runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map((row) => normalise(row) as T);
  }

  async one<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /**
   * Concurrent readers (e.g. API requests) each need their own connection: a DuckDB connection runs one query at a
   * time. Inside a transaction every statement must go through the transaction's connection.
   */
  private async reader(): Promise<DuckDBConnection> {
    if (this.inTransaction) return this.connection;
    if (this.pool.length < Db.poolSize) this.pool.push(await this.instance.connect());
    this.next = (this.next + 1) % this.pool.length;
    return this.pool[this.next];
  }

  static poolSize = 4;

  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params);
  }

  /**
   * All or nothing: on any error the transaction rolls back and the error propagates.
   * With `rollback: true` it always rolls back (a dry run that sees its own writes).
   */
  async transaction<T>(work: () => Promise<T>, options: { rollback?: boolean } = {}): Promise<T> {
    if (this.inTransaction) throw new Error('nested transaction');
    await this.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const value = await work();
      await this.run(options.rollback ? 'ROLLBACK' : 'COMMIT');
      return value;
    } catch (error) {
      await this.run('ROLLBACK');
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  close(): void {
    for (const connection of this.pool) connection.closeSync();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function normalise(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'bigint' ? Number(value) : value;
  return out;
}

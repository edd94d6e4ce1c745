import { AsyncLocalStorage } from 'node:async_hooks';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { InternalError, UserError } from '../domain/errors.js';
import { describeStoreHolder } from './server-file.js';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

/** The connection that the statements of one async context run on: a write transaction's or a read snapshot's. */
interface Scope {
  db: Db;
  connection: DuckDBConnection;
  kind: 'transaction' | 'snapshot';
  /** Set when the transaction or snapshot has ended: callbacks that outlive it fall back to the pool. */
  ended?: boolean;
  /** Set when a statement of the transaction failed (DuckDB may then only allow a rollback). */
  failed?: boolean;
}
const scopes = new AsyncLocalStorage<Scope>();

/**
 * One embedded DuckDB database. The only place that knows the engine: everything above speaks SQL through
 * `all`, `run`, `transaction` and `snapshot`. DuckDB lets one process open a file read-write or many open it
 * read-only; a running server is the one read-write process (server/main.ts), and every request shares its `Db`.
 *
 * Concurrency inside that one process:
 * - writes are serialised: `transaction` (and a `run` outside one) waits for the write before it to finish and then
 *   runs on the main connection, so two imports or an import and a registration never interleave;
 * - reads run on a pool of other connections (a DuckDB connection runs one query at a time) and see the last
 *   committed state (MVCC): never the half-written rows of a transaction in progress;
 * - `snapshot(work)` pins every read of `work` to one read transaction, so an answer built from several queries
 *   comes from one committed state even if an import commits meanwhile (the server wraps each GET in one).
 * Which connection a statement uses follows the async context (AsyncLocalStorage), not a flag: a statement issued
 * inside a transaction's `work` joins the transaction; one issued by a concurrent request does not.
 */
export class Db {
  private readonly pool: DuckDBConnection[];
  private readonly idle: DuckDBConnection[] = [];
  private next = 0;
  /** The tail of the queue of writes; each write starts when the one before it has settled. */
  private writes: Promise<unknown> = Promise.resolve();
  private pendingWrites = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly main: DuckDBConnection,
    pool: DuckDBConnection[],
    readonly path: string,
    readonly readOnly: boolean,
  ) {
    this.pool = pool;
  }

  static async open(path: string, options: { readOnly?: boolean } = {}): Promise<Db> {
    const readOnly = options.readOnly ?? false;
    try {
      const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
      const pool = await Promise.all(Array.from({ length: Db.poolSize }, () => instance.connect()));
      return new Db(instance, await instance.connect(), pool, path, readOnly);
    } catch (error) {
      const message = (error as Error).message;
      if (/lock/i.test(message)) {
        const holder = describeStoreHolder(path);
        throw new UserError(
          holder?.message ?? `the store ${path} is open in another Radar process (an import or another command)`,
          holder?.hint ??
            'DuckDB allows one process to write to a store at a time: wait for the other command to finish and try again.',
          409,
        );
      }
      throw error;
    }
  }

  static poolSize = 4;

  /**
   * The raw connection for the current context (appenders, streaming reads, progress): the transaction's inside
   * `transaction`, the snapshot's inside `snapshot`, else a pooled reading connection. Bulk loads must use it
   * inside the import transaction.
   */
  get connection(): DuckDBConnection {
    return this.scoped()?.connection ?? this.reader();
  }

  /** Rows as plain objects; BIGINT counts become numbers (they stay far below 2^53 here). */
  async all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    const scope = this.scoped();
    try {
      const reader = await (scope?.connection ?? this.reader()).runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((row) => normalise(row) as T);
    } catch (error) {
      if (scope?.kind === 'transaction') scope.failed = true;
      throw error;
    }
  }

  async one<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /**
   * A statement that changes something: inside a transaction it joins it, else it is a write of its own.
   * Once a statement of a transaction has failed, DuckDB refuses every later one ("Current transaction is aborted")
   * and the transaction can only roll back. A later `run` (typically clean-up in a `finally`, such as dropping a
   * working table) is then skipped instead of failing: its effect would be rolled back anyway, and its error would
   * replace the one that explains what went wrong (the file:line of a bad row). Nothing is committed that way:
   * DuckDB answers COMMIT of an aborted transaction by rolling it back without an error, so `transaction` checks
   * and throws instead of reporting success.
   */
  async run(sql: string, params?: Params): Promise<void> {
    const scope = this.scoped();
    if (scope?.kind === 'transaction') {
      try {
        await this.main.run(sql, params);
      } catch (error) {
        scope.failed = true;
        // The statement that failed first (a run, a query or an appender) has already thrown its own error.
        if (/Current transaction is aborted/.test((error as Error).message)) return;
        throw error;
      }
      return;
    }
    await this.exclusive(async () => {
      await this.main.run(sql, params);
    });
  }

  /**
   * All or nothing: on any error the transaction rolls back and the error propagates.
   * With `rollback: true` it always rolls back (a dry run that sees its own writes).
   * Transactions run one at a time (in the order they were asked for); reads elsewhere go on meanwhile.
   */
  async transaction<T>(work: () => Promise<T>, options: { rollback?: boolean } = {}): Promise<T> {
    if (this.scoped()?.kind === 'transaction') throw new Error('nested transaction');
    return this.exclusive(async () => {
      await this.main.run('BEGIN TRANSACTION');
      const scope: Scope = { db: this, connection: this.main, kind: 'transaction' };
      let value: T;
      try {
        value = await scopes.run(scope, work);
      } catch (error) {
        scope.ended = true;
        await this.main.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
      scope.ended = true;
      if (scope.failed && (await this.aborted())) {
        await this.main.run('ROLLBACK').catch(() => undefined);
        throw new InternalError(
          'a statement of the transaction failed and its error was not passed on, so nothing was written',
        );
      }
      if (options.rollback) await this.main.run('ROLLBACK');
      else {
        try {
          await this.main.run('COMMIT');
        } catch (error) {
          // A failed commit leaves nothing behind; roll back in case DuckDB kept the transaction open.
          await this.main.run('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
      return value;
    });
  }

  /**
   * Run `work` with all its reads in one read transaction: one consistent, committed state of the store,
   * whatever commits meanwhile. Writes inside it (`run`, `transaction`) still go through the write queue.
   */
  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    if (this.scoped()) return work();
    const connection = this.idle.pop() ?? (await this.instance.connect());
    await connection.run('BEGIN TRANSACTION');
    const scope: Scope = { db: this, connection, kind: 'snapshot' };
    let ok = false;
    try {
      const value = await scopes.run(scope, work);
      ok = true;
      return value;
    } finally {
      scope.ended = true;
      await connection.run(ok ? 'COMMIT' : 'ROLLBACK').catch(() => connection.run('ROLLBACK').catch(() => undefined));
      if (this.idle.length < Db.poolSize * 4) this.idle.push(connection);
      else connection.closeSync();
    }
  }

  /** True while a write runs or waits: closing now would abandon it (DuckDB then discards it, as after a crash). */
  get writing(): boolean {
    return this.pendingWrites > 0;
  }

  close(): void {
    for (const connection of [...this.pool, ...this.idle]) connection.closeSync();
    this.main.closeSync();
    this.instance.closeSync();
  }

  /** True when the main connection's transaction can only roll back. */
  private async aborted(): Promise<boolean> {
    return this.main.run('SELECT 1').then(
      () => false,
      (error: Error) => /Current transaction is aborted/.test(error.message),
    );
  }

  private scoped(): Scope | undefined {
    const scope = scopes.getStore();
    return scope?.db === this && !scope.ended ? scope : undefined;
  }

  private reader(): DuckDBConnection {
    this.next = (this.next + 1) % this.pool.length;
    return this.pool[this.next];
  }

  /** Queue a write behind the ones already asked for. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.pendingWrites++;
    const settled = () => {
      this.pendingWrites--;
    };
    const turn = this.writes.then(work, work);
    this.writes = turn.then(settled, settled);
    return turn;
  }
}

function normalise(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'bigint' ? Number(value) : value;
  return out;
}

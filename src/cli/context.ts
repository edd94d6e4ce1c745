import type { Db } from '../store/db.js';
import { openStore } from '../store/open.js';

/** What a command may touch: where to print, and the store. Tests pass their own. */
export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Open the store (read-only unless asked); the caller closes it. */
  openStore: (options?: { readOnly?: boolean }) => Promise<Db>;
}

export const processContext: CliContext = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  openStore: (options) => openStore({ readOnly: options?.readOnly ?? true }),
};

/** Run work against a read-only store and always close it. */
export async function withStore<T>(ctx: CliContext, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await ctx.openStore({ readOnly: true });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

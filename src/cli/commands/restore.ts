import { inspectBackup, replaceStoreFile, restoreUserData } from '../../store/backup.js';
import type { CliContext } from '../context.js';
import { renderBackup } from './backup.js';

/**
 * `radar restore FILE`: the kind of backup decides. A whole-store backup replaces the store file (the previous one
 * is kept as <store>.before-restore); a user-data backup replaces the user tables' rows in one transaction.
 */
export async function restore(ctx: CliContext, file: string, options: { json?: boolean }): Promise<void> {
  const backup = await inspectBackup(file);
  // Opening read-write first proves that no server or other command holds the store.
  const db = await ctx.openStore({ readOnly: false });
  let previous: string | undefined;
  try {
    if (backup.kind === 'user-data') await restoreUserData(db, file);
  } finally {
    db.close();
  }
  if (backup.kind === 'store') {
    previous = replaceStoreFile(db.path, file).previous;
    // Reopening brings an older backup's schema and reference tables up to date.
    (await ctx.openStore({ readOnly: false })).close();
  }
  ctx.stdout(
    options.json
      ? `${JSON.stringify({ restored: backup, previous: previous ?? null }, null, 2)}\n`
      : `${renderBackup('restored', backup)}${previous ? `the previous store is kept as ${previous}\n` : ''}`,
  );
}

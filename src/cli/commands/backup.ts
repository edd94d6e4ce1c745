import { type BackupKind, type BackupReport, writeBackup } from '../../store/backup.js';
import type { CliContext } from '../context.js';

export interface BackupCliOptions {
  userData?: boolean;
  json?: boolean;
}

/** `radar backup FILE`: the whole store (default) or only the user data, written all at once. */
export async function backup(ctx: CliContext, file: string, options: BackupCliOptions): Promise<void> {
  const kind: BackupKind = options.userData ? 'user-data' : 'store';
  const db = await ctx.openStore({ readOnly: false });
  try {
    const report = await writeBackup(db, file, kind);
    ctx.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderBackup('backed up', report));
  } finally {
    db.close();
  }
}

export function renderBackup(verb: string, r: Omit<BackupReport, 'seconds'> & { seconds?: number }): string {
  const what = r.kind === 'store' ? `the whole store (${r.datasets} imported datasets)` : 'the user data';
  const rows = Object.entries(r.rows)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  const time = r.seconds === undefined ? '' : ` in ${r.seconds.toFixed(1)} s`;
  return `${verb} ${what}: ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB)${time}\nuser data rows: ${rows}\nsha256 ${r.sha256}\n`;
}

import pc from 'picocolors';
import { importerFor } from '../../sources/catalogue.js';
import { type ImportReport, runImport } from '../../sources/run-import.js';
import type { CliContext } from '../context.js';
import { progressBar } from '../progress.js';

export interface ImportCliOptions {
  vintage?: string;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
}

export async function importFiles(ctx: CliContext, source: string, files: string[], options: ImportCliOptions) {
  const importer = await importerFor(source);
  const db = await ctx.openStore({ readOnly: false });
  const bar = progressBar(`import ${source}`, { quiet: options.json });
  try {
    const report = await runImport(db, importer, files, { ...options, progress: bar.update });
    bar.stop();
    ctx.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  } finally {
    bar.stop();
    db.close();
  }
}

export function renderReport(r: ImportReport): string {
  const what =
    r.status === 'unchanged'
      ? `already imported as ${r.dataset} (same sha256); nothing changed. Use --force to re-import.`
      : `${r.status === 'dry-run' ? 'would import' : 'imported'} ${r.rows} rows as ${r.dataset}` +
        `${r.vintage ? ` (vintage ${r.vintage})` : ''} in ${r.seconds.toFixed(1)} s`;
  const warnings = r.warnings.map((w) => pc.yellow(`warning: ${w}\n`)).join('');
  return `${what}\n${warnings}${pc.dim(`sha256 ${r.sha256}`)}\n`;
}

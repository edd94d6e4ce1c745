import { join } from 'node:path';
import { UsageError } from '../../domain/errors.js';
import { importerFor } from '../../sources/catalogue.js';
import { fetchFile } from '../../sources/fetch.js';
import { runImport } from '../../sources/run-import.js';
import { dataDir } from '../../store/data-dir.js';
import type { CliContext } from '../context.js';
import { progressBar } from '../progress.js';
import { renderReport } from './import.js';

export interface FetchCliOptions {
  year?: string[];
  mirror?: string;
  downloadOnly?: boolean;
  json?: boolean;
}

export async function fetchSource(ctx: CliContext, source: string, options: FetchCliOptions) {
  const importer = await importerFor(source);
  if (!importer.remote)
    throw new UsageError(`source ${source} has no public download; use \`radar import ${source} FILE\``);
  const years = (options.year ?? []).map((y) => {
    const n = Number(y);
    if (!Number.isInteger(n) || n < 1900 || n > 2100) throw new UsageError(`invalid year: "${y}"`);
    return n;
  });
  const remotes = importer.remote({ years });
  const paths: string[] = [];
  for (const remote of remotes) {
    const bar = progressBar(`fetch ${remote.file}`, { quiet: options.json, unit: 'bytes' });
    try {
      paths.push(
        await fetchFile(remote, {
          cacheDir: join(dataDir(), 'cache', source),
          mirror: options.mirror ?? process.env.RADAR_FETCH_MIRROR,
          progress: bar.update,
        }),
      );
    } finally {
      bar.stop();
    }
  }
  if (options.downloadOnly) {
    ctx.stdout(options.json ? `${JSON.stringify({ files: paths })}\n` : `${paths.join('\n')}\n`);
    return;
  }
  const db = await ctx.openStore({ readOnly: false });
  try {
    const report = await runImport(db, importer, paths, {});
    ctx.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  } finally {
    db.close();
  }
}

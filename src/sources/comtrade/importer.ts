import { UserError } from '../../domain/errors.js';
import type { Importer, LoadContext, LoadOutcome } from '../importer.js';
import { createCodeTable, dropCodeTable } from '../trade-codes.js';
import { estimateRows, RowProgress } from '../trade-rows.js';
import { readHeaderLine, splitHeader } from '../trade-text.js';
import { loadApiJson } from './api-json.js';
import { isPlusHeader, isPullHeader, loadPlusFile, loadPullFile } from './delimited.js';
import type { ComtradeOutcome } from './filters.js';
import { codeTable } from './rows.js';

/**
 * UN Comtrade (docs: ../shared/docs/data-sources.md §3): reporter-side trade at HS level, in USD (imports CIF,
 * exports FOB), reporters' own trade concept (for EU members it republishes Eurostat, converted to USD).
 * No `radar fetch`: the data API needs a subscription key and returns at most 100,000 records a call, and bulk
 * files are listed per reporter behind the same key. Download with a key, then `radar import comtrade FILE`.
 */
export const importer: Importer = {
  id: 'comtrade',
  title: 'UN Comtrade bilateral trade (HS)',
  licence: 'UN Comtrade terms of use (not an open licence; bulk redistribution restricted)',
  url: 'https://comtradeplus.un.org/',
  accepts:
    'API v1 responses (.json); bulk files (tab-separated .txt/.gz) and web exports (.csv) with Comtrade+ field ' +
    'names; the pull layout [year,]reporter,partner,cmd,flow,value,netwgt[,qty,qtyunit] (.csv/.csv.gz)',
  tables: ['trade_flows'],
  load,
};

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  await createCodeTable(ctx.db, codeTable, 'comtrade');
  const estimates = await Promise.all(ctx.files.map((f) => estimateRows(f.path)));
  const progress = new RowProgress(
    ctx.progress,
    estimates.reduce((a, b) => a + b, 0),
  );
  const outcomes: ComtradeOutcome[] = [];
  try {
    for (const [i, file] of ctx.files.entries()) {
      const unit = { path: file.path, label: file.name };
      if (/\.json$/i.test(file.name)) {
        outcomes.push(await loadApiJson(ctx, unit));
        continue;
      }
      const line = await readHeaderLine(file.path, file.name);
      const delimiter = line.includes('\t') ? '\t' : ',';
      const header = splitHeader(line, delimiter);
      const options = { progress, estimate: estimates[i] };
      if (isPlusHeader(header)) outcomes.push(await loadPlusFile(ctx, unit, header, delimiter, options));
      else if (isPullHeader(header)) outcomes.push(await loadPullFile(ctx, unit, header, options));
      else {
        throw new UserError(
          `${file.name}:1:1: the header (${header.slice(0, 6).join(',')}…) is not a Comtrade layout; expected the ` +
            'Comtrade+ field names (reporterCode, partnerCode, flowCode, cmdCode, primaryValue, …) or ' +
            '[year,]reporter,partner,cmd,flow,value,netwgt. Nothing was imported.',
        );
      }
    }
  } finally {
    await dropCodeTable(ctx.db, codeTable);
  }
  const skipped = outcomes.reduce((n, o) => n + o.skipped, 0);
  const collapsed = outcomes.reduce((n, o) => n + o.collapsed, 0);
  if (skipped > 0) {
    ctx.warn(
      `${skipped} records not stored: breakdowns by customs procedure, transport mode or second partner, and flows ` +
        'other than M/X (their totals are stored)',
    );
  }
  if (collapsed > 0) {
    ctx.warn(
      `${collapsed} rows merged into their key's row by taking the maximum value and the maximum net weight per ` +
        'reporter × partner × commodity × flow (the file mixes totals and breakdowns without telling them apart)',
    );
  }
  const aggregates = await ctx.db.one<{ n: number }>(
    "SELECT count(*) AS n FROM trade_flows WHERE dataset_id = $1 AND classification <> 'HS6'",
    [ctx.datasetId],
  );
  if (Number(aggregates?.n) > 0) {
    ctx.warn(
      `${aggregates?.n} rows are HS chapter, heading or TOTAL aggregates (classification HS2, HS4, TOTAL); an HS6 ` +
        "analysis must filter classification = 'HS6'",
    );
  }
  const nomenclature = await ctx.db.one<{ n: number }>(
    'SELECT count(*) AS n FROM trade_flows WHERE dataset_id = $1 AND nomenclature IS NULL',
    [ctx.datasetId],
  );
  if (Number(nomenclature?.n) > 0) {
    ctx.warn(`${nomenclature?.n} rows carry no HS edition (the file has no classificationCode): nomenclature is empty`);
  }
  const years = [...new Set(outcomes.flatMap((o) => o.years))].sort();
  return {
    rows: outcomes.reduce((n, o) => n + o.rows, 0),
    vintage: years.length === 1 ? String(years[0]) : null,
    params: {
      layouts: [...new Set(outcomes.map((o) => o.layout))],
      value: 'USD primaryValue: imports CIF, exports FOB',
      skipped_records: skipped,
      merged_rows: collapsed,
    },
  };
}

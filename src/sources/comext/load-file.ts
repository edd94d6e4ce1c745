import { UserError } from '../../domain/errors.js';
import type { LoadContext } from '../importer.js';
import { textList, unknownCodeHint, unknownCodes, unnestTextList } from '../trade-codes.js';
import {
  type CsvInput,
  csvRelation,
  ensureLayout,
  findFirstRow,
  readHeaderLine,
  rowError,
  runCsv,
  scanCsv,
  splitHeader,
} from '../trade-csv.js';
import { insertTradeSql, periodSql, type RowProgress } from '../trade-rows.js';
import { type ComextLayout, layouts } from './layouts.js';

export interface FileOutcome {
  label: string;
  layout: string;
  rows: number;
  /** 'YYYY' (annual) or 'YYYY-MM'. */
  periods: string[];
  confidential: number;
  skipped: number;
}

/**
 * Validate one Comext file in one streaming scan, then write it into trade_flows. CN8 codes keep their leading
 * zeros; masked codes (39XXXXXX) are kept with confidential = true; the CN version is the year of the period.
 */
export async function loadComextFile(
  ctx: LoadContext,
  file: { path: string; label: string },
  options: { progress: RowProgress; estimate: number; earlier: FileOutcome[] },
): Promise<FileOutcome> {
  const header = splitHeader(await readHeaderLine(file.path, file.label), ',');
  const layout = ensureLayout(file.label, header, layouts);
  const input: CsvInput = { ...file, delimiter: ',', columns: layout.columns };
  const scan = await scanCsv(ctx.db, input, {
    checks: layout.checks,
    distinct: [layout.reporter, layout.partner, layout.period],
    key: layout.key,
    counts: {
      confidential: `contains(${layout.product}, 'X')`,
      ...(layout.aggregates ? { skipped: layout.aggregates } : {}),
    },
    progress: options.progress.pass(options.estimate, 0),
  });
  const codes = layout.scheme === 'comext_numeric' ? 'radar_comext_numeric' : 'radar_comext_geo';
  for (const side of [layout.reporter, layout.partner]) await ensureKnownCodes(ctx, input, layout, codes, side, scan);

  const periods = [...new Set(scan.distinct[layout.period].map(periodText))].sort();
  const clash = options.earlier.find((o) => o.periods.some((p) => periods.includes(p)));
  if (clash) {
    throw new UserError(
      `${file.label} and ${clash.label} both hold period ${periods.find((p) => clash.periods.includes(p))}; ` +
        'expected each period once per import. Nothing was imported.',
    );
  }

  const code = (c: string) =>
    layout.scheme === 'comext_numeric' ? `CAST(CAST("${c}" AS INTEGER) AS VARCHAR)` : `"${c}"`;
  const period = `(CASE WHEN ${layout.period} < 10000 THEN ${layout.period} * 100 + 52 ELSE ${layout.period} END)::VARCHAR`;
  const rows = `(SELECT ${code(layout.reporter)} AS reporter, ${code(layout.partner)} AS partner,
        ${layout.tradeType} AS trade_type, ${layout.product} AS product, ${layout.flow} AS flow,
        ${layout.statProcedure} AS stat_procedure, ${period} AS period, ${layout.valueEur} AS value,
        ${layout.quantityKg} AS quantity_kg
      FROM ${csvRelation(input, { storeRejects: false })}
      ${layout.aggregates ? `WHERE NOT (${layout.aggregates})` : ''}) r
    LEFT JOIN ${codes} rep ON rep.code = r.reporter
    LEFT JOIN ${codes} par ON par.code = r.partner`;
  const year = 'CAST(substr(r.period, 1, 4) AS INTEGER)';
  const sql = insertTradeSql(
    {
      year,
      period: periodSql('r.period'),
      reporter: 'coalesce(rep.iso3, r.reporter)',
      partner: 'coalesce(par.iso3, r.partner)',
      partner_code: 'r.partner',
      partner_is_country: 'coalesce(par.is_country, false)',
      flow: "CASE r.flow WHEN 1 THEN 'import' ELSE 'export' END",
      classification: "'CN8'",
      nomenclature: 'substr(r.period, 1, 4)',
      product: 'r.product',
      confidential: "contains(r.product, 'X')",
      stat_procedure: 'r.stat_procedure',
      value: 'r.value',
      // Values before the euro (1999) are in ECU, 1:1 with the euro at its introduction.
      currency: `CASE WHEN ${year} < 1999 THEN 'ECU' ELSE 'EUR' END`,
      valuation: "CASE r.flow WHEN 1 THEN 'CIF' ELSE 'FOB' END",
      quantity_kg: 'r.quantity_kg',
      trade_type: 'r.trade_type',
    },
    rows,
  );
  await runCsv(ctx.db, input, sql, { dataset: ctx.datasetId, source: 'comext' }, options.progress.pass(scan.rows, 1));
  options.progress.finish(scan.rows, options.estimate);

  const skipped = scan.counts.skipped ?? 0;
  if (skipped > 0) {
    ctx.warn(`${file.label}: ${skipped} rows of TOTAL or chapter aggregates skipped; only CN8 rows are stored`);
  }
  return {
    label: file.label,
    layout: layout.name,
    rows: scan.rows - skipped,
    periods,
    confidential: scan.counts.confidential,
    skipped,
  };
}

/** PERIOD as stored: YYYY52 or YYYY → 'YYYY'; YYYYMM → 'YYYY-MM'. */
function periodText(value: string): string {
  const p = value.length === 4 ? `${value}52` : value;
  return p.endsWith('52') ? p.slice(0, 4) : `${p.slice(0, 4)}-${p.slice(4, 6)}`;
}

async function ensureKnownCodes(
  ctx: LoadContext,
  input: CsvInput,
  layout: ComextLayout,
  codes: string,
  side: string,
  scan: { distinct: Record<string, string[]> },
) {
  const numeric = layout.scheme === 'comext_numeric';
  const values = scan.distinct[side].map((c) => (numeric ? String(Number(c)) : c));
  const unknown = await unknownCodes(ctx.db, codes, values);
  if (unknown.length === 0) return;
  const column = numeric ? `CAST(CAST("${side}" AS INTEGER) AS VARCHAR)` : `"${side}"`;
  const found = await findFirstRow(ctx.db, input, `${column} IN (SELECT ${unnestTextList('$unknown')})`, {
    unknown: textList(unknown),
  });
  if (!found) return;
  throw await rowError(
    input,
    found,
    side,
    `a ${numeric ? 'numeric Comext' : 'Comext GEONOM'} code known to Radar (${unknown.length} unknown: ` +
      `${unknown.slice(0, 8).join(', ')}; ${unknownCodeHint(layout.scheme)})`,
  );
}

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
import { insertTradeSql, type RowProgress } from '../trade-rows.js';
import { readFileName, tradeLayouts } from './layouts.js';

export interface TradeFileOutcome {
  label: string;
  layout: string;
  rows: number;
  years: number[];
  nomenclature?: string;
  release?: string;
}

/**
 * Validate one BACI trade file completely (one streaming scan), then write it (a second scan) into trade_flows.
 * Throws a UserError naming file:line:column on the first problem; the caller's transaction then rolls back.
 */
export async function loadTradeFile(
  ctx: LoadContext,
  file: { path: string; label: string },
  options: { progress: RowProgress; estimate: number; earlier: TradeFileOutcome[] },
): Promise<TradeFileOutcome> {
  const header = splitHeader(await readHeaderLine(file.path, file.label), ',');
  const layout = ensureLayout(file.label, header, tradeLayouts);
  const named = readFileName(file.label.split(':').at(-1)!);
  if (layout.yearFromName && !named.year) {
    throw new UserError(
      `${file.label}: the ${layout.name} layout has no year column, and the file name carries no year; expected a ` +
        'name such as baci_2022.csv. Nothing was imported.',
    );
  }
  const input: CsvInput = { ...file, delimiter: ',', columns: layout.columns };
  const codes = layout.scheme === 'baci' ? 'radar_baci_codes' : 'radar_baci_iso3';
  const scan = await scanCsv(ctx.db, input, {
    checks: layout.checks,
    distinct: [layout.exporter, layout.importer, ...(layout.yearFromName ? [] : [layout.year])],
    key: layout.key,
    progress: options.progress.pass(options.estimate, 0),
  });

  for (const side of [layout.exporter, layout.importer]) {
    const unknown = await unknownCodes(ctx.db, codes, scan.distinct[side]);
    if (unknown.length === 0) continue;
    const found = await findFirstRow(ctx.db, input, `"${side}"::VARCHAR IN (SELECT ${unnestTextList('$unknown')})`, {
      unknown: textList(unknown),
    });
    if (found) {
      throw await rowError(
        input,
        found,
        side,
        `a country code known to Radar (${unknown.length} unknown: ${unknown.slice(0, 8).join(', ')}; ` +
          `${unknownCodeHint(layout.scheme)})`,
      );
    }
  }

  const years = layout.yearFromName ? [named.year!] : scan.distinct[layout.year].map(Number).sort();
  if (named.year && !layout.yearFromName && years.some((y) => y !== named.year)) {
    const found = await findFirstRow(ctx.db, input, `"${layout.year}" <> ${named.year}`);
    if (found) throw await rowError(input, found, layout.year, `${named.year}, the year in the file name`);
  }
  const clash = options.earlier.find((o) => o.years.some((y) => years.includes(y)));
  if (clash) {
    throw new UserError(
      `${file.label} and ${clash.label} both hold year ${years.find((y) => clash.years.includes(y))}; expected each ` +
        'year once per import (import them as separate datasets). Nothing was imported.',
    );
  }

  const rows = `(SELECT ${layout.year} AS year, "${layout.exporter}"::VARCHAR AS exporter,
      "${layout.importer}"::VARCHAR AS importer, lpad("${layout.product}"::VARCHAR, 6, '0') AS product, ${layout.valueUsd} AS value, ${layout.quantityKg} AS quantity_kg
    FROM ${csvRelation(input, { storeRejects: false })}) r
    LEFT JOIN ${codes} imp ON imp.code = r.importer
    LEFT JOIN ${codes} exp ON exp.code = r.exporter`;
  const sql = insertTradeSql(
    {
      year: 'r.year',
      period: 'r.year::VARCHAR',
      reporter: 'coalesce(imp.iso3, r.importer)',
      partner: 'coalesce(exp.iso3, r.exporter)',
      partner_code: 'r.exporter',
      partner_is_country: 'coalesce(exp.is_country, false)',
      flow: "'import'",
      classification: "'HS6'",
      nomenclature: 'CAST($nomenclature AS VARCHAR)',
      product: 'r.product',
      confidential: 'false',
      stat_procedure: 'NULL',
      value: 'r.value',
      currency: "'USD'",
      valuation: "'FOB'",
      quantity_kg: 'r.quantity_kg',
      trade_type: 'NULL',
    },
    rows,
  );
  await runCsv(
    ctx.db,
    input,
    sql,
    {
      dataset: ctx.datasetId,
      source: 'baci',
      nomenclature: named.nomenclature ?? null,
      ...(layout.yearFromName ? { year: named.year! } : {}),
    },
    options.progress.pass(scan.rows, 1),
  );
  options.progress.finish(scan.rows, options.estimate);
  return {
    label: file.label,
    layout: layout.name,
    rows: scan.rows,
    years,
    nomenclature: named.nomenclature,
    release: named.release,
  };
}

import { UserError } from '../../domain/errors.js';
import type { LoadContext } from '../importer.js';
import { textList, unknownCodeHint, unknownCodes, unnestTextList } from '../trade-codes.js';
import {
  type CsvColumn,
  type CsvInput,
  csvRelation,
  findFirstRow,
  type RowCheck,
  rowError,
  runCsv,
  scanCsv,
} from '../trade-csv.js';
import type { RowProgress } from '../trade-rows.js';
import { type ComtradeOutcome, keepSql } from './filters.js';
import { cmdSql, codeTable, insertComtradeSql } from './rows.js';

/**
 * Delimited Comtrade files, by header:
 * - Comtrade+ names (reporterCode, partnerCode, flowCode, cmdCode, primaryValue, refYear/refMonth or period…):
 *   the bulk files (tab-separated .txt.gz, [guess] that they carry the API's field names, as the web export does)
 *   and the CSV export of the Comtrade+ web site; any column order, extra columns ignored;
 * - the pull layout of ../shared/data/real/comtrade-crm: [year,]reporter,partner,cmd,flow,value,netwgt[,qty,qtyunit].
 *   It kept the API's total and breakdown records but dropped the columns telling them apart, so a key repeats.
 *   Rule (checked on the sample, see its SOURCE.md): the total is the largest record, so the stored row takes
 *   max(value) and, separately, max(netwgt) per reporter × partner × cmd × flow — never a sum. The records are
 *   annual (the pull asked for freq A); the year comes from the column or else the file name.
 */

const plusTypes: Record<string, CsvColumn['type']> = {
  refYear: 'INTEGER',
  refMonth: 'INTEGER',
  reporterCode: 'INTEGER',
  partnerCode: 'INTEGER',
  partner2Code: 'INTEGER',
  motCode: 'INTEGER',
  primaryValue: 'DOUBLE',
  netWgt: 'DOUBLE',
};
const plusRequired = ['reporterCode', 'partnerCode', 'flowCode', 'cmdCode', 'primaryValue'];
const pullRequired = ['reporter', 'partner', 'cmd', 'flow', 'value'];
const pullKnown = [...pullRequired, 'year', 'netwgt', 'qty', 'qtyunit'];

const code = 'a numeric Comtrade country code';
const cmd = 'an HS code of 2, 4 or 6 digits, or TOTAL';
const badCmd = (c: string) => `(${c} IS NULL OR NOT regexp_full_match(${c}, 'TOTAL|[0-9]{1,6}'))`;
const badAmount = (c: string, required: boolean) =>
  `(${required ? `${c} IS NULL OR ` : ''}NOT ${c} >= 0 OR isinf(${c}))`; // NaN >= 0 is false

export function isPlusHeader(header: readonly string[]): boolean {
  return plusRequired.every((c) => header.includes(c));
}

export function isPullHeader(header: readonly string[]): boolean {
  return pullRequired.every((c) => header.includes(c)) && header.every((c) => pullKnown.includes(c));
}

function columnsOf(header: readonly string[], types: Record<string, CsvColumn['type']>): CsvColumn[] {
  return header.map((h, i) => ({
    header: h,
    name: /^[A-Za-z][A-Za-z0-9_]*$/.test(h) ? h : `column_${i + 1}`,
    type: types[h] ?? 'VARCHAR',
    expected: types[h] === 'DOUBLE' ? 'a number' : types[h] === 'INTEGER' ? 'an integer' : 'text',
  }));
}

export async function loadPlusFile(
  ctx: LoadContext,
  file: { path: string; label: string },
  header: string[],
  delimiter: string,
  options: { progress: RowProgress; estimate: number },
): Promise<ComtradeOutcome> {
  const hasYear = header.includes('refYear') && header.includes('refMonth');
  if (!hasYear && !header.includes('period')) {
    throw new UserError(
      `${file.label}:1:1: the header has neither refYear/refMonth nor period; expected the Comtrade+ field names. ` +
        'Nothing was imported.',
    );
  }
  const input: CsvInput = { ...file, delimiter, columns: columnsOf(header, plusTypes) };
  const year = hasYear ? '"refYear"' : 'CAST(substr("period", 1, 4) AS INTEGER)';
  const month = hasYear
    ? '"refMonth"'
    : `CASE WHEN length("period") = 4 THEN 52 ELSE CAST(substr("period", 5, 2) AS INTEGER) END`;
  const checks: RowCheck[] = [
    { column: 'reporterCode', bad: '"reporterCode" IS NULL', expected: code },
    { column: 'partnerCode', bad: '"partnerCode" IS NULL', expected: code },
    { column: 'flowCode', bad: '"flowCode" IS NULL', expected: 'a flow code such as M or X' },
    { column: 'cmdCode', bad: badCmd('"cmdCode"'), expected: cmd },
    { column: 'primaryValue', bad: badAmount('"primaryValue"', true), expected: 'a number ≥ 0 (USD)' },
    ...(header.includes('netWgt')
      ? [{ column: 'netWgt', bad: badAmount('"netWgt"', false), expected: 'a number ≥ 0 (kg) or nothing' }]
      : []),
    hasYear
      ? { column: 'refYear', bad: '("refYear" IS NULL OR "refYear" NOT BETWEEN 1962 AND 2100)', expected: 'a year' }
      : {
          column: 'period',
          bad: `("period" IS NULL OR NOT regexp_full_match("period", '(19|20)[0-9]{2}((0[1-9])|(1[0-2]))?'))`,
          expected: 'a period YYYY or YYYYMM',
        },
    ...(hasYear
      ? [
          {
            column: 'refMonth',
            bad: '("refMonth" IS NULL OR NOT ("refMonth" BETWEEN 1 AND 12 OR "refMonth" = 52))',
            expected: 'a month 1–12 or 52 (annual)',
          },
        ]
      : []),
  ];
  const keep = keepSql(header);
  const key = [
    'reporterCode',
    'partnerCode',
    'flowCode',
    'cmdCode',
    ...(hasYear ? ['refYear', 'refMonth'] : ['period']),
    ...['classificationCode', 'customsCode', 'motCode', 'partner2Code', 'mosCode'].filter((c) => header.includes(c)),
  ];
  const scan = await scanCsv(ctx.db, input, {
    checks,
    distinct: ['reporterCode', 'partnerCode', ...(hasYear ? ['refYear'] : [])],
    key,
    counts: { skipped: `NOT (${keep})` },
    progress: options.progress.pass(options.estimate, 0),
  });
  for (const side of ['reporterCode', 'partnerCode']) await ensureKnown(ctx, input, side, scan.distinct[side]);
  const relation = `(SELECT "reporterCode"::VARCHAR AS reporter_code, "partnerCode"::VARCHAR AS partner_code,
      "flowCode" AS flow_code, ${cmdSql('"cmdCode"')} AS cmd_code, ${year} AS ref_year, ${month} AS ref_month,
      "primaryValue" AS value, ${header.includes('netWgt') ? '"netWgt"' : 'NULL::DOUBLE'} AS net_wgt,
      ${header.includes('classificationCode') ? '"classificationCode"' : 'NULL::VARCHAR'} AS cl_code
    FROM ${csvRelation(input, { storeRejects: false })} WHERE ${keep})`;
  await runCsv(
    ctx.db,
    input,
    insertComtradeSql(relation),
    { dataset: ctx.datasetId, source: 'comtrade' },
    options.progress.pass(scan.rows, 1),
  );
  options.progress.finish(scan.rows, options.estimate);
  const skipped = scan.counts.skipped;
  return {
    label: file.label,
    layout: delimiter === '\t' ? 'Comtrade+ tab-separated' : 'Comtrade+ CSV',
    rows: scan.rows - skipped,
    skipped,
    collapsed: 0,
    years: (scan.distinct.refYear ?? []).map(Number),
  };
}

export async function loadPullFile(
  ctx: LoadContext,
  file: { path: string; label: string },
  header: string[],
  options: { progress: RowProgress; estimate: number },
): Promise<ComtradeOutcome> {
  const named = /(?:^|[_.-])((?:19|20)\d\d)(?:[_.-]|$)/.exec(file.label.split(':').at(-1)!)?.[1];
  if (!header.includes('year') && !named) {
    throw new UserError(
      `${file.label}: the file has no year column and its name carries no year; expected a name such as ` +
        'comtrade_2024.csv.gz. Nothing was imported.',
    );
  }
  const types: Record<string, CsvColumn['type']> = {
    year: 'INTEGER',
    reporter: 'INTEGER',
    partner: 'INTEGER',
    value: 'DOUBLE',
    netwgt: 'DOUBLE',
    qty: 'DOUBLE',
    qtyunit: 'INTEGER',
  };
  const input: CsvInput = { ...file, delimiter: ',', columns: columnsOf(header, types) };
  const year = header.includes('year') ? 'year' : String(Number(named));
  const checks: RowCheck[] = [
    ...(header.includes('year')
      ? [{ column: 'year', bad: '(year IS NULL OR year NOT BETWEEN 1962 AND 2100)', expected: 'a year' }]
      : []),
    { column: 'reporter', bad: 'reporter IS NULL', expected: code },
    { column: 'partner', bad: 'partner IS NULL', expected: code },
    { column: 'cmd', bad: badCmd('cmd'), expected: cmd },
    { column: 'flow', bad: 'flow IS NULL', expected: 'a flow code such as M or X' },
    { column: 'value', bad: badAmount('value', true), expected: 'a number ≥ 0 (USD)' },
    ...(header.includes('netwgt')
      ? [{ column: 'netwgt', bad: badAmount('netwgt', false), expected: 'a number ≥ 0 (kg) or nothing' }]
      : []),
  ];
  const scan = await scanCsv(ctx.db, input, {
    checks,
    distinct: ['reporter', 'partner', ...(header.includes('year') ? ['year'] : [])],
    counts: { skipped: "flow NOT IN ('M', 'X')" },
    progress: options.progress.pass(options.estimate, 0),
  });
  for (const side of ['reporter', 'partner']) await ensureKnown(ctx, input, side, scan.distinct[side]);
  const relation = `(SELECT ${year} AS ref_year, 52 AS ref_month, reporter::VARCHAR AS reporter_code,
      partner::VARCHAR AS partner_code, flow AS flow_code, ${cmdSql('cmd')} AS cmd_code, max(value) AS value,
      ${header.includes('netwgt') ? 'max(netwgt)' : 'NULL::DOUBLE'} AS net_wgt, NULL::VARCHAR AS cl_code
    FROM ${csvRelation(input, { storeRejects: false })} WHERE flow IN ('M', 'X')
    GROUP BY ref_year, reporter_code, partner_code, flow_code, cmd_code)`;
  const before = await countRows(ctx);
  await runCsv(
    ctx.db,
    input,
    insertComtradeSql(relation),
    { dataset: ctx.datasetId, source: 'comtrade' },
    options.progress.pass(scan.rows, 1),
  );
  const rows = (await countRows(ctx)) - before;
  options.progress.finish(scan.rows, options.estimate);
  const skipped = scan.counts.skipped;
  return {
    label: file.label,
    layout: 'Comtrade pull (max per key)',
    rows,
    skipped,
    collapsed: scan.rows - skipped - rows,
    years: header.includes('year') ? scan.distinct.year.map(Number) : [Number(named)],
  };
}

async function countRows(ctx: LoadContext): Promise<number> {
  const r = await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM trade_flows WHERE dataset_id = $1', [
    ctx.datasetId,
  ]);
  return Number(r?.n ?? 0);
}

async function ensureKnown(ctx: LoadContext, input: CsvInput, column: string, values: string[]) {
  const unknown = await unknownCodes(ctx.db, codeTable, values);
  if (unknown.length === 0) return;
  const found = await findFirstRow(ctx.db, input, `"${column}"::VARCHAR IN (SELECT ${unnestTextList('$unknown')})`, {
    unknown: textList(unknown),
  });
  if (found) {
    throw await rowError(
      input,
      found,
      column,
      `a Comtrade code known to Radar (${unknown.length} unknown: ${unknown.slice(0, 8).join(', ')}; ` +
        `${unknownCodeHint('comtrade')})`,
    );
  }
}

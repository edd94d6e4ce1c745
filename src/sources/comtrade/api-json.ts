import { readFileSync } from 'node:fs';
import { UserError } from '../../domain/errors.js';
import { appendRows } from '../code-table-files.js';
import type { LoadContext } from '../importer.js';
import { unknownCodeHint } from '../trade-codes.js';
import { firstInvalidUtf8 } from '../trade-text.js';
import { type ComtradeOutcome, keepRow } from './filters.js';
import { codeTable, insertComtradeSql } from './rows.js';

/**
 * A UN Comtrade+ API v1 response (`GET /data/v1/get/C/A/HS`, docs: ../shared/docs/data-sources.md §3):
 * `{elapsedTime, count, data: [record…], error}`, 47 fields per record. Read in JS (responses hold at most 100,000
 * records); errors name the line of the offending field. refMonth 52 marks an annual record.
 */
export async function loadApiJson(ctx: LoadContext, file: { path: string; label: string }): Promise<ComtradeOutcome> {
  const bytes = readFileSync(file.path);
  const invalid = firstInvalidUtf8(bytes);
  if (invalid < bytes.length) {
    const { line, column } = position(bytes.subarray(0, invalid).toString('utf8'), invalid);
    throw new UserError(
      `${file.label}:${line}:${column}: byte 0x${bytes[invalid].toString(16)} is not UTF-8; ` +
        'expected UTF-8 JSON. Nothing was imported.',
    );
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message);
    const { line, column } = position(text, at ? Number(at[1]) : text.length);
    throw new UserError(
      `${file.label}:${line}:${column}: not valid JSON (${(error as Error).message}); expected a complete Comtrade ` +
        'API response. Is the file truncated? Nothing was imported.',
    );
  }
  const response = body as { data?: unknown; error?: unknown };
  if (typeof response !== 'object' || response === null || !Array.isArray(response.data)) {
    throw new UserError(
      `${file.label}:1:1: no "data" array; expected a Comtrade API v1 response {elapsedTime, count, data, error}. ` +
        'Nothing was imported.',
    );
  }
  if (typeof response.error === 'string' && response.error.trim() !== '') {
    throw new UserError(`${file.label}: the API answered with an error: ${response.error}. Nothing was imported.`);
  }
  const starts = recordStarts(text);
  const records = response.data as Record<string, unknown>[];
  const codes = new Map(
    (await ctx.db.all<{ code: string }>(`SELECT code FROM ${codeTable}`)).map((r) => [r.code, true] as const),
  );
  const fail = (i: number, field: string, expected: string): never => {
    const from = starts[i] ?? 0;
    const at = text.indexOf(`"${field}"`, from);
    const { line, column } = position(text, at >= 0 && (i + 1 >= starts.length || at < starts[i + 1]) ? at : from);
    const value = records[i]?.[field];
    throw new UserError(
      `${file.label}:${line}:${column}: data[${i}].${field} is ${JSON.stringify(value) ?? 'missing'}; expected ` +
        `${expected}. Nothing was imported.`,
    );
  };

  const rows: (string | number | null)[][] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  for (const [i, r] of records.entries()) {
    if (typeof r !== 'object' || r === null) fail(i, '', 'a record object');
    if (r.typeCode !== 'C') fail(i, 'typeCode', '"C" (goods)');
    const year = r.refYear;
    if (!Number.isInteger(year) || (year as number) < 1962 || (year as number) > 2100) fail(i, 'refYear', 'a year');
    const month = r.refMonth;
    if (!Number.isInteger(month) || !((month as number) === 52 || ((month as number) >= 1 && (month as number) <= 12)))
      fail(i, 'refMonth', 'a month 1–12, or 52 (annual)');
    for (const f of ['reporterCode', 'partnerCode']) if (!Number.isInteger(r[f])) fail(i, f, 'a numeric country code');
    if (typeof r.flowCode !== 'string') fail(i, 'flowCode', 'a flow code such as "M" or "X"');
    if (typeof r.cmdCode !== 'string' || !/^(TOTAL|\d{2}|\d{4}|\d{6})$/.test(r.cmdCode))
      fail(i, 'cmdCode', 'an HS code of 2, 4 or 6 digits, or "TOTAL"');
    const value = r.primaryValue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      fail(i, 'primaryValue', 'a number ≥ 0 (USD)');
    const weight = r.netWgt ?? null;
    if (weight !== null && (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0))
      fail(i, 'netWgt', 'a number ≥ 0 (kg) or null');
    if (!keepRow(r)) {
      skipped++;
      continue;
    }
    for (const f of ['reporterCode', 'partnerCode']) {
      if (!codes.has(String(r[f]))) fail(i, f, `a Comtrade code known to Radar (${unknownCodeHint('comtrade')})`);
    }
    const key = [r.reporterCode, r.partnerCode, r.flowCode, r.cmdCode, year, month, r.classificationCode].join('|');
    const before = seen.get(key);
    if (before !== undefined) {
      const { line } = position(text, starts[before] ?? 0);
      fail(
        i,
        'cmdCode',
        `one record per reporter, partner, flow, commodity and period (data[${before}], line ${line}, has the same)`,
      );
    }
    seen.set(key, i);
    rows.push([
      String(r.reporterCode),
      String(r.partnerCode),
      r.flowCode as string,
      r.cmdCode as string,
      year as number,
      month as number,
      value as number,
      weight as number | null,
      typeof r.classificationCode === 'string' ? r.classificationCode : null,
    ]);
  }

  await ctx.db.run(`CREATE OR REPLACE TEMP TABLE radar_comtrade_json (reporter_code VARCHAR, partner_code VARCHAR,
    flow_code VARCHAR, cmd_code VARCHAR, ref_year INTEGER, ref_month INTEGER, value DOUBLE, net_wgt DOUBLE,
    cl_code VARCHAR)`);
  await appendRows(ctx.db, 'radar_comtrade_json', rows);
  await ctx.db.run(insertComtradeSql('radar_comtrade_json'), { dataset: ctx.datasetId, source: 'comtrade' });
  await ctx.db.run('DROP TABLE radar_comtrade_json');
  ctx.progress(rows.length);
  return {
    label: file.label,
    layout: 'API v1 JSON',
    rows: rows.length,
    skipped,
    collapsed: 0,
    years: [...new Set(rows.map((r) => r[4] as number))],
  };
}

/** 1-based line and column of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Offsets of the `{` that open each element of the top-level "data" array. */
function recordStarts(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let lastString = '';
  let stringStart = 0;
  let dataKey = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        lastString = text.slice(stringStart, i);
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      stringStart = i + 1;
    } else if (ch === ':' && depth === 1) dataKey = lastString;
    else if (ch === '{' || ch === '[') {
      if (ch === '{' && depth === 2 && dataKey === 'data') starts.push(i);
      depth++;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return starts;
}

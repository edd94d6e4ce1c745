import { readFileSync } from 'node:fs';
import type { DuckDBValue } from '@duckdb/node-api';
import { UserError } from '../../domain/errors.js';
import { appendRows, cellError, headerMatches, padCode, readCsv, type Table } from '../code-table-files.js';
import type { Importer, LoadContext, LoadOutcome, RemoteFile } from '../importer.js';

/**
 * HS code lists by edition into `hs_codes` (migrations/121-hs-codes.ts; docs: ../shared/docs/data-sources.md §10):
 * - UN Comtrade classification files `{classCode, results: [{id, text, parent}]}`: H0…H6 (one edition each, e.g.
 *   H6 = HS2022) and "HS" (Combined HS, every edition merged);
 * - CEPII BACI `product_codes_HS17_V202501.csv` (code,description; codes lost their leading zero).
 * Comtrade's "not specified" codes 99/9999/999999 are kept (they occur in trade data); pseudo-ids (ALL, TOTAL, AG2,
 * AG4, AG6, 9999AA) are not.
 */
export const importer: Importer = {
  id: 'hs',
  title: 'HS code lists (HS6 with headings and chapters, by edition)',
  licence: 'UN Comtrade reference files: UN terms of use; CEPII product codes: Etalab Open Licence 2.0',
  url: 'https://comtradeapi.un.org/files/v1/app/reference/ListofReferences.json',
  accepts: 'Comtrade classification JSON (H0…H6.json, HS.json); BACI product_codes_HSxx_V*.csv',
  tables: ['hs_codes'],
  load,
  remote,
};

/** Comtrade classification codes → edition names (as trade_flows.nomenclature). */
const editions: Record<string, string> = {
  H0: 'HS92',
  H1: 'HS96',
  H2: 'HS02',
  H3: 'HS07',
  H4: 'HS12',
  H5: 'HS17',
  H6: 'HS22',
  HS: 'HS',
};

/** `radar fetch hs`: the HS2017 and HS2022 lists of UN Comtrade. */
function remote(): RemoteFile[] {
  return ['H5', 'H6'].map((c) => ({
    url: `https://comtradeapi.un.org/files/v1/app/reference/${c}.json`,
    file: `${c}.json`,
  }));
}

type Row = [edition: string, code: string, level: number, parent: string | null, description: string];

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const rows: Row[] = [];
  for (const file of ctx.files) {
    rows.push(...(/\.json$/i.test(file.name) ? readComtrade(file.path, file.name) : readBaci(file.path, file.name)));
  }
  const seen = new Map<string, string>();
  for (const [edition, code] of rows) {
    const key = `${edition}|${code}`;
    if (seen.has(key)) {
      throw new UserError(
        `code ${code} of ${edition} appears twice (${seen.get(key)}); expected once. Nothing was imported.`,
      );
    }
    seen.set(key, edition);
  }
  await appendRows(
    ctx.db,
    'hs_codes',
    rows.map((r) => [ctx.datasetId, ...r] as DuckDBValue[]),
  );
  ctx.progress(rows.length);
  const byEdition = Object.fromEntries(
    [...new Set(rows.map((r) => r[0]))].map((e) => [e, rows.filter((r) => r[0] === e && r[2] === 6).length]),
  );
  return { rows: rows.length, vintage: Object.keys(byEdition).join('+') || null, params: { hs6_codes: byEdition } };
}

function readComtrade(path: string, label: string): Row[] {
  let body: { classCode?: unknown; results?: unknown };
  try {
    body = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UserError(
      `${label}: not valid JSON (${(error as Error).message}); is it truncated? Nothing was imported.`,
    );
  }
  // JSON.parse gives any JSON value ("null", a number): only an object can be a classification file.
  const edition = editions[String(body?.classCode)];
  if (!edition || !Array.isArray(body?.results)) {
    throw new UserError(
      `${label}: classCode "${body?.classCode}" with ${Array.isArray(body?.results) ? 'a' : 'no'} results array; ` +
        `expected a Comtrade classification file (classCode ${Object.keys(editions).join(', ')}). Nothing was imported.`,
    );
  }
  const rows: Row[] = [];
  for (const [i, r] of (body.results as { id?: unknown; text?: unknown; parent?: unknown }[]).entries()) {
    const id = String(r?.id ?? '');
    if (!/^\d+$/.test(id)) continue; // ALL, TOTAL, AG2…, 9999AA: pseudo-codes of the list
    if (![2, 4, 6].includes(id.length) || typeof r.text !== 'string') {
      throw new UserError(
        `${label}: results[${i}] has id "${id}" and text ${JSON.stringify(r.text)}; expected a code of 2, 4 or 6 ` +
          'digits with a text. Nothing was imported.',
      );
    }
    const description = r.text.replace(new RegExp(`^${id}\\s*-\\s*`), '').trim();
    rows.push([edition, id, id.length, id.length === 2 ? null : id.slice(0, id.length - 2), description]);
  }
  return rows;
}

function readBaci(path: string, label: string): Row[] {
  const edition = /product_codes_(HS\d\d)_/i.exec(label)?.[1]?.toUpperCase();
  const table: Table = readCsv(readFileSync(path), label);
  const [header, ...data] = table.rows;
  if (!headerMatches(header, ['code', 'description']) || header.cells.length !== 2) {
    throw new UserError(
      `${label}:1:1: header is "${header?.cells.join(',') ?? ''}"; expected "code,description" (BACI product codes). ` +
        'Nothing was imported.',
    );
  }
  if (!edition) {
    throw new UserError(
      `${label}: the HS edition is not in the file name; expected product_codes_HS17_V202501.csv or similar. ` +
        'Nothing was imported.',
    );
  }
  return data.map((row) => {
    const code = padCode(row.cells[0], 6);
    if (!/^\d{6}$/.test(code)) throw cellError(table, row, 0, 'code', 'an HS6 code (5 or 6 digits)');
    if (!row.cells[1]) throw cellError(table, row, 1, 'description', 'a description');
    return [edition, code, 6, code.slice(0, 4), row.cells[1]] as Row;
  });
}

import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { UserError } from '../domain/errors.js';

/**
 * A company's purchases file for the CRMA Art. 24 risk assessment: CSV (comma or semicolon) or XLSX (first sheet),
 * a header row, one purchase per row. Columns (case-insensitive; the first name listed is the canonical one):
 * - `cn_code` (also cn8, hs_code, hs6, code, product_code): CN8 or HS6, digits; spaces and dots are ignored;
 * - `origin` (also country_of_origin, origin_country, country): ISO2, ISO3, Eurostat code or English name;
 * - `value_eur` (also value) and/or `quantity_kg` (also net_mass_kg, quantity): at least one per row, numbers ≥ 0
 *   with a dot as decimal separator and no thousands separators;
 * - `description` (optional).
 * Every bad row is reported, one message per row naming file:line, and nothing is used: a report is never built
 * from part of a file.
 */
export interface PurchaseRow {
  line: number;
  code: string;
  origin: string;
  originIso3: string;
  valueEur: number | null;
  quantityKg: number | null;
  description: string | null;
}

const headerAliases: Record<'code' | 'origin' | 'value' | 'quantity' | 'description', string[]> = {
  code: ['cn_code', 'cn8', 'hs_code', 'hs6', 'code', 'product_code'],
  origin: ['origin', 'country_of_origin', 'origin_country', 'country'],
  value: ['value_eur', 'value'],
  quantity: ['quantity_kg', 'net_mass_kg', 'quantity'],
  description: ['description'],
};

export const maxPurchaseRows = 100_000;

type Cell = string | number | null;

/** Raw rows (header + data) with the line each data row has in the file. */
interface Table {
  header: string[];
  rows: { line: number; cells: Cell[] }[];
}

/**
 * Read and validate a purchases file. `label` names the file in messages (its base name).
 * @example await readPurchases(buffer, 'purchases.csv', resolveCountry) // rows, or a UserError listing file:line per bad row
 */
export async function readPurchases(
  bytes: Buffer,
  label: string,
  resolveCountry: (text: string) => string | null,
): Promise<PurchaseRow[]> {
  const ext = extname(label).toLowerCase();
  let table: Table;
  if (ext === '.xlsx') table = await readXlsx(bytes, label);
  else if (ext === '.csv' || ext === '.txt' || ext === '') table = readCsv(bytes, label);
  else throw new UserError(`${label}: unsupported file type "${ext}" (expected .csv or .xlsx)`);
  const col = locateColumns(table.header, label);
  if (table.rows.length === 0) throw new UserError(`${label}: no purchase rows below the header`);
  if (table.rows.length > maxPurchaseRows) {
    throw new UserError(`${label}: ${table.rows.length} rows; at most ${maxPurchaseRows} are accepted`, undefined, 413);
  }
  const errors: string[] = [];
  const out: PurchaseRow[] = [];
  for (const { line, cells } of table.rows) {
    const problems: string[] = [];
    const rawCode = text(cells[col.code]);
    const code = rawCode.replace(/[\s.]/g, '');
    if (!code) problems.push('cn_code is empty');
    else if (!/^(\d{6}|\d{8})$/.test(code))
      problems.push(`cn_code "${rawCode}" is not a CN8 or HS6 code (expected 6 or 8 digits)`);
    const origin = text(cells[col.origin]);
    const originIso3 = origin ? resolveCountry(origin) : null;
    if (!origin) problems.push('origin is empty');
    else if (!originIso3)
      problems.push(`origin "${origin}" is not a known country (expected ISO2/ISO3 or a name, e.g. CN, CHN, China)`);
    const valueEur = col.value === undefined ? null : number(cells[col.value], 'value_eur', problems);
    const quantityKg = col.quantity === undefined ? null : number(cells[col.quantity], 'quantity_kg', problems);
    if (
      valueEur === null &&
      quantityKg === null &&
      !problems.some((p) => p.startsWith('value_eur') || p.startsWith('quantity_kg'))
    ) {
      problems.push('neither value_eur nor quantity_kg is given');
    }
    if (problems.length) {
      errors.push(`${label}:${line}: ${problems.join('; ')}`);
      continue;
    }
    out.push({
      line,
      code,
      origin,
      originIso3: originIso3 as string,
      valueEur,
      quantityKg,
      description: col.description === undefined ? null : text(cells[col.description]) || null,
    });
  }
  if (errors.length) {
    const shown = errors.slice(0, 200);
    throw new UserError(
      `${label}: ${errors.length} bad row${errors.length === 1 ? '' : 's'}; no assessment was made:\n${shown.join('\n')}${
        errors.length > shown.length ? `\n… and ${errors.length - shown.length} more` : ''
      }`,
      'Fix the rows and run again; every row must be valid before a report is written.',
    );
  }
  return out;
}

function locateColumns(header: string[], label: string) {
  const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const find = (aliases: string[]) => {
    const i = names.findIndex((n) => aliases.includes(n));
    return i < 0 ? undefined : i;
  };
  const code = find(headerAliases.code);
  const origin = find(headerAliases.origin);
  const value = find(headerAliases.value);
  const quantity = find(headerAliases.quantity);
  const missing = [
    code === undefined ? 'cn_code' : null,
    origin === undefined ? 'origin' : null,
    value === undefined && quantity === undefined ? 'value_eur or quantity_kg' : null,
  ].filter(Boolean);
  if (missing.length || code === undefined || origin === undefined) {
    throw new UserError(
      `${label}:1: the header lacks ${missing.join(', ')} (found: ${header.join(', ') || 'nothing'})`,
      'Expected a header like: cn_code,origin,value_eur,quantity_kg,description',
    );
  }
  return { code, origin, value, quantity, description: find(headerAliases.description) };
}

function readCsv(bytes: Buffer, label: string): Table {
  let content = bytes.toString('utf8');
  if (content.includes('\uFFFD')) throw new UserError(`${label}: not UTF-8 text (save the file as UTF-8 CSV)`);
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  const firstLine = content.slice(0, content.indexOf('\n') < 0 ? undefined : content.indexOf('\n'));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new UserError(`${label}:${e.lines ?? '?'}: not valid CSV (${e.message.replace(/^.*?: /, '')})`);
  }
  if (records.length === 0) throw new UserError(`${label}: the file is empty`);
  const [head, ...rest] = records;
  return {
    header: head.record,
    // info.lines is the line a record ends on; the files here have one line per record.
    rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })),
  };
}

async function readXlsx(bytes: Buffer, label: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UserError(`${label}: not a readable .xlsx workbook (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw new UserError(`${label}: the first worksheet is empty`);
  const width = sheet.columnCount;
  const cellsOf = (row: ExcelJS.Row): Cell[] =>
    Array.from({ length: width }, (_, i) => xlsxCell(row.getCell(i + 1).value));
  let header: string[] | null = null;
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = cellsOf(row);
    if (cells.every((c) => c === null || c === '')) return;
    if (header === null) header = cells.map((c) => (c === null ? '' : String(c)));
    else rows.push({ line: rowNumber, cells });
  });
  return { header: header ?? [], rows };
}

function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return xlsxCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return `#${(value as ExcelJS.CellErrorValue).error}`;
  }
  return String(value);
}

function text(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

/** A number ≥ 0 or null when empty; a problem is recorded for anything else. */
function number(cell: Cell | undefined, what: string, problems: string[]): number | null {
  if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) return null;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) problems.push(`${what} ${cell} is not a number ≥ 0`);
    return cell;
  }
  const t = cell.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) {
    problems.push(
      /^-/.test(t)
        ? `${what} "${t}" is negative`
        : `${what} "${t}" is not a number (use a dot as decimal separator, no thousands separators)`,
    );
    return null;
  }
  return Number(t);
}

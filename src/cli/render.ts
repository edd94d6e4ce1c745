import pc from 'picocolors';
import { resultToCsv } from '../domain/csv.js';
import type { Result } from '../domain/result.js';

export type Format = 'table' | 'json' | 'csv';
export const formats: readonly Format[] = ['table', 'json', 'csv'];

/** The Result as the user asked for it. JSON is the Result itself, so scripts and the API see the same shape. */
export function renderResult(result: Result, format: Format): string {
  if (format === 'json') return `${JSON.stringify(result, jsonReplacer, 2)}\n`;
  if (format === 'csv') return resultToCsv(result);
  return renderTable(result);
}

export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e4) / 1e4);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  return String(value);
}

/** A plain aligned table for a terminal, then warnings and the sources it came from. */
export function renderTable(result: Result, options: { maxWidth?: number } = {}): string {
  const maxWidth = options.maxWidth ?? 48;
  const columns = result.columns;
  const header = columns.map((c) => (c.unit ? `${c.name} (${c.unit})` : c.name));
  const body = result.rows.map((row) => columns.map((c) => clip(cell(row[c.name]), maxWidth)));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const numeric = columns.map((c) => c.type === 'number' || c.type === 'integer');
  const line = (cells: string[]) =>
    cells
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [pc.bold(line(header)), ...body.map(line)];
  out.push(pc.dim(`${result.rows.length} row${result.rows.length === 1 ? '' : 's'}`));
  for (const w of result.warnings) out.push(pc.yellow(`warning: ${w}`));
  const sources = result.provenance.map((p) => `${p.dataset} (${p.source}${p.vintage ? `, ${p.vintage}` : ''})`);
  if (sources.length) out.push(pc.dim(`sources: ${sources.join('; ')}`));
  const assumed = Object.entries(result.method.params).filter(([, p]) => p.assumed);
  if (assumed.length)
    out.push(pc.dim(`assumed: ${assumed.map(([k, p]) => `${k}=${JSON.stringify(p.value)}`).join(', ')}`));
  return `${out.join('\n')}\n`;
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

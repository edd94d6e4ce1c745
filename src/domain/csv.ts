import type { Result } from './result.js';

/** RFC 4180: quote fields holding a comma, quote or line break; double inner quotes. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows of a Result as CSV, in the order of its declared columns. */
export function resultToCsv(result: Result): string {
  const names = result.columns.map((c) => c.name);
  const lines = [names.join(','), ...result.rows.map((row) => names.map((n) => csvField(row[n])).join(','))];
  return `${lines.join('\n')}\n`;
}

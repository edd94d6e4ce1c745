import type { ComponentChild } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Column, Result, Row } from '../api';
import { type I18n, useI18n } from '../i18n';

interface ResultTableProps {
  result: Result;
  /** Columns to show, in order (default: all declared columns). */
  columns?: string[];
  /** Custom cell renderers by column name. */
  cells?: Record<string, (row: Row) => ComponentChild>;
  /** Sort value for a custom cell (default: the raw value). */
  sortValues?: Record<string, (row: Row) => string | number | null>;
  filterable?: boolean;
  /** Rows shown before "show all" (default 200). */
  limit?: number;
  caption?: string;
}

/** A Result's rows as a table: sortable by any column, filterable by text, numbers in the reader's notation. */
export function ResultTable({
  result,
  columns,
  cells = {},
  sortValues = {},
  filterable,
  limit = 200,
  caption,
}: ResultTableProps) {
  const i18n = useI18n();
  const shown = useMemo(() => pickColumns(result.columns, columns), [result, columns]);
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const [filter, setFilter] = useState('');
  const [all, setAll] = useState(false);

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const text = (row: Row) =>
      shown
        .map((c) => `${row[c.name] ?? ''} ${i18n.name(row, c.name)}`)
        .join(' ')
        .toLowerCase();
    const kept = needle ? result.rows.filter((row) => text(row).includes(needle)) : result.rows;
    if (!sort) return kept;
    const value = sortValues[sort.key] ?? ((row: Row) => sortKey(row, sort.key, i18n));
    return [...kept].sort((a, b) => compare(value(a), value(b)) * sort.dir);
  }, [result, filter, sort, shown, i18n, sortValues]);

  const visible = all ? rows : rows.slice(0, limit);
  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? (s.dir === 1 ? { key, dir: -1 } : null) : { key, dir: 1 }));

  return (
    <div class="result-table">
      {filterable && (
        <div class="table-tools">
          <input
            type="search"
            placeholder={i18n.t.filterRows}
            aria-label={i18n.t.filterRows}
            value={filter}
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
          />
          <span class="muted">{i18n.t.rowsShown(rows.length, result.rows.length)}</span>
        </div>
      )}
      <div class="table-scroll">
        <table>
          {caption && <caption>{caption}</caption>}
          <thead>
            <tr>
              {shown.map((c) => (
                <th
                  key={c.name}
                  class={isNumeric(c) ? 'num' : undefined}
                  title={[c.description, c.unit].filter(Boolean).join(' · ') || undefined}
                  aria-sort={sort?.key === c.name ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
                >
                  <button type="button" class="sort" onClick={() => toggle(c.name)}>
                    {i18n.column(c.name)}
                    <span class="sort-mark">{sort?.key === c.name ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((row, i) => (
              <tr key={i}>
                {shown.map((c) => (
                  <td key={c.name} class={isNumeric(c) ? 'num' : undefined}>
                    {cells[c.name] ? cells[c.name](row) : formatCell(row, c, i18n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!all && rows.length > limit && (
        <button type="button" class="button" onClick={() => setAll(true)}>
          {i18n.t.rowsShown(limit, rows.length)} — +{rows.length - limit}
        </button>
      )}
    </div>
  );
}

function pickColumns(declared: Column[], names?: string[]): Column[] {
  if (!names) return declared;
  return names.map((n) => declared.find((c) => c.name === n) ?? { name: n, type: 'string' });
}

const isNumeric = (c: Column) => c.type === 'number' || c.type === 'integer';

export function formatCell(row: Row, column: Column, i18n: I18n): string {
  const value = row[column.name];
  if (value === null || value === undefined || value === '') return '–';
  if (column.type === 'boolean') return value ? i18n.t.yes : i18n.t.no;
  if (typeof value === 'number') {
    if (column.unit === 'fraction') return i18n.pct(value);
    if (column.type === 'integer' && /year|edition/.test(column.name)) return String(value);
    return i18n.num(value);
  }
  if (column.name === 'name' || column.name.endsWith('_name')) return i18n.name(row, column.name);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function sortKey(row: Row, key: string, i18n: I18n): string | number | null {
  const value = row[key];
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return null;
  return key === 'name' || key.endsWith('_name') ? i18n.name(row, key) : String(value);
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

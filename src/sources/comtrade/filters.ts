/**
 * Which Comtrade+ records are stored. The API and the bulk files return, for each reporter × partner × commodity ×
 * flow, the total record plus its breakdowns by customs procedure (customsCode ≠ C00), mode of transport
 * (motCode ≠ 0) and second partner (partner2Code ≠ 0); summing them would count the trade several times. Only the
 * totals are kept. Flows other than M (imports) and X (exports) — re-imports RM, re-exports RX, processing flows —
 * are subsets or other concepts and are skipped too; the import reports how many rows it skipped.
 */
export interface ComtradeOutcome {
  label: string;
  layout: string;
  rows: number;
  /** Breakdown records and other flows, not stored. */
  skipped: number;
  /** Rows merged into one key by the max-per-key rule of the pull layout. */
  collapsed: number;
  years: number[];
}

/** For a JSON record: keep it? */
export function keepRow(r: Record<string, unknown>): boolean {
  const total = (field: string, value: unknown) => r[field] === undefined || r[field] === null || r[field] === value;
  return (
    (r.flowCode === 'M' || r.flowCode === 'X') &&
    total('customsCode', 'C00') &&
    total('motCode', 0) &&
    total('partner2Code', 0)
  );
}

/** The same rule in SQL, for a delimited file whose header has the given columns. */
export function keepSql(columns: readonly string[]): string {
  const has = (c: string) => columns.includes(c);
  return [
    `"flowCode" IN ('M', 'X')`,
    has('customsCode') ? `coalesce("customsCode", 'C00') = 'C00'` : '',
    has('motCode') ? 'coalesce("motCode", 0) = 0' : '',
    has('partner2Code') ? 'coalesce("partner2Code", 0) = 0' : '',
  ]
    .filter(Boolean)
    .join(' AND ');
}

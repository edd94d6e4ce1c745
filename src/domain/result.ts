/**
 * The one Result shape: what `--json` prints, what the API serves and what the dashboard draws.
 * Every number can answer "where does this come from?" through provenance (datasets) and method (id, version, params).
 */
export type ColumnType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'json';

export interface Column {
  name: string;
  type: ColumnType;
  /** Unit of a numeric column, e.g. "EUR million", "fraction", "0–1". */
  unit?: string;
  description?: string;
}

export interface Provenance {
  /** Dataset id in the store's registry. */
  dataset: string;
  source: string;
  vintage: string | null;
  url: string | null;
  sha256: string | null;
  licence: string | null;
}

/** A parameter as used: its value and whether the default is verified in a source or assumed by us. */
export interface ParamValue {
  value: unknown;
  /** true when the value is a default that the sources leave unsettled (docs/methods.md [U]). */
  assumed: boolean;
  description?: string;
}

export interface MethodInfo {
  id: string;
  version: string;
  params: Record<string, ParamValue>;
  /** docs/methods.md section the method implements, if any. */
  spec?: string;
}

export type Row = Record<string, unknown>;

export interface Result<R extends Row = Row> {
  columns: Column[];
  rows: R[];
  provenance: Provenance[];
  method: MethodInfo;
  warnings: string[];
}

export function result<R extends Row>(parts: {
  columns: Column[];
  rows: R[];
  provenance: Provenance[];
  method: MethodInfo;
  warnings?: string[];
}): Result<R> {
  return { warnings: [], ...parts };
}

import { listValue } from '@duckdb/node-api';
import { UsageError } from '../domain/errors.js';
import type { Db } from './db.js';

/** Typed reads of the input–output tables (migration 400). */

export interface IoTableRow {
  dataset_id: string;
  table_id: string;
  source: string;
  layout: 'national' | 'multi-regional';
  country: string | null;
  year: number | null;
  edition: string | null;
  unit: string;
  valuation: string | null;
  classification: string | null;
  n_industries: number;
  n_regions: number;
  import_split: boolean;
}

export interface IoLabelRow {
  axis: 'row' | 'col';
  label: string;
  position: number;
  kind: string;
  origin: 'total' | 'domestic' | 'imported' | null;
  region: string | null;
  sector: string | null;
}

export async function readIoTables(db: Db): Promise<IoTableRow[]> {
  return db.all<IoTableRow>('SELECT * FROM io_tables ORDER BY dataset_id, table_id');
}

/**
 * The table a user names: `DATASET` (when it holds one table) or `DATASET/TABLE`.
 * Unknown names are a UsageError listing what the store holds.
 */
export async function readIoTable(db: Db, name: string): Promise<IoTableRow> {
  const tables = await readIoTables(db);
  const slash = name.lastIndexOf('/');
  const [dataset, table] = slash > 0 ? [name.slice(0, slash), name.slice(slash + 1)] : [name, undefined];
  const matches = tables.filter((t) => t.dataset_id === dataset && (table === undefined || t.table_id === table));
  const known = tables.map((t) => `${t.dataset_id}/${t.table_id}`);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new UsageError(
      `dataset ${dataset} holds ${matches.length} IO tables; name one as DATASET/TABLE`,
      `Tables: ${matches.map((t) => `${t.dataset_id}/${t.table_id}`).join(', ')}`,
    );
  }
  throw new UsageError(
    `unknown IO table: "${name}"`,
    known.length
      ? `IO tables in the store: ${known.slice(0, 12).join(', ')}`
      : 'Import one first, e.g. `radar import oecd-iot BEL2020ttl.csv`.',
    404,
  );
}

export async function readIoLabels(db: Db, t: IoTableRow): Promise<IoLabelRow[]> {
  return db.all<IoLabelRow>(
    'SELECT axis, label, position, kind, origin, region, sector FROM io_labels WHERE dataset_id = $1 AND table_id = $2 ORDER BY axis, position',
    [t.dataset_id, t.table_id],
  );
}

export interface CellTriplets {
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
  length: number;
}

/**
 * Non-zero cells whose row label is of one of `rowKinds` and column label of one of `colKinds`, as file positions
 * (io_labels.position) and values, streamed chunk by chunk into typed arrays (FIGARO: ~9 M cells).
 */
export async function readIoCells(
  db: Db,
  t: IoTableRow,
  rowKinds: readonly string[],
  colKinds: readonly string[],
): Promise<CellTriplets> {
  const result = await db.connection.stream(
    `SELECT r.position AS i, c.position AS j, v.value
     FROM io_cells v
     JOIN io_labels r ON r.dataset_id = v.dataset_id AND r.table_id = v.table_id AND r.axis = 'row' AND r.label = v.row_label
     JOIN io_labels c ON c.dataset_id = v.dataset_id AND c.table_id = v.table_id AND c.axis = 'col' AND c.label = v.col_label
     WHERE v.dataset_id = $1 AND v.table_id = $2 AND list_contains($3, r.kind) AND list_contains($4, c.kind)`,
    [t.dataset_id, t.table_id, listValue([...rowKinds]), listValue([...colKinds])],
  );
  let capacity = 1 << 16;
  let rows = new Int32Array(capacity);
  let cols = new Int32Array(capacity);
  let values = new Float64Array(capacity);
  let length = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const [i, j, v] = [chunk.getColumnValues(0), chunk.getColumnValues(1), chunk.getColumnValues(2)];
    if (length + i.length > capacity) {
      while (length + i.length > capacity) capacity *= 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(capacity);
        b.set(a.subarray(0, length));
        return b;
      };
      rows = grow(rows, (n) => new Int32Array(n));
      cols = grow(cols, (n) => new Int32Array(n));
      values = grow(values, (n) => new Float64Array(n));
    }
    for (let k = 0; k < i.length; k++) {
      rows[length] = i[k] as number;
      cols[length] = j[k] as number;
      values[length] = v[k] as number;
      length++;
    }
  }
  return { rows, cols, values, length };
}

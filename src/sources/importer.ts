import type { Db } from '../store/db.js';

/** A file handed to an importer, already checksummed. `name` is the base name (no machine path reaches the store). */
export interface SourceFile {
  path: string;
  name: string;
  sha256: string;
  bytes: number;
}

export interface LoadContext {
  db: Db;
  /** Every row an importer writes carries this id in its `dataset_id` column. */
  datasetId: string;
  files: SourceFile[];
  vintage?: string;
  /** Report progress: rows (or bytes) done so far, and the total when known. */
  progress: (done: number, total?: number) => void;
  /** Input that is suspicious but valid; ends up in the import report. */
  warn: (message: string) => void;
}

export interface LoadOutcome {
  rows: number;
  /** The vintage read from the data (e.g. "2023", "V202501") when the user gave none. */
  vintage?: string | null;
  /** Extra parameters worth keeping in the registry (years covered, units, layout detected). */
  params?: Record<string, unknown>;
}

/**
 * One importer per source. `load` runs inside the import transaction: it parses and validates the files, writes rows
 * tagged with `datasetId` into its tables, and throws a UserError naming file:line on bad input (the transaction then
 * rolls back and the store is unchanged).
 */
export interface Importer {
  /** Source id used on the CLI, e.g. 'wgi', 'comext'. */
  id: string;
  title: string;
  licence: string;
  /** Landing page or documentation of the source. */
  url: string;
  /** What files it accepts, for --help. */
  accepts: string;
  /** Store tables it writes; each has a `dataset_id VARCHAR` column. */
  tables: readonly string[];
  /** Community or national concept, for trade sources. */
  tradeConcept?: 'community' | 'national';
  load(ctx: LoadContext): Promise<LoadOutcome>;
  /** Public files to download for `radar fetch` (years etc.), with their checksum when the source publishes one. */
  remote?(options: { years?: number[] }): RemoteFile[];
}

export interface RemoteFile {
  url: string;
  /** File name in the download cache. */
  file: string;
  sha256?: string;
}

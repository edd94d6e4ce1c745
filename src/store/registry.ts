import { listValue } from '@duckdb/node-api';
import type { Provenance } from '../domain/result.js';
import type { Db } from './db.js';

/** One row of the dataset registry: the provenance of everything in the store. */
export interface Dataset {
  id: string;
  source: string;
  title: string;
  kind: 'reference' | 'import';
  vintage: string | null;
  url: string | null;
  file: string | null;
  sha256: string;
  licence: string | null;
  imported_at: Date;
  rows: number;
  trade_concept: 'community' | 'national' | null;
  tables: string[];
  params: string | null;
}

export async function readDatasets(db: Db, filter: { kind?: string } = {}): Promise<Dataset[]> {
  const rows = await db.all<Dataset>(
    `SELECT * FROM datasets ${filter.kind ? 'WHERE kind = $1' : ''} ORDER BY kind, id`,
    filter.kind ? [filter.kind] : undefined,
  );
  return rows.map((row) => ({ ...row, tables: [...(row.tables as unknown as Iterable<string>)] }));
}

export async function readDataset(db: Db, id: string): Promise<Dataset | undefined> {
  return (await readDatasets(db)).find((d) => d.id === id);
}

/** Insert or replace a registry row. Call inside the same transaction that writes the dataset's rows. */
export async function writeDataset(db: Db, d: Omit<Dataset, 'imported_at'>): Promise<void> {
  await db.run('DELETE FROM datasets WHERE id = $1', [d.id]);
  await db.run(
    `INSERT INTO datasets VALUES ($id, $source, $title, $kind, $vintage, $url, $file, $sha256, $licence, now(),
       $rows, $trade_concept, $tables, $params)`,
    {
      id: d.id,
      source: d.source,
      title: d.title,
      kind: d.kind,
      vintage: d.vintage,
      url: d.url,
      file: d.file,
      sha256: d.sha256,
      licence: d.licence,
      rows: d.rows,
      trade_concept: d.trade_concept,
      tables: listValue(d.tables),
      params: d.params,
    },
  );
}

export function provenanceOf(d: Dataset): Provenance {
  return { dataset: d.id, source: d.title, vintage: d.vintage, url: d.url, sha256: d.sha256, licence: d.licence };
}

import { type Result, result } from '../domain/result.js';
import type { Db } from '../store/db.js';
import { readDatasets } from '../store/registry.js';

/** The dataset registry as a Result: the provenance of everything in the store. */
export async function datasetsOverview(db: Db): Promise<Result> {
  const datasets = await readDatasets(db);
  return result({
    columns: [
      { name: 'id', type: 'string' },
      { name: 'source', type: 'string' },
      { name: 'title', type: 'string' },
      { name: 'kind', type: 'string' },
      { name: 'vintage', type: 'string' },
      { name: 'rows', type: 'integer' },
      { name: 'trade_concept', type: 'string' },
      { name: 'sha256', type: 'string' },
      { name: 'imported_at', type: 'date' },
      { name: 'file', type: 'string' },
      { name: 'url', type: 'string' },
      { name: 'licence', type: 'string' },
    ],
    rows: datasets.map((d) => ({
      id: d.id,
      source: d.source,
      title: d.title,
      kind: d.kind,
      vintage: d.vintage,
      rows: d.rows,
      trade_concept: d.trade_concept,
      sha256: d.sha256,
      imported_at: d.imported_at instanceof Date ? d.imported_at.toISOString() : String(d.imported_at),
      file: d.file,
      url: d.url,
      licence: d.licence,
    })),
    provenance: [],
    method: { id: 'store.datasets', version: '1', params: {} },
  });
}

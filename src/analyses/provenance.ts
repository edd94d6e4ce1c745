import type { Provenance } from '../domain/result.js';
import type { Db } from '../store/db.js';
import { provenanceOf, readDatasets } from '../store/registry.js';

/** Registry entries of the datasets a result was computed from, in the order given. */
export async function provenance(db: Db, datasetIds: readonly string[]): Promise<Provenance[]> {
  const all = new Map((await readDatasets(db)).map((d) => [d.id, d]));
  return datasetIds.flatMap((id) => {
    const d = all.get(id);
    return d ? [provenanceOf(d)] : [];
  });
}

import { type Result, result } from '../domain/result.js';
import type { Db } from '../store/db.js';
import { readLists } from '../store/reference-queries.js';
import { provenance } from './provenance.js';

/**
 * Which critical/strategic lists Radar knows, per edition and jurisdiction, with their item counts.
 * @example await listsOverview(db) // rows: { list: 'eu-crm', edition: '2023', jurisdiction: 'EU', items: 34, … }
 */
export async function listsOverview(db: Db): Promise<Result> {
  const lists = await readLists(db);
  const warnings = lists
    .filter((l) => l.members !== l.expected_count)
    .map((l) => `${l.list_id} ${l.edition}: ${l.members} items stored, the source states ${l.expected_count}`);
  return result({
    columns: [
      { name: 'list', type: 'string' },
      { name: 'edition', type: 'string' },
      { name: 'jurisdiction', type: 'string' },
      { name: 'status', type: 'string', description: 'official, or proposed' },
      { name: 'items', type: 'integer' },
      { name: 'name', type: 'string' },
      { name: 'source', type: 'string' },
      { name: 'locator', type: 'string' },
    ],
    rows: lists.map((l) => ({
      list: l.list_id,
      edition: l.edition,
      jurisdiction: l.jurisdiction,
      status: l.status,
      items: l.members,
      name: l.name_en,
      name_nl: l.name_nl,
      name_fr: l.name_fr,
      source: l.source,
      locator: l.locator,
    })),
    provenance: await provenance(db, ['ref:lists', 'ref:list_membership']),
    method: { id: 'reference.lists', version: '1', params: {} },
    warnings,
  });
}

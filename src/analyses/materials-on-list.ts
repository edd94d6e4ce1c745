import { ensureOneOf } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import type { Db } from '../store/db.js';
import { readListMembers, readLists } from '../store/reference-queries.js';
import { provenance } from './provenance.js';

export interface MaterialsOnListOptions {
  list: string;
  /** Default: the list's latest edition. */
  edition?: string;
}

/**
 * The materials on one list edition, each with its grade, the published SR/EI of that edition and its source.
 * @example await materialsOnList(db, { list: 'eu-crm', edition: '2023' }) // 34 rows
 */
export async function materialsOnList(db: Db, options: MaterialsOnListOptions): Promise<Result> {
  const lists = await readLists(db);
  const list = ensureOneOf('list', options.list, [...new Set(lists.map((l) => l.list_id))]);
  const editions = lists.filter((l) => l.list_id === list).map((l) => l.edition);
  const edition = ensureOneOf(`edition of ${list}`, options.edition ?? editions[editions.length - 1], editions);
  const rows = await readListMembers(db, list, edition);
  const assessed = rows.find((r) => r.sr_edition !== null)?.sr_edition ?? null;
  return result({
    columns: [
      { name: 'material', type: 'string', description: 'material or group id' },
      { name: 'name', type: 'string' },
      { name: 'kind', type: 'string', description: 'material, or group (HREE, LREE, PGM…)' },
      { name: 'grade', type: 'string' },
      { name: 'sr', type: 'number', unit: 'index', description: `published supply risk, EU assessment ${assessed}` },
      {
        name: 'ei',
        type: 'number',
        unit: 'index',
        description: `published economic importance, EU assessment ${assessed}`,
      },
      { name: 'note', type: 'string' },
      { name: 'source', type: 'string' },
      { name: 'locator', type: 'string' },
    ],
    rows: rows.map((r) => ({
      material: r.material_id,
      name: r.name_en,
      name_nl: r.name_nl,
      name_fr: r.name_fr,
      kind: r.kind,
      grade: r.grade,
      sr: r.sr,
      ei: r.ei,
      sr_ei_edition: r.sr_edition,
      note: r.note,
      source: r.source,
      locator: r.locator,
    })),
    provenance: await provenance(db, ['ref:list_membership', 'ref:materials', 'ref:sr_ei']),
    method: {
      id: 'reference.list-members',
      version: '1',
      params: {
        list: { value: list, assumed: false },
        edition: { value: edition, assumed: false, description: options.edition ? undefined : 'latest edition' },
      },
    },
  });
}

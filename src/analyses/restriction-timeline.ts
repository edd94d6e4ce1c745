/**
 * The reference facts behind the restriction and by-product scenarios, as Results: the export-restriction timeline
 * (reference/export-restrictions.csv) and the host → companion graph (reference/by-products.csv).
 */
import { type Result, result } from '../domain/result.js';
import type { Db } from '../store/db.js';
import { provenance } from './provenance.js';

/**
 * Export restrictions, oldest first (undated last), optionally for one material (or a group it belongs to) or country.
 * @example await exportRestrictions(db, { material: 'gallium' }) // 3 rows: Aug 2023 licence, Dec 2024 US ban, …
 */
export async function exportRestrictions(
  db: Db,
  filter: { material?: string; country?: string } = {},
): Promise<Result> {
  const rows = await db.all(
    `SELECT event_id, country_iso3, material_id, stages, measure, object, target_iso3,
            CAST(announced AS VARCHAR) AS announced, CAST(effective AS VARCHAR) AS effective, date_precision, hs6,
            note, source, locator, source_year, verified
     FROM export_restrictions
     WHERE ($material::VARCHAR IS NULL OR material_id = $material
            OR material_id IN (SELECT group_id FROM group_members WHERE material_id = $material))
       AND ($country::VARCHAR IS NULL OR country_iso3 = upper($country))
     ORDER BY effective NULLS LAST, event_id, material_id`,
    { material: filter.material ?? null, country: filter.country ?? null },
  );
  return result({
    columns: [
      { name: 'event_id', type: 'string' },
      { name: 'country_iso3', type: 'string', description: 'restricting country' },
      { name: 'material_id', type: 'string' },
      { name: 'stages', type: 'string' },
      { name: 'measure', type: 'string', description: 'tax, quota, ban or licence' },
      { name: 'object', type: 'string', description: 'goods or technology' },
      { name: 'target_iso3', type: 'string', description: 'empty = every destination' },
      { name: 'announced', type: 'date' },
      { name: 'effective', type: 'date' },
      { name: 'date_precision', type: 'string' },
      { name: 'hs6', type: 'string', description: 'HS6 codes of the items (from national codes)' },
      { name: 'note', type: 'string' },
      { name: 'source', type: 'string' },
      { name: 'locator', type: 'string' },
      { name: 'source_year', type: 'integer' },
      { name: 'verified', type: 'string', description: 'seed = SERV report, web = the page named in source' },
    ],
    rows,
    provenance: await provenance(db, ['ref:export_restrictions']),
    method: { id: 'levers.export-restrictions', version: '1', params: {} },
  });
}

/** The by-product graph, one row per host → companion edge. */
export async function byProductGraph(db: Db): Promise<Result> {
  const rows = await db.all(
    'SELECT host_id, companion_id, relation, note, source, locator, source_year, verified FROM by_products ORDER BY host_id, companion_id',
  );
  return result({
    columns: [
      { name: 'host_id', type: 'string' },
      { name: 'companion_id', type: 'string' },
      { name: 'relation', type: 'string', description: 'main-host, host or potential' },
      { name: 'note', type: 'string' },
      { name: 'source', type: 'string' },
      { name: 'locator', type: 'string' },
      { name: 'source_year', type: 'integer' },
      { name: 'verified', type: 'string' },
    ],
    rows,
    provenance: await provenance(db, ['ref:by_products']),
    method: { id: 'levers.by-products', version: '1', params: {} },
  });
}

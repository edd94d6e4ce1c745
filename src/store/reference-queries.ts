import type { Db } from './db.js';

/** Typed reads of the reference tables. SQL stays here; analyses compose these. */

export interface ListRow {
  list_id: string;
  edition: string;
  jurisdiction: string;
  grade_scheme: string | null;
  name_en: string;
  name_nl: string;
  name_fr: string;
  expected_count: number;
  status: string;
  members: number;
  source: string;
  locator: string;
  source_year: number;
}

export function readLists(db: Db): Promise<ListRow[]> {
  return db.all<ListRow>(
    `SELECT l.*, (SELECT count(*) FROM list_membership m WHERE m.list_id = l.list_id AND m.edition = l.edition)
       AS members
     FROM lists l ORDER BY l.list_id, l.edition`,
  );
}

export interface MaterialRow {
  id: string;
  kind: 'material' | 'group';
  name_en: string;
  name_nl: string;
  name_fr: string;
  symbol: string | null;
  group_id: string | null;
  eu2023_candidate: boolean;
  source: string;
  locator: string;
  source_year: number;
}

export function readMaterials(db: Db): Promise<MaterialRow[]> {
  return db.all<MaterialRow>('SELECT * FROM materials ORDER BY id');
}

export interface ListMemberRow {
  material_id: string;
  name_en: string;
  name_nl: string;
  name_fr: string;
  kind: string;
  grade: string | null;
  note: string | null;
  sr: number | null;
  ei: number | null;
  sr_edition: number | null;
  source: string;
  locator: string;
  source_year: number;
}

/**
 * Members of one list edition, with the SR/EI of the latest EU assessment edition not after the list's edition
 * (the CRMA annexes of 2024 rest on the 2023 assessment); `sr_edition` says which one.
 */
export function readListMembers(db: Db, listId: string, edition: string): Promise<ListMemberRow[]> {
  return db.all<ListMemberRow>(
    `WITH assessment AS (
       SELECT max(edition) AS edition FROM sr_ei WHERE TRY_CAST($2 AS INTEGER) IS NULL OR edition <= CAST($2 AS INTEGER)
     )
     SELECT m.material_id, mat.name_en, mat.name_nl, mat.name_fr, mat.kind, m.grade, m.note, s.sr, s.ei,
            (SELECT edition FROM assessment) AS sr_edition, m.source, m.locator, m.source_year
     FROM list_membership m
     JOIN materials mat ON mat.id = m.material_id
     LEFT JOIN sr_ei s ON s.material_id = m.material_id AND s.edition = (SELECT edition FROM assessment)
     WHERE m.list_id = $1 AND m.edition = $2
     ORDER BY mat.name_en`,
    [listId, edition],
  );
}

/** Resolve what a user typed (id, symbol, name in EN/NL/FR, or a source alias) to material ids. */
export async function findMaterialIds(db: Db, text: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    `SELECT DISTINCT id FROM (
       SELECT id FROM materials
       WHERE lower(id) = lower($1) OR lower(symbol) = lower($1) OR lower(name_en) = lower($1)
          OR lower(name_nl) = lower($1) OR lower(name_fr) = lower($1)
       UNION ALL SELECT material_id FROM material_aliases WHERE lower(alias) = lower($1)
     ) ORDER BY id`,
    [text.trim()],
  );
  return rows.map((r) => r.id);
}

/** Closest material ids by edit distance, for "did you mean" hints. */
export async function suggestMaterials(db: Db, text: string, limit = 3): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    `SELECT id FROM materials ORDER BY least(levenshtein(lower(id), lower($1)), levenshtein(lower(name_en), lower($1)))
     LIMIT ${Math.trunc(limit)}`,
    [text],
  );
  return rows.map((r) => r.id);
}

export interface MaterialListing {
  list_id: string;
  edition: string;
  jurisdiction: string;
  status: string;
  grade: string | null;
  via_group: string | null;
  source: string;
  locator: string;
}

/** Every list edition a material is on, directly or through a listed group it belongs to. */
export function readMaterialListings(db: Db, materialId: string): Promise<MaterialListing[]> {
  return db.all<MaterialListing>(
    `WITH ids AS (
       SELECT $1 AS id, NULL AS via_group
       UNION ALL SELECT group_id, group_id FROM group_members WHERE material_id = $1
     )
     SELECT m.list_id, m.edition, l.jurisdiction, l.status, m.grade, ids.via_group, m.source, m.locator
     FROM list_membership m JOIN ids ON ids.id = m.material_id
     JOIN lists l ON l.list_id = m.list_id AND l.edition = m.edition
     ORDER BY m.list_id, m.edition`,
    [materialId],
  );
}

export interface SrEiRow {
  material_id: string;
  edition: number;
  sr: number | null;
  ei: number | null;
  source: string;
  locator: string;
  source_year: number;
}

/** Published SR/EI of a material per edition; for a group member, also the group's values (as assessed). */
export function readSrEi(db: Db, materialId: string): Promise<SrEiRow[]> {
  return db.all<SrEiRow>(
    `SELECT * FROM sr_ei WHERE material_id = $1
        OR material_id IN (SELECT group_id FROM group_members WHERE material_id = $1)
     ORDER BY edition, material_id`,
    [materialId],
  );
}

export interface TechnologyRow {
  technology_id: string;
  technology: string;
  sector: string;
  source: string;
  locator: string;
}

export function readMaterialTechnologies(db: Db, materialId: string): Promise<TechnologyRow[]> {
  return db.all<TechnologyRow>(
    `SELECT t.id AS technology_id, t.name_en AS technology, s.name_en AS sector, tm.source, tm.locator
     FROM technology_materials tm JOIN technologies t ON t.id = tm.technology_id
     JOIN sectors s ON s.id = t.sector_id
     WHERE tm.material_id = $1
        OR tm.material_id IN (SELECT group_id FROM group_members WHERE material_id = $1)
     ORDER BY s.name_en, t.name_en`,
    [materialId],
  );
}

export function readGroupMembers(db: Db, groupId: string): Promise<{ material_id: string }[]> {
  return db.all('SELECT material_id FROM group_members WHERE group_id = $1 ORDER BY material_id', [groupId]);
}

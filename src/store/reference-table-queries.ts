import type { Db } from './db.js';

/**
 * Typed reads of the reference tables the dashboard shows whole: every published SR/EI, the material, country and
 * technology catalogues (with their Dutch and French names), the Belgian CRM imports of SERV Table 24 and the facts.
 * reference-queries.ts holds the per-material reads; this file the whole-table ones.
 */

export interface SrEiEditionRow {
  material_id: string;
  name_en: string;
  name_nl: string;
  name_fr: string;
  kind: string;
  edition: number;
  sr: number | null;
  ei: number | null;
  /** On the EU critical raw materials list of the same edition: see readSrEiAll. */
  critical: boolean;
  source: string;
  locator: string;
}

/**
 * Every published SR/EI pair, optionally of one edition, with whether the material made that edition's EU list.
 * Lists and assessments group materials differently (the 2011 list names "rare earth elements" where the assessment
 * scores HREE, LREE and scandium), so a material counts as listed when it is listed itself, when a listed group
 * holds it, or, for a group, when every one of its members is listed in one of those two ways.
 */
export function readSrEiAll(db: Db, edition?: number): Promise<SrEiEditionRow[]> {
  return db.all<SrEiEditionRow>(
    `WITH listed AS (
       SELECT l.edition, l.material_id FROM list_membership l WHERE l.list_id = 'eu-crm'
       UNION
       SELECT l.edition, g.material_id FROM list_membership l JOIN group_members g ON g.group_id = l.material_id
       WHERE l.list_id = 'eu-crm'
     ),
     fully_listed_groups AS (
       SELECT e.edition, g.group_id AS material_id
       FROM group_members g CROSS JOIN (SELECT DISTINCT edition FROM listed) e
       LEFT JOIN listed l ON l.material_id = g.material_id AND l.edition = e.edition
       GROUP BY g.group_id, e.edition HAVING count(*) = count(l.material_id)
     ),
     critical AS (SELECT * FROM listed UNION SELECT * FROM fully_listed_groups)
     SELECT s.material_id, m.name_en, m.name_nl, m.name_fr, m.kind, s.edition, s.sr, s.ei,
            c.material_id IS NOT NULL AS critical, s.source, s.locator
     FROM sr_ei s JOIN materials m ON m.id = s.material_id
     LEFT JOIN critical c ON c.material_id = s.material_id AND c.edition = CAST(s.edition AS VARCHAR)
     WHERE $1::INTEGER IS NULL OR s.edition = $1::INTEGER
     ORDER BY s.edition, m.name_en`,
    [edition ?? null],
  );
}

export function readSrEiEditions(db: Db): Promise<{ edition: number }[]> {
  return db.all('SELECT DISTINCT edition FROM sr_ei ORDER BY edition');
}

export interface MaterialNameRow {
  id: string;
  kind: string;
  name_en: string;
  name_nl: string;
  name_fr: string;
  symbol: string | null;
  group_id: string | null;
  /** Number of list editions the material is on, directly. */
  listings: number;
}

export function readMaterialCatalogue(db: Db): Promise<MaterialNameRow[]> {
  return db.all<MaterialNameRow>(
    `SELECT m.id, m.kind, m.name_en, m.name_nl, m.name_fr, m.symbol, m.group_id,
            (SELECT count(*) FROM list_membership l WHERE l.material_id = m.id) AS listings
     FROM materials m ORDER BY m.name_en`,
  );
}

export interface CountryRow {
  iso3: string;
  iso2: string | null;
  m49: string | null;
  name_en: string;
  name_nl: string;
  name_fr: string;
  eu_from: string | null;
  eu_to: string | null;
  is_country: boolean;
}

export function readCountries(db: Db): Promise<CountryRow[]> {
  return db.all<CountryRow>(
    `SELECT iso3, iso2, m49, name_en, name_nl, name_fr, CAST(eu_from AS VARCHAR) AS eu_from,
            CAST(eu_to AS VARCHAR) AS eu_to, is_country
     FROM countries ORDER BY iso3`,
  );
}

export interface TechnologyCatalogueRow {
  id: string;
  sector_id: string;
  name_en: string;
  name_nl: string;
  name_fr: string;
  sector_en: string;
  sector_nl: string;
  sector_fr: string;
  materials: number;
  source: string;
}

export function readTechnologyCatalogue(db: Db): Promise<TechnologyCatalogueRow[]> {
  return db.all<TechnologyCatalogueRow>(
    `SELECT t.id, t.sector_id, t.name_en, t.name_nl, t.name_fr, s.name_en AS sector_en, s.name_nl AS sector_nl,
            s.name_fr AS sector_fr,
            (SELECT count(*) FROM technology_materials tm WHERE tm.technology_id = t.id) AS materials, t.source
     FROM technologies t JOIN sectors s ON s.id = t.sector_id ORDER BY s.name_en, t.name_en`,
  );
}

export interface FactRow {
  key: string;
  value: number;
  unit: string | null;
  note: string | null;
  source: string;
  locator: string;
  source_year: number;
}

/** Facts whose key starts with a prefix (all facts with ''); the prefix is matched literally. */
export function readFacts(db: Db, prefix = ''): Promise<FactRow[]> {
  return db.all<FactRow>('SELECT * FROM facts WHERE starts_with(key, $1) ORDER BY key', [prefix]);
}

export interface BeCrmImportRow {
  material_id: string;
  name_en: string;
  name_nl: string;
  name_fr: string;
  import_value: number;
  unit: string;
  currency: string;
  source: string;
  locator: string;
}

/** SERV Table 24: Belgian imports of critical raw materials in 2023, largest first. */
export function readBeCrmImports(db: Db): Promise<BeCrmImportRow[]> {
  return db.all<BeCrmImportRow>(
    `SELECT i.material_id, m.name_en, m.name_nl, m.name_fr, i.import_value, i.unit, i.currency, i.source, i.locator
     FROM be_crm_imports_2023 i JOIN materials m ON m.id = i.material_id
     ORDER BY i.import_value DESC`,
  );
}

export interface BeCrmPartnerRow {
  material_id: string;
  partner_iso3: string;
  iso2: string | null;
  name_en: string | null;
  name_nl: string | null;
  name_fr: string | null;
  share: number;
  rank: number | null;
  /** The value the report states for this partner (facts `be_crm_imports_2023_partner_<iso3>_value`), if any. */
  value_stated: number | null;
  source: string;
  locator: string;
}

/** The partners the report names for Belgium's 2023 CRM imports, by rank. */
export function readBeCrmPartners(db: Db): Promise<BeCrmPartnerRow[]> {
  return db.all<BeCrmPartnerRow>(
    `SELECT p.material_id, p.partner_iso3, c.iso2, c.name_en, c.name_nl, c.name_fr, p.share, p.rank,
            f.value AS value_stated, p.source, p.locator
     FROM be_crm_import_partners_2023 p
     LEFT JOIN countries c ON c.iso3 = p.partner_iso3
     LEFT JOIN facts f ON f.key = 'be_crm_imports_2023_partner_' || lower(p.partner_iso3) || '_value'
     ORDER BY p.material_id, p.rank NULLS LAST, p.share DESC`,
  );
}

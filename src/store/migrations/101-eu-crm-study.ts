import type { Migration } from './migration.js';

/**
 * Tables of the EU CRM 2023 study (importer `eu-crm-study`; files of the erikemilsson transcription of Annex 4,
 * Appendix 6 and Appendix 7). Contract read by other capabilities (CRMA benchmarks, demand, dashboard):
 * - `material_id` is NULL when the study's spelling does not resolve (the importer warns and counts);
 *   `material_name` keeps the spelling as written;
 * - shares are fractions; "<0.1%" is stored as 0.0005 with `share_bound` '<' (">0%" as 0 with '>');
 * - `country_iso3` is NULL when the name does not resolve; `country_name` keeps the source's name;
 * - `source_line` is the line of the row in its file.
 */
export const euCrmStudy: Migration = {
  version: 101,
  name: 'eu crm study tables',
  sql: `
    CREATE TABLE eu_crm_sr_ei (
      dataset_id VARCHAR NOT NULL,
      material_id VARCHAR,
      material_name VARCHAR NOT NULL,
      edition INTEGER NOT NULL,
      sr DOUBLE,
      ei DOUBLE,
      source_line INTEGER NOT NULL
    );
    CREATE TABLE eu_crm_supply_shares (
      dataset_id VARCHAR NOT NULL,
      material_id VARCHAR,
      material_name VARCHAR NOT NULL,
      stage VARCHAR NOT NULL CHECK (stage IN ('extraction', 'processing')),
      scope VARCHAR NOT NULL CHECK (scope IN ('global', 'eu_sourcing')),
      country_iso3 VARCHAR,
      country_name VARCHAR NOT NULL,
      share DOUBLE NOT NULL,
      share_text VARCHAR NOT NULL,
      share_bound VARCHAR CHECK (share_bound IN ('<', '>')),
      t DOUBLE NOT NULL,
      source_line INTEGER NOT NULL
    );
    CREATE TABLE eu_crm_use_shares (
      dataset_id VARCHAR NOT NULL,
      material_id VARCHAR,
      material_name VARCHAR NOT NULL,
      application VARCHAR NOT NULL,
      share DOUBLE NOT NULL,
      share_text VARCHAR NOT NULL,
      share_bound VARCHAR CHECK (share_bound IN ('<', '>')),
      nace_code VARCHAR,
      nace_name VARCHAR,
      va_million_eur DOUBLE,
      source_line INTEGER NOT NULL
    );
    CREATE TABLE eu_crm_groupings (
      dataset_id VARCHAR NOT NULL,
      material_id VARCHAR,
      material_name VARCHAR NOT NULL,
      perm_noxree_nopgm VARCHAR,
      perm_noxree_pgm VARCHAR,
      perm_xree_nopgm VARCHAR,
      perm_xree_pgm VARCHAR,
      source_line INTEGER NOT NULL
    );`,
};

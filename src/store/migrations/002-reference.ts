import type { Migration } from './migration.js';

const source = 'source VARCHAR NOT NULL, locator VARCHAR NOT NULL, source_year INTEGER NOT NULL';

export const reference: Migration = {
  version: 2,
  name: 'reference tables',
  sql: `
      CREATE TABLE materials (id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, name_en VARCHAR NOT NULL,
        name_nl VARCHAR NOT NULL, name_fr VARCHAR NOT NULL, symbol VARCHAR, group_id VARCHAR,
        eu2023_candidate BOOLEAN NOT NULL, ${source});
      CREATE TABLE group_members (group_id VARCHAR NOT NULL, material_id VARCHAR NOT NULL, ${source});
      CREATE TABLE material_aliases (alias VARCHAR NOT NULL, material_id VARCHAR NOT NULL, context VARCHAR,
        source VARCHAR NOT NULL);
      CREATE TABLE lists (list_id VARCHAR NOT NULL, edition VARCHAR NOT NULL, jurisdiction VARCHAR NOT NULL,
        grade_scheme VARCHAR, name_en VARCHAR NOT NULL, name_nl VARCHAR NOT NULL, name_fr VARCHAR NOT NULL,
        expected_count INTEGER NOT NULL, status VARCHAR NOT NULL, ${source}, PRIMARY KEY (list_id, edition));
      CREATE TABLE list_membership (list_id VARCHAR NOT NULL, edition VARCHAR NOT NULL, material_id VARCHAR NOT NULL,
        grade VARCHAR, note VARCHAR, ${source});
      CREATE TABLE sr_ei (material_id VARCHAR NOT NULL, edition INTEGER NOT NULL, sr DOUBLE, ei DOUBLE, ${source});
      CREATE TABLE sectors (id VARCHAR PRIMARY KEY, name_en VARCHAR NOT NULL, name_nl VARCHAR NOT NULL,
        name_fr VARCHAR NOT NULL, ${source});
      CREATE TABLE technologies (id VARCHAR PRIMARY KEY, sector_id VARCHAR NOT NULL, name_en VARCHAR NOT NULL,
        name_nl VARCHAR NOT NULL, name_fr VARCHAR NOT NULL, ${source});
      CREATE TABLE technology_materials (technology_id VARCHAR NOT NULL, material_id VARCHAR NOT NULL, ${source});
      CREATE TABLE countries (iso3 VARCHAR PRIMARY KEY, iso2 VARCHAR, m49 VARCHAR, baci_code VARCHAR,
        eurostat_geo VARCHAR, comtrade_code VARCHAR, name_en VARCHAR NOT NULL, name_nl VARCHAR NOT NULL,
        name_fr VARCHAR NOT NULL, eu_from DATE, eu_to DATE, is_country BOOLEAN NOT NULL, ${source});
      CREATE TABLE country_aliases (alias VARCHAR NOT NULL, scheme VARCHAR NOT NULL, iso3 VARCHAR, note VARCHAR,
        source VARCHAR NOT NULL);
      CREATE TABLE be_crm_imports_2023 (material_id VARCHAR NOT NULL, import_value DOUBLE NOT NULL,
        unit VARCHAR NOT NULL, currency VARCHAR NOT NULL, ${source});
      CREATE TABLE be_crm_import_partners_2023 (material_id VARCHAR NOT NULL, partner_iso3 VARCHAR NOT NULL,
        share DOUBLE NOT NULL, rank INTEGER, ${source});
      CREATE TABLE facts (key VARCHAR PRIMARY KEY, value DOUBLE NOT NULL, unit VARCHAR, note VARCHAR, ${source});`,
};

import type { Migration } from './migration.js';

/**
 * USGS Mineral Commodity Summaries data releases (importer `usgs-mcs`). Production rows of the long
 * `MCS20xx_Commodities_Data.csv` go to `production` (migration 103); its other statistics (reserves, capacity,
 * US salient statistics) to `usgs_mcs_statistics`. The salient table (T5/T7), net import reliance (Fig. 2) and
 * end uses (T4) each have a table. Numbers keep their text (`*_text`) and a `flag`: 'W' withheld, 'NA',
 * '>' / '<' bounds, '—' zero, 'E' US net exporter (import reliance).
 */
export const usgsMcs: Migration = {
  version: 104,
  name: 'usgs mcs',
  sql: `
    CREATE TABLE usgs_mcs_statistics (
      dataset_id VARCHAR NOT NULL,
      chapter VARCHAR NOT NULL,
      section VARCHAR NOT NULL,
      commodity VARCHAR NOT NULL,
      material_id VARCHAR,
      country_iso3 VARCHAR,
      country_name VARCHAR NOT NULL,
      is_aggregate BOOLEAN NOT NULL,
      statistic VARCHAR NOT NULL,
      statistic_detail VARCHAR,
      unit VARCHAR,
      year INTEGER NOT NULL,
      value DOUBLE,
      value_text VARCHAR NOT NULL,
      flag VARCHAR,
      notes VARCHAR,
      source_line INTEGER NOT NULL
    );
    CREATE TABLE usgs_mcs_salient (
      dataset_id VARCHAR NOT NULL,
      edition VARCHAR NOT NULL,
      year_label VARCHAR NOT NULL,
      mineral VARCHAR NOT NULL,
      material_id VARCHAR,
      primary_prod DOUBLE,
      primary_prod_text VARCHAR,
      secondary_prod DOUBLE,
      secondary_prod_text VARCHAR,
      prod_notes VARCHAR,
      apparent_consumption DOUBLE,
      apparent_consumption_text VARCHAR,
      consumption_notes VARCHAR,
      net_import_reliance DOUBLE,
      net_import_reliance_text VARCHAR,
      net_import_reliance_flag VARCHAR,
      primary_import_source VARCHAR,
      primary_import_source_iso3 VARCHAR,
      import_source_notes VARCHAR,
      leading_country VARCHAR,
      leading_country_iso3 VARCHAR,
      leading_country_prod DOUBLE,
      leading_country_share DOUBLE,
      world_total_prod DOUBLE,
      world_prod_notes VARCHAR,
      source_line INTEGER NOT NULL
    );
    CREATE TABLE usgs_mcs_nir (
      dataset_id VARCHAR NOT NULL,
      edition VARCHAR NOT NULL,
      import_share_order INTEGER NOT NULL,
      commodity VARCHAR NOT NULL,
      material_id VARCHAR,
      year INTEGER NOT NULL,
      net_import_reliance DOUBLE,
      net_import_reliance_text VARCHAR NOT NULL,
      net_import_reliance_flag VARCHAR,
      major_import_sources VARCHAR,
      notes VARCHAR,
      source_line INTEGER NOT NULL
    );
    CREATE TABLE usgs_mcs_end_uses (
      dataset_id VARCHAR NOT NULL,
      edition VARCHAR NOT NULL,
      mineral VARCHAR NOT NULL,
      material_id VARCHAR,
      primary_applications VARCHAR NOT NULL,
      category_note VARCHAR,
      source_line INTEGER NOT NULL
    );`,
};

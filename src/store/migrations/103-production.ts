import type { Migration } from './migration.js';

/**
 * Production by country (importers `wmd` and `usgs-mcs`), the input of supply concentration (docs/methods.md §0.1).
 * - `commodity` is the source's own name; `material_id` NULL when it maps to no Radar material (e.g. petroleum);
 * - `stage` 'extraction' (mine) or 'processing' (refinery/smelter/primary metal), NULL when unknown;
 * - aggregate rows ("Total", "World total", "Other countries") are kept with `is_aggregate` true and
 *   `country_iso3` NULL: sum countries with `NOT is_aggregate`;
 * - `quantity` in `unit` as published (no conversion); NULL when withheld or not available (`flag` says why);
 * - `flag`: 'E' estimated, 'P' preliminary, 'R' reported (WMD), 'W' withheld, 'NA' not available,
 *   '>' / '<' the value is a bound, '—' zero (USGS).
 * `wmd_hs_map` is the World Mining Data commodity → stage → HS6 map with EoL-RIR (2023, SCRREEN factsheets).
 */
export const production: Migration = {
  version: 103,
  name: 'production and wmd hs map',
  sql: `
    CREATE TABLE production (
      dataset_id VARCHAR NOT NULL,
      source VARCHAR NOT NULL,
      commodity VARCHAR NOT NULL,
      material_id VARCHAR,
      stage VARCHAR CHECK (stage IN ('extraction', 'processing')),
      statistic VARCHAR,
      country_iso3 VARCHAR,
      country_name VARCHAR NOT NULL,
      is_aggregate BOOLEAN NOT NULL,
      year INTEGER NOT NULL,
      quantity DOUBLE,
      unit VARCHAR NOT NULL,
      flag VARCHAR,
      note VARCHAR,
      source_line INTEGER NOT NULL
    );
    CREATE TABLE wmd_hs_map (
      dataset_id VARCHAR NOT NULL,
      commodity VARCHAR NOT NULL,
      material_id VARCHAR,
      category VARCHAR,
      reference_id VARCHAR,
      stage VARCHAR CHECK (stage IN ('extraction', 'processing')),
      symbol VARCHAR,
      hs6 VARCHAR,
      hs_role VARCHAR CHECK (hs_role IN ('main', 'complementary')),
      hs_description VARCHAR,
      eol_rir DOUBLE,
      reference_url VARCHAR,
      source_line INTEGER NOT NULL
    );`,
};

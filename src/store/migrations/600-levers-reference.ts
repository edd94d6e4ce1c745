import type { Migration } from './migration.js';

const source = 'source VARCHAR NOT NULL, locator VARCHAR NOT NULL, source_year INTEGER NOT NULL';

/**
 * Reference tables of the policy levers (loaded from reference/*.csv by store/reference.ts, every row with its source):
 * - export_restrictions: the timeline of export measures, one row per event × material. `stages` is a space-separated
 *   list of 'extraction'/'processing'; `target_iso3` NULL means every destination; `hs6` and `national_codes` are
 *   ';'-separated; `date_precision` says whether `effective` is exact ('day'), only its month ('month') or unknown;
 *   `verified` says where the row was seen ('seed' = the SERV report, 'web' = the public page named in `source`).
 * - by_products: host → companion edges ('main-host', 'host', 'potential') of the by-product graph.
 * - cn_material_map: CN8 / HS6 codes → materials (a code may embed several materials, e.g. Li-ion batteries), with
 *   the value-chain stage ('extraction', 'processing', 'component').
 */
export const leversReference: Migration = {
  version: 600,
  name: 'levers reference tables',
  sql: `
    CREATE TABLE export_restrictions (event_id VARCHAR NOT NULL, country_iso3 VARCHAR NOT NULL,
      material_id VARCHAR NOT NULL, stages VARCHAR NOT NULL,
      measure VARCHAR NOT NULL CHECK (measure IN ('tax', 'quota', 'ban', 'licence')),
      object VARCHAR NOT NULL CHECK (object IN ('goods', 'technology')), target_iso3 VARCHAR,
      announced DATE, effective DATE, date_precision VARCHAR NOT NULL CHECK (date_precision IN ('day', 'month', 'unknown')),
      hs6 VARCHAR, national_codes VARCHAR, note VARCHAR, ${source}, verified VARCHAR NOT NULL);
    CREATE TABLE by_products (host_id VARCHAR NOT NULL, companion_id VARCHAR NOT NULL,
      relation VARCHAR NOT NULL CHECK (relation IN ('main-host', 'host', 'potential')), note VARCHAR, ${source},
      verified VARCHAR NOT NULL);
    CREATE TABLE cn_material_map (classification VARCHAR NOT NULL CHECK (classification IN ('HS6', 'CN8')),
      code VARCHAR NOT NULL, material_id VARCHAR NOT NULL,
      stage VARCHAR NOT NULL CHECK (stage IN ('extraction', 'processing', 'component')), description VARCHAR NOT NULL,
      note VARCHAR, ${source});`,
};

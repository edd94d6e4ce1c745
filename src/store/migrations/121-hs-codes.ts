import type { Migration } from './migration.js';

/**
 * HS code lists by edition (importer `hs`): UN Comtrade classification files (H0…H6, and the "Combined HS" list) and
 * CEPII BACI product_codes files.
 * - `edition` uses the names of `trade_flows.nomenclature`: 'HS92', 'HS96', 'HS02', 'HS07', 'HS12', 'HS17', 'HS22';
 *   'HS' for Comtrade's "Combined HS" list, which merges every edition (a code may mean different goods in two
 *   editions there, so never use it to check one edition);
 * - `code` keeps its leading zeros (BACI writes 10111 for 010111; the importer pads); `level` is its number of
 *   digits (2 chapter, 4 heading, 6 subheading); `parent` is the code one level up (null for chapters);
 * - pseudo-codes of the Comtrade files (ALL, TOTAL, AG2, AG4, AG6, 999999) are not stored.
 */
export const hsCodes: Migration = {
  version: 121,
  name: 'hs codes',
  sql: `
    CREATE TABLE hs_codes (
      dataset_id VARCHAR NOT NULL,
      edition VARCHAR NOT NULL,
      code VARCHAR NOT NULL,
      level INTEGER NOT NULL CHECK (level IN (2, 4, 6)),
      parent VARCHAR,
      description VARCHAR NOT NULL
    );`,
};

import type { Migration } from './migration.js';

/**
 * HS edition correspondences (importer `hs-conversion`): the UNSD "HS2022 to HS2017 Conversion and Correlation
 * Tables" and tables of the same layout for other edition pairs.
 * - `kind` 'correlation': every link between the two editions, with UNSD's `relation` ('1:1', '1:n', 'n:1', 'n:n');
 *   'conversion': UNSD's one-to-one choice per `from_code` (the code of the other edition that best represents it),
 *   `relation` null;
 * - editions are named as in `trade_flows.nomenclature` ('HS22', 'HS17'); codes are HS6 with leading zeros.
 */
export const hsConversion: Migration = {
  version: 123,
  name: 'hs conversion',
  sql: `
    CREATE TABLE hs_conversion (
      dataset_id VARCHAR NOT NULL,
      kind VARCHAR NOT NULL CHECK (kind IN ('conversion', 'correlation')),
      from_edition VARCHAR NOT NULL,
      from_code VARCHAR NOT NULL,
      to_edition VARCHAR NOT NULL,
      to_code VARCHAR NOT NULL,
      relation VARCHAR CHECK (relation IN ('1:1', '1:n', 'n:1', 'n:n'))
    );`,
};

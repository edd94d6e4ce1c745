import type { Migration } from './migration.js';

/**
 * HS6 → BEC Rev.4 (importer `hs-bec`): UNSD HS-to-BEC correlation tables, and the BEC Rev.4 labels.
 * `hs_bec` contract (read by the screens for stage of processing):
 * - one row per HS6 × BEC4 link; an HS6 code with relation 'n:n' has several BEC4 codes, hence possibly several
 *   stages: treat such a code as belonging to each of them, or to none, but never pick one silently;
 * - `hs_edition` as in `trade_flows.nomenclature` ('HS17', 'HS22'); `hs6` with leading zeros; `bec4` as published
 *   ('21', '111', '322');
 * - `stage_of_processing` ∈ {'raw', 'intermediate', 'consumer', 'capital'} or null (BEC 321 motor spirit, 51
 *   passenger cars and 7 goods n.e.s. have no stage). The grouping is the UNCTAD/WITS convention on BEC Rev.4
 *   (raw 111, 21, 31; intermediate 121, 22, 322, 42, 53; consumer 112, 122, 522, 61, 62, 63; capital 41, 521),
 *   written from general knowledge and not checked against a UNCTAD document: assumed (the dataset's params say so).
 * `bec_categories`: BEC Rev.4 codes with their English label, parent and level (1–3).
 */
export const hsBec: Migration = {
  version: 124,
  name: 'hs to bec',
  sql: `
    CREATE TABLE hs_bec (
      dataset_id VARCHAR NOT NULL,
      hs_edition VARCHAR NOT NULL,
      hs6 VARCHAR NOT NULL,
      bec4 VARCHAR NOT NULL,
      relation VARCHAR,
      stage_of_processing VARCHAR CHECK (stage_of_processing IN ('raw', 'intermediate', 'consumer', 'capital'))
    );
    CREATE TABLE bec_categories (
      dataset_id VARCHAR NOT NULL,
      bec4 VARCHAR NOT NULL,
      description VARCHAR NOT NULL,
      parent VARCHAR,
      level INTEGER NOT NULL
    );`,
};

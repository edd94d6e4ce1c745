import type { Migration } from './migration.js';

/**
 * World Bank Worldwide Governance Indicators (importer `wgi`): one row per economy × year × dimension with the
 * estimate (≈ −2.5…+2.5, higher = better governance) and its standard error (kept for the Monte Carlo of §5).
 * `iso3` is NULL for economies without a single ISO3 (e.g. ANT, Netherlands Antilles); `country_code` keeps the
 * World Bank code. Rank and source-count series are not kept.
 */
export const wgi: Migration = {
  version: 102,
  name: 'wgi',
  sql: `
    CREATE TABLE wgi (
      dataset_id VARCHAR NOT NULL,
      iso3 VARCHAR,
      country_code VARCHAR NOT NULL,
      country_name VARCHAR NOT NULL,
      year INTEGER NOT NULL,
      indicator VARCHAR NOT NULL CHECK (indicator IN ('VA', 'PV', 'GE', 'RQ', 'RL', 'CC')),
      estimate DOUBLE,
      std_err DOUBLE
    );`,
};

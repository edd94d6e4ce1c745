import type { Migration } from './migration.js';

export const registry: Migration = {
  version: 1,
  name: 'dataset registry',
  sql: `
      CREATE TABLE datasets (
        id VARCHAR PRIMARY KEY,
        source VARCHAR NOT NULL,          -- source id, e.g. 'reference', 'comext', 'baci'
        title VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,            -- 'reference' | 'import'
        vintage VARCHAR,
        url VARCHAR,
        file VARCHAR,                     -- file name as given (no machine path)
        sha256 VARCHAR NOT NULL,
        licence VARCHAR,
        imported_at TIMESTAMP NOT NULL,
        rows BIGINT NOT NULL,
        trade_concept VARCHAR,            -- 'community' | 'national' for trade datasets
        tables VARCHAR[] NOT NULL,        -- store tables holding this dataset's rows
        params JSON
      );`,
};

import type { Migration } from './migration.js';

/** Saved what-if scenarios (user data): the scenario file as JSON, validated before it is stored. */
export const savedScenarios: Migration = {
  version: 701,
  name: 'saved scenarios',
  sql: `
    CREATE TABLE saved_scenarios (
      id VARCHAR PRIMARY KEY,
      kind VARCHAR NOT NULL,
      title VARCHAR,
      spec JSON NOT NULL,
      sha256 VARCHAR NOT NULL,
      actor VARCHAR NOT NULL,
      created_at TIMESTAMP NOT NULL
    );`,
};

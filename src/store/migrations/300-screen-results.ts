import type { Migration } from './migration.js';

/**
 * Saved screening results (`radar screen … --save NAME`), so that other capabilities can start from a list:
 * `radar shock --from-screen NAME` reads one through `readScreenResult(db, id)` in store/screen-queries.ts.
 * - `screen_results`: one row per saved result; `result_json` is the whole Result (columns, rows, provenance,
 *   method with every parameter and its status, warnings) exactly as `--json` printed it;
 * - `screen_result_products`: its rows, one per reporter × product, with the fields other engines join on.
 */
export const screenResults: Migration = {
  version: 300,
  name: 'saved screening results',
  sql: `
    CREATE TABLE screen_results (
      id VARCHAR PRIMARY KEY,
      preset VARCHAR NOT NULL,
      reporters VARCHAR NOT NULL,
      side VARCHAR NOT NULL,
      level VARCHAR NOT NULL,
      years INTEGER[] NOT NULL,
      datasets VARCHAR[] NOT NULL,
      source VARCHAR,
      currency VARCHAR,
      trade_concept VARCHAR,
      strategic_list VARCHAR,
      products INTEGER NOT NULL,
      dependent INTEGER NOT NULL,
      created_at TIMESTAMP NOT NULL,
      result_json VARCHAR NOT NULL
    );
    CREATE TABLE screen_result_products (
      result_id VARCHAR NOT NULL,
      reporter VARCHAR NOT NULL,
      product VARCHAR NOT NULL,
      dependent BOOLEAN NOT NULL,
      strategic BOOLEAN,
      main_partner VARCHAR,
      value DOUBLE,
      currency VARCHAR
    );`,
};

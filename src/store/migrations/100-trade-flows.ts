import type { Migration } from './migration.js';

/**
 * Bilateral trade from every trade source in one long table (owned by the trade importers: comext, baci, comtrade).
 * Conventions:
 * - one row per reporter × partner × product × flow × period; `reporter`/`partner` are ISO3 where the partner is a
 *   country, else the source's own code (`partner_is_country` false: Comext QP…QZ, Comtrade "World" etc.);
 * - BACI is reconciled and stored once, in the import view: reporter = importer j, partner = exporter i,
 *   flow 'import', valuation 'FOB'. World exports of an exporter are therefore SUM by partner;
 * - `value` is in `currency` units (BACI's thousand USD are multiplied by 1,000 on import);
 * - `product` keeps leading zeros; Comext masked codes (e.g. 39XXXXXX) stay, with `confidential` true;
 * - `nomenclature` is the version: the CN year for CN8 ('2024'), the HS edition for HS6 ('HS17').
 */
export const tradeFlows: Migration = {
  version: 100,
  name: 'trade flows',
  sql: `
    CREATE TABLE trade_flows (
      dataset_id VARCHAR NOT NULL,
      source VARCHAR NOT NULL,
      year INTEGER NOT NULL,
      period VARCHAR NOT NULL,
      reporter VARCHAR NOT NULL,
      partner VARCHAR NOT NULL,
      partner_code VARCHAR NOT NULL,
      partner_is_country BOOLEAN NOT NULL,
      flow VARCHAR NOT NULL CHECK (flow IN ('import', 'export')),
      classification VARCHAR NOT NULL,
      nomenclature VARCHAR,
      product VARCHAR NOT NULL,
      confidential BOOLEAN NOT NULL,
      stat_procedure VARCHAR,
      value DOUBLE NOT NULL,
      currency VARCHAR NOT NULL,
      valuation VARCHAR,
      quantity_kg DOUBLE
    );`,
};

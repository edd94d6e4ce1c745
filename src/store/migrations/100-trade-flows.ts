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
 * - `nomenclature` is the version: the CN year for CN8 ('2024'), the HS edition for HS6 ('HS17'); null when the
 *   file does not say (BACI extracts without the HS revision in their name, the Comtrade pull in comtrade-crm);
 * - `classification` is 'CN8' (Comext), 'HS6' (BACI, Comtrade leaves); Comtrade aggregates keep their level:
 *   'HS2', 'HS4', 'TOTAL' (product 'TOTAL'), so an HS6 screen must filter classification = 'HS6';
 * - `period` is 'YYYY' for annual data (Comext PERIOD YYYY52, Comtrade refMonth 52, BACI) and 'YYYY-MM' for a
 *   month; `year` is its year;
 * - `valuation` is 'CIF' for reported imports and 'FOB' for reported exports (Comext, Comtrade) and 'FOB' for
 *   BACI; `stat_procedure` is Comext's STAT_PROCEDURE (1 normal, 2 inward, 3 outward processing, 9 not recorded);
 * - `trade_type` (migration 120) is Comext's TRADE_TYPE, null elsewhere.
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

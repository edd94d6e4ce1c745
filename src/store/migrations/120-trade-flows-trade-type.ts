import type { Migration } from './migration.js';

/**
 * `trade_flows.trade_type`: Comext's TRADE_TYPE as published (I intra-EU, E extra-EU, L partner XI, M partner XU);
 * null for sources without it (BACI, Comtrade, the Eurostat extract layout). It is part of a Comext row's identity:
 * the same reporter × partner × product × flow × procedure × period can appear once per trade type.
 * Screens decide intra/extra from dated EU membership (countries.eu_from/eu_to), not from this column.
 */
export const tradeFlowsTradeType: Migration = {
  version: 120,
  name: 'trade flows: trade type',
  sql: 'ALTER TABLE trade_flows ADD COLUMN trade_type VARCHAR;',
};

import { insertTradeSql } from '../trade-rows.js';

/**
 * The SQL both Comtrade+ inputs (API JSON, bulk and exported delimited files) share: a relation with the canonical
 * columns below goes into trade_flows, countries resolved through the code table `radar_comtrade_codes`.
 *   reporter_code, partner_code VARCHAR (M49-like numbers), flow_code VARCHAR ('M'/'X'), cmd_code VARCHAR,
 *   ref_year INTEGER, ref_month INTEGER (52 = annual), value DOUBLE (USD), net_wgt DOUBLE (kg),
 *   cl_code VARCHAR (H0…H6 or null).
 */
export const codeTable = 'radar_comtrade_codes';

/** Comtrade classification codes → the HS edition names of trade_flows.nomenclature. */
export const hsEditions: Record<string, string> = {
  H0: 'HS92',
  H1: 'HS96',
  H2: 'HS02',
  H3: 'HS07',
  H4: 'HS12',
  H5: 'HS17',
  H6: 'HS22',
};

/** SQL: HS codes keep an even number of digits; a code written as a number lost its leading zero (25049 → 025049). */
export function cmdSql(c: string): string {
  return `CASE WHEN regexp_full_match(${c}, '[0-9]+') AND length(${c}) % 2 = 1 THEN '0' || ${c} ELSE ${c} END`;
}

export function insertComtradeSql(relation: string): string {
  const editions = Object.entries(hsEditions)
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(' ');
  return insertTradeSql(
    {
      year: 'r.ref_year',
      period: `CASE WHEN r.ref_month = 52 THEN r.ref_year::VARCHAR ELSE r.ref_year::VARCHAR || '-' || lpad(r.ref_month::VARCHAR, 2, '0') END`,
      reporter: 'coalesce(rep.iso3, r.reporter_code)',
      partner: 'coalesce(par.iso3, r.partner_code)',
      partner_code: 'r.partner_code',
      partner_is_country: 'coalesce(par.is_country, false)',
      flow: "CASE r.flow_code WHEN 'M' THEN 'import' ELSE 'export' END",
      classification: `CASE WHEN r.cmd_code = 'TOTAL' THEN 'TOTAL' ELSE 'HS' || length(r.cmd_code) END`,
      nomenclature: `CASE r.cl_code ${editions} END`,
      product: 'r.cmd_code',
      confidential: 'false',
      stat_procedure: 'NULL',
      value: 'r.value',
      currency: "'USD'",
      valuation: "CASE r.flow_code WHEN 'M' THEN 'CIF' ELSE 'FOB' END",
      quantity_kg: 'r.net_wgt',
      trade_type: 'NULL',
    },
    `${relation} r
     LEFT JOIN ${codeTable} rep ON rep.code = r.reporter_code
     LEFT JOIN ${codeTable} par ON par.code = r.partner_code`,
  );
}

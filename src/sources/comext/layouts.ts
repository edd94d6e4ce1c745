import type { CodeScheme } from '../trade-codes.js';
import type { CsvColumn, RowCheck } from '../trade-csv.js';

/**
 * The Comext file layouts Radar reads (docs: ../shared/docs/data-sources.md §1; samples ../shared/data/real/comext,
 * ../shared/data/real/comext-crm-eu27):
 * - `full_v2`: the current bulk files full_v2_YYYYMM.7z / full_v2_YYYY52.7z (annual) → full_YYYYMM.dat;
 * - `2010s`: the intermediate bulk layout (DECLARANT…, VALUE_IN_EUROS, QUANTITY_IN_KG), ISO columns used;
 * - `legacy`: the early .dat layout with numeric declarant/partner codes, values in thousand ECU/EUR and tonnes;
 * - `extract`: DECLARANT_ISO,PARTNER_ISO,PRODUCT_NC,FLOW,PERIOD,VALUE_IN_EUROS — full_v2 rows renamed, annual
 *   PERIOD written as YYYY, no quantity, no statistical procedure (comext-crm-eu27).
 * Values are the statistical value in euro at the reporter's border: imports CIF, exports FOB.
 */
export interface ComextLayout {
  name: string;
  headers: readonly string[];
  columns: CsvColumn[];
  scheme: CodeScheme;
  /** Column names of the reporter and partner codes. */
  reporter: string;
  partner: string;
  /** SQL over the columns. */
  tradeType: string;
  product: string;
  flow: string;
  statProcedure: string;
  period: string;
  valueEur: string;
  quantityKg: string;
  checks: RowCheck[];
  key: string[];
  /** Products other than CN8 (TOTAL, chapters) are skipped, with a warning; only the legacy layout has them. */
  aggregates?: string;
}

const col = (header: string, type: CsvColumn['type'], expected: string): CsvColumn => ({
  header,
  name: header,
  type,
  expected,
});
const geo = (header: string) => col(header, 'VARCHAR', 'a Comext GEONOM code such as CN');
const free = (header: string) => col(header, 'VARCHAR', 'text');
const flowCol = col('FLOW', 'INTEGER', '1 (import) or 2 (export)');
const periodCol = col('PERIOD', 'INTEGER', 'a period YYYYMM, YYYY52 (annual) or YYYY');
const amount = (header: string, unit: string) => col(header, 'DOUBLE', `a number (${unit})`);

const cn8 = 'a CN8 code of 8 characters (digits, or X where Eurostat masks a confidential code)';
const badCn8 = (c: string) => `(${c} IS NULL OR NOT regexp_full_match(${c}, '[0-9]{2}[0-9X]{6}'))`;
/** NaN >= 0 is false, so one comparison rejects negatives and NaN (5 M rows a month: cheap checks matter). */
const badAmount = (c: string, required: boolean) =>
  `(${required ? `${c} IS NULL OR ` : ''}NOT ${c} >= 0 OR isinf(${c}))`;
/** PERIOD as an integer: YYYYMM with a month or 52 (annual total), or YYYY. */
const badPeriod = `(PERIOD IS NULL OR NOT (PERIOD BETWEEN 1988 AND 2100 OR (PERIOD // 100 BETWEEN 1988 AND 2100 AND
  (PERIOD % 100 BETWEEN 1 AND 12 OR PERIOD % 100 = 52))))`;
const checkPeriod = { column: 'PERIOD', bad: badPeriod, expected: 'a period YYYYMM, YYYY52 (annual) or YYYY' };
const checkFlow = { column: 'FLOW', bad: '(FLOW IS NULL OR FLOW NOT IN (1, 2))', expected: '1 (import) or 2 (export)' };
const required = (c: string, expected: string) => ({ column: c, bad: `${c} IS NULL`, expected });

const fullV2: ComextLayout = {
  name: 'full_v2',
  headers: [
    'REPORTER',
    'PARTNER',
    'TRADE_TYPE',
    'PRODUCT_NC',
    'PRODUCT_SITC',
    'PRODUCT_CPA21',
    'PRODUCT_CPA22',
    'PRODUCT_BEC',
    'PRODUCT_BEC5',
    'PRODUCT_SECTION',
    'FLOW',
    'STAT_PROCEDURE',
    'SUPPL_UNIT',
    'PERIOD',
    'VALUE_EUR',
    'VALUE_NAC',
    'QUANTITY_KG',
    'QUANTITY_SUPPL_UNIT',
  ],
  columns: [
    geo('REPORTER'),
    geo('PARTNER'),
    col('TRADE_TYPE', 'VARCHAR', 'I, E, L or M'),
    col('PRODUCT_NC', 'VARCHAR', cn8),
    ...['PRODUCT_SITC', 'PRODUCT_CPA21', 'PRODUCT_CPA22', 'PRODUCT_BEC', 'PRODUCT_BEC5', 'PRODUCT_SECTION'].map(free),
    flowCol,
    col('STAT_PROCEDURE', 'INTEGER', 'a statistical procedure code (1, 2, 3 or 9)'),
    free('SUPPL_UNIT'),
    periodCol,
    amount('VALUE_EUR', 'euro'),
    amount('VALUE_NAC', 'national currency'),
    amount('QUANTITY_KG', 'kg'),
    amount('QUANTITY_SUPPL_UNIT', 'supplementary unit'),
  ],
  scheme: 'eurostat_geo',
  reporter: 'REPORTER',
  partner: 'PARTNER',
  tradeType: 'TRADE_TYPE',
  product: 'PRODUCT_NC',
  flow: 'FLOW',
  statProcedure: 'STAT_PROCEDURE::VARCHAR',
  period: 'PERIOD',
  valueEur: 'VALUE_EUR',
  quantityKg: 'QUANTITY_KG',
  checks: [
    required('REPORTER', 'a Comext GEONOM code such as BE'),
    required('PARTNER', 'a Comext GEONOM code such as CN'),
    {
      column: 'TRADE_TYPE',
      bad: "(TRADE_TYPE IS NULL OR TRADE_TYPE NOT IN ('I', 'E', 'L', 'M'))",
      expected: 'I, E, L or M',
    },
    { column: 'PRODUCT_NC', bad: badCn8('PRODUCT_NC'), expected: cn8 },
    checkFlow,
    required('STAT_PROCEDURE', 'a statistical procedure code (1, 2, 3 or 9)'),
    checkPeriod,
    { column: 'VALUE_EUR', bad: badAmount('VALUE_EUR', true), expected: 'a non-negative number (euro)' },
    { column: 'QUANTITY_KG', bad: badAmount('QUANTITY_KG', false), expected: 'a non-negative number (kg) or nothing' },
  ],
  // The product columns beyond CN8 keep masked (confidential) rows apart: 39XXXXXX can occur once per SITC group.
  key: [
    'REPORTER',
    'PARTNER',
    'TRADE_TYPE',
    'PRODUCT_NC',
    'PRODUCT_SITC',
    'PRODUCT_CPA21',
    'PRODUCT_CPA22',
    'PRODUCT_BEC',
    'PRODUCT_BEC5',
    'FLOW',
    'STAT_PROCEDURE',
    'PERIOD',
  ],
};

const extract: ComextLayout = {
  name: 'extract',
  headers: ['DECLARANT_ISO', 'PARTNER_ISO', 'PRODUCT_NC', 'FLOW', 'PERIOD', 'VALUE_IN_EUROS'],
  columns: [
    geo('DECLARANT_ISO'),
    geo('PARTNER_ISO'),
    col('PRODUCT_NC', 'VARCHAR', cn8),
    flowCol,
    periodCol,
    amount('VALUE_IN_EUROS', 'euro'),
  ],
  scheme: 'eurostat_geo',
  reporter: 'DECLARANT_ISO',
  partner: 'PARTNER_ISO',
  tradeType: 'NULL',
  product: 'PRODUCT_NC',
  flow: 'FLOW',
  statProcedure: 'NULL',
  period: 'PERIOD',
  valueEur: 'VALUE_IN_EUROS',
  quantityKg: 'NULL::DOUBLE',
  checks: [
    required('DECLARANT_ISO', 'a Comext GEONOM code such as BE'),
    required('PARTNER_ISO', 'a Comext GEONOM code such as CN'),
    { column: 'PRODUCT_NC', bad: badCn8('PRODUCT_NC'), expected: cn8 },
    checkFlow,
    checkPeriod,
    { column: 'VALUE_IN_EUROS', bad: badAmount('VALUE_IN_EUROS', true), expected: 'a non-negative number (euro)' },
  ],
  key: ['DECLARANT_ISO', 'PARTNER_ISO', 'PRODUCT_NC', 'FLOW', 'PERIOD'],
};

const intermediate: ComextLayout = {
  name: '2010s',
  headers: [
    'DECLARANT',
    'DECLARANT_ISO',
    'PARTNER',
    'PARTNER_ISO',
    'TRADE_TYPE',
    'PRODUCT_NC',
    'PRODUCT_SITC',
    'PRODUCT_CPA2002',
    'PRODUCT_CPA2008',
    'PRODUCT_CPA2_1',
    'PRODUCT_BEC',
    'PRODUCT_SECTION',
    'FLOW',
    'STAT_REGIME',
    'SUPP_UNIT',
    'PERIOD',
    'VALUE_IN_EUROS',
    'QUANTITY_IN_KG',
    'SUP_QUANTITY',
  ],
  columns: [
    free('DECLARANT'),
    geo('DECLARANT_ISO'),
    free('PARTNER'),
    geo('PARTNER_ISO'),
    col('TRADE_TYPE', 'VARCHAR', 'I or E'),
    col('PRODUCT_NC', 'VARCHAR', cn8),
    ...['PRODUCT_SITC', 'PRODUCT_CPA2002', 'PRODUCT_CPA2008', 'PRODUCT_CPA2_1', 'PRODUCT_BEC', 'PRODUCT_SECTION'].map(
      free,
    ),
    flowCol,
    col('STAT_REGIME', 'INTEGER', 'a statistical regime code (a digit)'),
    free('SUPP_UNIT'),
    periodCol,
    amount('VALUE_IN_EUROS', 'euro'),
    amount('QUANTITY_IN_KG', 'kg'),
    amount('SUP_QUANTITY', 'supplementary unit'),
  ],
  scheme: 'eurostat_geo',
  reporter: 'DECLARANT_ISO',
  partner: 'PARTNER_ISO',
  tradeType: 'TRADE_TYPE',
  product: 'PRODUCT_NC',
  flow: 'FLOW',
  statProcedure: 'STAT_REGIME::VARCHAR',
  period: 'PERIOD',
  valueEur: 'VALUE_IN_EUROS',
  quantityKg: 'QUANTITY_IN_KG',
  checks: [
    required('DECLARANT_ISO', 'a Comext GEONOM code such as BE'),
    required('PARTNER_ISO', 'a Comext GEONOM code such as CN'),
    { column: 'PRODUCT_NC', bad: badCn8('PRODUCT_NC'), expected: cn8 },
    checkFlow,
    checkPeriod,
    { column: 'VALUE_IN_EUROS', bad: badAmount('VALUE_IN_EUROS', true), expected: 'a non-negative number (euro)' },
    { column: 'QUANTITY_IN_KG', bad: badAmount('QUANTITY_IN_KG', false), expected: 'a non-negative number or nothing' },
  ],
  key: ['DECLARANT_ISO', 'PARTNER_ISO', 'TRADE_TYPE', 'PRODUCT_NC', 'PRODUCT_SITC', 'FLOW', 'STAT_REGIME', 'PERIOD'],
};

const legacy: ComextLayout = {
  name: 'legacy',
  headers: [
    'DECLARANT',
    'PARTNER',
    'PRODUCT_NC',
    'FLOW',
    'STAT_REGIME',
    'PERIOD',
    'VALUE_1000ECU',
    'QUANTITY_TON',
    'SUP_QUANTITY',
  ],
  columns: [
    col('DECLARANT', 'VARCHAR', 'a numeric Comext declarant code such as 001'),
    col('PARTNER', 'VARCHAR', 'a numeric Comext partner code such as 0003'),
    col('PRODUCT_NC', 'VARCHAR', 'a CN8 code, a chapter or TOTAL'),
    flowCol,
    col('STAT_REGIME', 'INTEGER', 'a statistical regime code (a digit)'),
    periodCol,
    amount('VALUE_1000ECU', 'thousand ECU/euro'),
    amount('QUANTITY_TON', 'tonnes'),
    amount('SUP_QUANTITY', 'supplementary unit'),
  ],
  scheme: 'comext_numeric',
  reporter: 'DECLARANT',
  partner: 'PARTNER',
  tradeType: 'NULL',
  product: 'PRODUCT_NC',
  flow: 'FLOW',
  // The old README gives regime 4 as "normal", which is STAT_PROCEDURE 1 today; other regimes are not mapped.
  statProcedure: "CASE STAT_REGIME WHEN 4 THEN '1' END",
  period: 'PERIOD',
  valueEur: 'round(VALUE_1000ECU * 1000, 3)',
  quantityKg: 'round(QUANTITY_TON * 1000, 3)',
  checks: [
    {
      column: 'DECLARANT',
      bad: "(DECLARANT IS NULL OR NOT regexp_full_match(DECLARANT, '[0-9]{1,4}'))",
      expected: 'a numeric code',
    },
    {
      column: 'PARTNER',
      bad: "(PARTNER IS NULL OR NOT regexp_full_match(PARTNER, '[0-9]{1,4}'))",
      expected: 'a numeric code',
    },
    required('PRODUCT_NC', 'a CN8 code, a chapter or TOTAL'),
    checkFlow,
    checkPeriod,
    { column: 'VALUE_1000ECU', bad: badAmount('VALUE_1000ECU', true), expected: 'a non-negative number (thousand)' },
    { column: 'QUANTITY_TON', bad: badAmount('QUANTITY_TON', false), expected: 'a non-negative number or nothing' },
  ],
  key: ['DECLARANT', 'PARTNER', 'PRODUCT_NC', 'FLOW', 'STAT_REGIME', 'PERIOD'],
  aggregates: "NOT regexp_full_match(PRODUCT_NC, '[0-9]{8}')",
};

export const layouts: ComextLayout[] = [fullV2, intermediate, legacy, extract];

/**
 * Numeric Comext declarant codes of the legacy layout (EU members, and 2 for Belgium-Luxembourg before 1999).
 * Written from general knowledge of the old Eurostat country nomenclature, not from a file in the samples:
 * assumed. Partner codes use the same numbers (0003 = 3 = Netherlands); codes outside this list must come from
 * reference/country-aliases.csv (scheme comext_numeric) or the import stops naming them.
 */
export const legacyDeclarants: { code: string; iso3: string | null }[] = [
  ['1', 'FRA'],
  ['2', null],
  ['3', 'NLD'],
  ['4', 'DEU'],
  ['5', 'ITA'],
  ['6', 'GBR'],
  ['7', 'IRL'],
  ['8', 'DNK'],
  ['9', 'GRC'],
  ['10', 'PRT'],
  ['11', 'ESP'],
  ['17', 'BEL'],
  ['18', 'LUX'],
  ['30', 'SWE'],
  ['32', 'FIN'],
  ['38', 'AUT'],
  ['46', 'MLT'],
  ['53', 'EST'],
  ['54', 'LVA'],
  ['55', 'LTU'],
  ['60', 'POL'],
  ['61', 'CZE'],
  ['63', 'SVK'],
  ['64', 'HUN'],
  ['66', 'ROU'],
  ['68', 'BGR'],
  ['91', 'SVN'],
  ['92', 'HRV'],
  ['600', 'CYP'],
].map(([code, iso3]) => ({ code: code as string, iso3 }));

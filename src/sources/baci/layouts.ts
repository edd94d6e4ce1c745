import type { CodeScheme } from '../trade-codes.js';
import type { CsvColumn, RowCheck } from '../trade-csv.js';

/**
 * The BACI file layouts Radar reads (docs: ../shared/docs/data-sources.md §2; samples ../shared/data/real/baci,
 * ../shared/data/real/baci-crm):
 * - `BACI`: CEPII's own year file `BACI_HS17_Y2022_V202501.csv`, header t,i,j,k,v,q. i exporter and j importer are
 *   CEPII numeric codes (≈ UN M49), k the HS6 code written as a number (leading zero lost: 10111 = 010111), v in
 *   thousand USD, q in tonnes, right-aligned with spaces and `NA` when missing;
 * - `BACI (pandas index)`: the same rows written back by pandas, with an unnamed index column first;
 * - `BACI ISO3 with names`: year,exporter,exporter_name,importer,importer_name,hs6,material,value_kusd,qty_t — a
 *   conversion of BACI HS17 V202601 with ISO3 codes (value thousand USD, quantity tonnes, empty when missing);
 * - `BACI ISO3 in USD`: i,j,cmd,value — ISO3 codes and the value in USD (BACI v × 1000); the year is only in the
 *   file name (baci_2022.csv).
 * Every layout lands in the same rows: the importer's view (reporter = importer, partner = exporter), USD, kg.
 */
export interface BaciLayout {
  name: string;
  headers: readonly string[];
  columns: CsvColumn[];
  scheme: CodeScheme;
  /** SQL over the columns: year, value in USD, quantity in kg; exporter, importer and product are column names. */
  year: string;
  exporter: string;
  importer: string;
  product: string;
  valueUsd: string;
  quantityKg: string;
  checks: RowCheck[];
  /** Columns that identify a row. */
  key: string[];
  /** The year comes from the file name, not from a column. */
  yearFromName?: boolean;
}

const year = (header: string, name = header): CsvColumn => ({ header, name, type: 'INTEGER', expected: 'a year' });
const text = (header: string, expected: string, name = header): CsvColumn => ({
  header,
  name,
  type: 'VARCHAR',
  expected,
});
const number = (header: string, expected: string, name = header): CsvColumn => ({
  header,
  name,
  type: 'DOUBLE',
  expected,
});

const integer = (header: string, expected: string, name = header): CsvColumn => ({
  header,
  name,
  type: 'INTEGER',
  expected,
});

const numericCode = 'a CEPII country code (a number such as 56 or 842)';
const iso3Code = 'an ISO3 country code such as BEL';
const hs6 = 'an HS6 code of 5 or 6 digits (BACI drops the leading zero)';

/** SQL: a non-negative, finite number. */
const badAmount = (c: string) => `(${c} IS NULL OR NOT ${c} >= 0 OR isinf(${c}))`; // NaN >= 0 is false
const badQuantity = (c: string) => `(${c} IS NOT NULL AND (NOT ${c} >= 0 OR isinf(${c})))`;
const badYear = (c: string) => `(${c} IS NULL OR ${c} < 1988 OR ${c} > 2100)`;
/** HS6 read as an integer (BACI writes 10111 for 010111): 5 or 6 digits. Integer checks, not regexes: 10 M rows. */
const badHs = (c: string) => `(${c} IS NULL OR ${c} < 10000 OR ${c} > 999999)`;
/** BACI's q: spaces, then a number or NA (TRY_CAST skips the spaces; NA becomes null). */
const baciQ = 'TRY_CAST(q AS DOUBLE)';

const baciColumns: CsvColumn[] = [
  year('t'),
  integer('i', numericCode),
  integer('j', numericCode),
  integer('k', hs6),
  number('v', 'a number (value in thousand USD)'),
  text('q', 'a number (quantity in tonnes) or NA'),
];

const baciRest = {
  scheme: 'baci' as const,
  year: 't',
  exporter: 'i',
  importer: 'j',
  product: 'k',
  valueUsd: 'round(v * 1000, 3)',
  quantityKg: `round(${baciQ} * 1000, 3)`,
  checks: [
    { column: 't', bad: badYear('t'), expected: 'a year between 1988 and 2100' },
    { column: 'i', bad: '(i IS NULL OR i < 0)', expected: numericCode },
    { column: 'j', bad: '(j IS NULL OR j < 0)', expected: numericCode },
    { column: 'k', bad: badHs('k'), expected: hs6 },
    { column: 'v', bad: badAmount('v'), expected: 'a non-negative number (value in thousand USD)' },
    {
      column: 'q',
      // One cast per row (10 M rows): TRY_CAST accepts the padding spaces; NA and blanks are "missing".
      bad: `(q IS NOT NULL AND NOT coalesce(TRY_CAST(q AS DOUBLE) >= 0, trim(q) IN ('', 'NA')))`,
      expected: 'a non-negative number (quantity in tonnes) or NA',
    },
  ],
  key: ['t', 'i', 'j', 'k'],
};

export const tradeLayouts: BaciLayout[] = [
  { name: 'BACI', headers: ['t', 'i', 'j', 'k', 'v', 'q'], columns: baciColumns, ...baciRest },
  {
    name: 'BACI (pandas index)',
    headers: ['', 't', 'i', 'j', 'k', 'v', 'q'],
    columns: [text('', 'a row number', 'row_index'), ...baciColumns],
    ...baciRest,
  },
  {
    name: 'BACI ISO3 with names',
    headers: [
      'year',
      'exporter',
      'exporter_name',
      'importer',
      'importer_name',
      'hs6',
      'material',
      'value_kusd',
      'qty_t',
    ],
    columns: [
      year('year'),
      text('exporter', iso3Code),
      text('exporter_name', 'a country name'),
      text('importer', iso3Code),
      text('importer_name', 'a country name'),
      integer('hs6', hs6),
      text('material', 'a label'),
      number('value_kusd', 'a number (value in thousand USD)'),
      number('qty_t', 'a number (quantity in tonnes) or nothing'),
    ],
    scheme: 'iso3',
    year: 'year',
    exporter: 'exporter',
    importer: 'importer',
    product: 'hs6',
    valueUsd: 'round(value_kusd * 1000, 3)',
    quantityKg: 'round(qty_t * 1000, 3)',
    checks: [
      { column: 'year', bad: badYear('year'), expected: 'a year between 1988 and 2100' },
      { column: 'exporter', bad: 'exporter IS NULL', expected: iso3Code },
      { column: 'importer', bad: 'importer IS NULL', expected: iso3Code },
      { column: 'hs6', bad: badHs('hs6'), expected: hs6 },
      { column: 'value_kusd', bad: badAmount('value_kusd'), expected: 'a non-negative number (thousand USD)' },
      { column: 'qty_t', bad: badQuantity('qty_t'), expected: 'a non-negative number (tonnes) or nothing' },
    ],
    key: ['year', 'exporter', 'importer', 'hs6'],
  },
  {
    name: 'BACI ISO3 in USD',
    headers: ['i', 'j', 'cmd', 'value'],
    columns: [
      text('i', iso3Code),
      text('j', iso3Code),
      integer('cmd', hs6),
      number('value', 'a number (value in USD)'),
    ],
    scheme: 'iso3',
    year: '$year',
    exporter: 'i',
    importer: 'j',
    product: 'cmd',
    valueUsd: 'round(value, 3)',
    quantityKg: 'NULL::DOUBLE',
    checks: [
      { column: 'i', bad: 'i IS NULL', expected: iso3Code },
      { column: 'j', bad: 'j IS NULL', expected: iso3Code },
      { column: 'cmd', bad: badHs('cmd'), expected: hs6 },
      { column: 'value', bad: badAmount('value'), expected: 'a non-negative number (USD)' },
    ],
    key: ['i', 'j', 'cmd'],
    yearFromName: true,
  },
];

/** BACI country-code files: V202501 and later, and V202301 (whose header differs). */
export const countryLayouts = [
  { name: 'country codes V202501', headers: ['country_code', 'country_name', 'country_iso2', 'country_iso3'], iso3: 3 },
  {
    name: 'country codes V202301',
    headers: ['country_code', 'country_name_abbreviation', 'country_name_full', 'iso_2digit_alpha', 'iso_3digit_alpha'],
    iso3: 4,
  },
] as const;

/**
 * BACI ISO3 codes that are not ISO 3166 alpha-3, with the CEPII numeric code they stand for; the numeric code then
 * resolves through the reference's `baci` aliases (S19 = 490 "Other Asia, nes" = Taiwan there).
 * Source: ../shared/data/real/baci/country_codes_V202501.csv.
 */
export const baciIso3Numeric: Record<string, string> = {
  S19: '490',
  R20: '697',
  ZA1: '711',
  CSK: '200',
  DDR: '278',
  ANT: '530',
  SUN: '810',
  PUS: '849',
  SCG: '891',
};

/** What a BACI file name says: HS revision, release, year (BACI_HS17_Y2022_V202501.csv, baci_2022.csv). */
export function readFileName(name: string): { nomenclature?: string; release?: string; year?: number } {
  const hs = /(?:^|_)(HS\d\d)(?:_|\.|$)/i.exec(name)?.[1]?.toUpperCase();
  const release = /(?:^|_)(V\d{6}[a-z]?)(?:_|\.|$)/i.exec(name)?.[1];
  const y = /(?:^|_)Y?((?:19|20)\d\d)(?:_|\.|$)/i.exec(name)?.[1];
  return { nomenclature: hs, release, year: y ? Number(y) : undefined };
}

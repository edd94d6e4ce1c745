import type { Migration } from './migration.js';

/**
 * CN8 year-to-year links (importer `cn-concordance`): Eurostat's CN concordance, one row per link from a code of
 * `from_year` to a code of `to_year` (to_year = from_year + 1). Contract for screens that chain CN8 over years:
 * - only codes that change are listed; a CN8 code absent from a year pair continues unchanged into the next year;
 * - `relation` describes the link from the sizes of its two ends within the year pair: '1:1' (renamed), '1:n' (the
 *   origin splits: it has several destinations, each with this one origin), 'n:1' (several origins merge into the
 *   destination), 'n:n' (both ends have several partners). A value split over a '1:n' or 'n:n' link needs weights
 *   (trade shares); the table holds none;
 * - codes keep their leading zeros (8 characters).
 */
export const cnConcordance: Migration = {
  version: 122,
  name: 'cn concordance',
  sql: `
    CREATE TABLE cn_concordance (
      dataset_id VARCHAR NOT NULL,
      from_year INTEGER NOT NULL,
      to_year INTEGER NOT NULL,
      origin_code VARCHAR NOT NULL,
      destination_code VARCHAR NOT NULL,
      relation VARCHAR NOT NULL CHECK (relation IN ('1:1', '1:n', 'n:1', 'n:n'))
    );`,
};

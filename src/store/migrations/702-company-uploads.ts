import type { Migration } from './migration.js';

/**
 * Company purchase files uploaded for a CRMA Art. 24 risk assessment (user data). A file is stored only when every
 * row is valid, in one transaction with its rows; `line` is the row's line (CSV) or row number (XLSX) in the file.
 */
export const companyUploads: Migration = {
  version: 702,
  name: 'company uploads',
  sql: `
    CREATE TABLE company_uploads (
      id VARCHAR PRIMARY KEY,
      file_name VARCHAR NOT NULL,
      sha256 VARCHAR NOT NULL,
      row_count INTEGER NOT NULL,
      actor VARCHAR NOT NULL,
      uploaded_at TIMESTAMP NOT NULL
    );
    CREATE TABLE company_purchases (
      upload_id VARCHAR NOT NULL,
      line INTEGER NOT NULL,
      code VARCHAR NOT NULL,
      origin_iso3 VARCHAR NOT NULL,
      value_eur DOUBLE,
      quantity_kg DOUBLE,
      description VARCHAR
    );`,
};

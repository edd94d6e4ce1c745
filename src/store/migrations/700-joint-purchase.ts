import type { Migration } from './migration.js';

/**
 * Joint purchasing (CRMA Art. 25): demand registrations and their audit trail (user data).
 * Every change to jp_registrations is written in the same transaction as its jp_audit row, so a failed
 * registration leaves neither. `before_json`/`after_json` hold the registration as JSON; `actor` is who asked (CLI user or
 * API token holder), `request_id` ties a batch together.
 */
export const jointPurchase: Migration = {
  version: 700,
  name: 'joint purchase registrations',
  sql: `
    CREATE SEQUENCE jp_registration_id START 1;
    CREATE SEQUENCE jp_audit_seq START 1;
    CREATE TABLE jp_registrations (
      id BIGINT PRIMARY KEY,
      buyer VARCHAR NOT NULL CHECK (length(trim(buyer)) > 0),
      country_iso3 VARCHAR NOT NULL,
      material_id VARCHAR NOT NULL,
      stage VARCHAR NOT NULL CHECK (stage IN ('extraction', 'processing')),
      quantity_t DOUBLE NOT NULL CHECK (quantity_t > 0),
      period VARCHAR NOT NULL,
      sme BOOLEAN NOT NULL,
      status VARCHAR NOT NULL CHECK (status IN ('active', 'withdrawn')),
      created_at TIMESTAMP NOT NULL,
      updated_at TIMESTAMP NOT NULL
    );
    CREATE TABLE jp_audit (
      seq BIGINT PRIMARY KEY,
      registration_id BIGINT NOT NULL,
      action VARCHAR NOT NULL CHECK (action IN ('register', 'withdraw')),
      actor VARCHAR NOT NULL,
      request_id VARCHAR NOT NULL,
      happened_at TIMESTAMP NOT NULL,
      before_json JSON,
      after_json JSON
    );`,
};

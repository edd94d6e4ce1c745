import type { Migration } from './migration.js';

/**
 * IEA Critical Minerals Data Explorer (importer `iea-cm`), stored long: one row per published cell.
 * Conventions:
 * - `scenario` is 'STEPS', 'APS' or 'NZE' for projections; the base year's observed column (2023 in the May 2024
 *   edition) is stored once, with scenario 'historical', and joins every scenario;
 * - `row_kind` says how the published rows add up: in each sheet block the 'part' rows sum to the 'subtotal' or
 *   'total' row (sheet 1: technologies → clean-tech subtotal; clean-tech + other uses → total demand);
 * - `mineral` is the IEA mineral as a key ('lithium', 'graphite' = all grades, 'battery-grade-graphite',
 *   'magnet-ree' = Nd+Pr+Dy+Tb); `material_id` is set only where the IEA mineral is exactly a Radar material;
 * - `cell` is the workbook cell the value was read from (provenance); values are kilotonnes as published (kt).
 */
export const ieaCm: Migration = {
  version: 500,
  name: 'iea critical minerals',
  sql: `
    CREATE TABLE iea_cm_demand (
      dataset_id VARCHAR NOT NULL,
      sheet VARCHAR NOT NULL,
      cell VARCHAR NOT NULL,
      table_kind VARCHAR NOT NULL CHECK (table_kind IN ('total-demand', 'clean-tech-by-technology',
        'clean-tech-by-mineral', 'technology-cases')),
      case_name VARCHAR NOT NULL,
      mineral VARCHAR NOT NULL,
      mineral_label VARCHAR NOT NULL,
      material_id VARCHAR,
      technology VARCHAR NOT NULL,
      technology_label VARCHAR NOT NULL,
      row_kind VARCHAR NOT NULL CHECK (row_kind IN ('part', 'subtotal', 'total')),
      scenario VARCHAR NOT NULL CHECK (scenario IN ('historical', 'STEPS', 'APS', 'NZE')),
      year INTEGER NOT NULL,
      value DOUBLE NOT NULL,
      unit VARCHAR NOT NULL
    );
    CREATE TABLE iea_cm_supply (
      dataset_id VARCHAR NOT NULL,
      sheet VARCHAR NOT NULL,
      cell VARCHAR NOT NULL,
      mineral VARCHAR NOT NULL,
      mineral_label VARCHAR NOT NULL,
      material_id VARCHAR,
      stage VARCHAR NOT NULL CHECK (stage IN ('mining', 'refining')),
      stage_label VARCHAR NOT NULL,
      country_label VARCHAR NOT NULL,
      country_iso3 VARCHAR,
      row_kind VARCHAR NOT NULL CHECK (row_kind IN ('part', 'total')),
      year INTEGER NOT NULL,
      value DOUBLE NOT NULL,
      unit VARCHAR NOT NULL
    );`,
};

import type { Migration } from './migration.js';

/**
 * Input–output tables from every IO source (oecd-iot, oecd-icio, figaro), in long form (owned by the IO importers).
 * Conventions:
 * - one dataset may hold several tables (e.g. ICIO years); `table_id` names each, e.g. 'BEL2020', 'ICIO2023_2019';
 * - `io_cells` keeps the file's own labels and only non-zero cells (tables are sparse; a missing cell is 0);
 * - `io_labels` says what each row and column label is: `kind` ∈ industry (intermediate rows/columns), final_demand,
 *   value_added, tax (taxes less subsidies on products), imports (the negative IMPO column), output, total,
 *   adjustment (FIGARO purchases of residents abroad etc.); `sector` aligns industry rows with industry columns
 *   (OECD row 'TTL_24B' and column 'D24B' are both sector '24B'); `region` is the ISO3 or source region code;
 *   `origin` says whether an industry row is total use ('total'), domestic output ('domestic') or imports
 *   ('imported') — the OECD domestic/imported use split;
 * - values are in `io_tables.unit` (OECD: 'USD million'; FIGARO: 'EUR million'), basic prices.
 */
export const ioTables: Migration = {
  version: 400,
  name: 'input-output tables',
  sql: `
    CREATE TABLE io_tables (
      dataset_id VARCHAR NOT NULL,
      table_id VARCHAR NOT NULL,
      source VARCHAR NOT NULL,
      layout VARCHAR NOT NULL CHECK (layout IN ('national', 'multi-regional')),
      country VARCHAR,
      year INTEGER,
      edition VARCHAR,
      unit VARCHAR NOT NULL,
      valuation VARCHAR,
      classification VARCHAR,
      n_industries INTEGER NOT NULL,
      n_regions INTEGER NOT NULL,
      import_split BOOLEAN NOT NULL
    );
    CREATE TABLE io_labels (
      dataset_id VARCHAR NOT NULL,
      table_id VARCHAR NOT NULL,
      axis VARCHAR NOT NULL CHECK (axis IN ('row', 'col')),
      label VARCHAR NOT NULL,
      position INTEGER NOT NULL,
      kind VARCHAR NOT NULL CHECK (kind IN ('industry', 'final_demand', 'value_added', 'tax', 'imports', 'output',
        'total', 'adjustment')),
      origin VARCHAR CHECK (origin IN ('total', 'domestic', 'imported')),
      region VARCHAR,
      sector VARCHAR
    );
    CREATE TABLE io_cells (
      dataset_id VARCHAR NOT NULL,
      table_id VARCHAR NOT NULL,
      row_label VARCHAR NOT NULL,
      col_label VARCHAR NOT NULL,
      value DOUBLE NOT NULL
    );`,
};

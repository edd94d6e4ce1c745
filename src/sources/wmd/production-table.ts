import type { TableSpec } from '../eu-crm-study/write-rows.js';

/** A row of the shared `production` table (migration 103), written by the wmd and usgs-mcs importers. */
export interface ProductionRow extends Record<string, unknown> {
  dataset_id: string;
  source: 'wmd' | 'usgs-mcs';
  commodity: string;
  material_id: string | null;
  stage: 'extraction' | 'processing' | null;
  statistic: string | null;
  country_iso3: string | null;
  country_name: string;
  is_aggregate: boolean;
  year: number;
  quantity: number | null;
  unit: string;
  flag: string | null;
  note: string | null;
  source_line: number;
}

export const productionSpec: TableSpec<ProductionRow> = {
  table: 'production',
  columns: [
    ['dataset_id', 'varchar'],
    ['source', 'varchar'],
    ['commodity', 'varchar'],
    ['material_id', 'varchar'],
    ['stage', 'varchar'],
    ['statistic', 'varchar'],
    ['country_iso3', 'varchar'],
    ['country_name', 'varchar'],
    ['is_aggregate', 'boolean'],
    ['year', 'integer'],
    ['quantity', 'double'],
    ['unit', 'varchar'],
    ['flag', 'varchar'],
    ['note', 'varchar'],
    ['source_line', 'integer'],
  ],
};

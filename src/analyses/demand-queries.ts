import { listValue } from '@duckdb/node-api';
import { UsageError, UserError } from '../domain/errors.js';
import { mineralSynonyms, normaliseLabel, type Scenario } from '../sources/iea-cm/labels.js';
import type { Db } from '../store/db.js';
import { findMaterialIds } from '../store/reference-queries.js';

/** Typed reads of the IEA Critical Minerals tables (migration 500). SQL stays here; the demand analyses compose. */

export interface IeaDataset {
  id: string;
  vintage: string | null;
}

/** The iea-cm dataset to use: the one named, else the latest imported. */
export async function readIeaDataset(db: Db, id?: string): Promise<IeaDataset> {
  const rows = await db.all<IeaDataset>(
    `SELECT id, vintage FROM datasets WHERE source = 'iea-cm' ORDER BY vintage DESC NULLS LAST, imported_at DESC`,
  );
  if (rows.length === 0) {
    throw new UserError(
      'no IEA Critical Minerals data in the store',
      'Import the Data Explorer workbook first: radar import iea-cm CM_Data_Explorer_May2024.xlsx',
      404,
    );
  }
  if (!id) return rows[0];
  const found = rows.find((r) => r.id === id);
  if (!found)
    throw new UsageError(`unknown iea-cm dataset: "${id}" (expected one of ${rows.map((r) => r.id).join(', ')})`);
  return found;
}

export interface IeaMineral {
  mineral: string;
  mineral_label: string;
  material_id: string | null;
}

export function readIeaMinerals(db: Db, datasetId: string): Promise<IeaMineral[]> {
  return db.all<IeaMineral>(
    `SELECT mineral, any_value(mineral_label ORDER BY table_kind) AS mineral_label, any_value(material_id) AS material_id
     FROM iea_cm_demand WHERE dataset_id = $1 AND mineral NOT IN ('all') GROUP BY mineral ORDER BY mineral`,
    [datasetId],
  );
}

/**
 * What the user typed → an IEA mineral key: the key, the IEA label, a synonym ("rare earths" → magnet REE), or any
 * name of a Radar material (id, symbol, EN/NL/FR name, alias) that the IEA mineral is exactly.
 */
export async function resolveMineral(db: Db, datasetId: string, text: string): Promise<IeaMineral> {
  const minerals = await readIeaMinerals(db, datasetId);
  const t = normaliseLabel(text);
  const key = mineralSynonyms[t] ?? t.replace(/\s+/g, '-');
  const direct = minerals.find((m) => m.mineral === key || normaliseLabel(m.mineral_label) === t);
  if (direct) return direct;
  const ids = await findMaterialIds(db, text);
  const viaMaterial = minerals.find((m) => m.material_id !== null && ids.includes(m.material_id));
  if (viaMaterial) return viaMaterial;
  throw new UsageError(
    `unknown mineral for IEA demand: "${text}" (expected one of ${minerals.map((m) => m.mineral).join(', ')})`,
    'Graphite means all grades; rare earths means the magnet rare earths (Nd, Pr, Dy, Tb).',
    404,
  );
}

export interface SeriesRow {
  scenario: Scenario;
  year: number;
  value: number;
  unit: string;
  cell: string;
  sheet: string;
}

/**
 * One published series of a mineral: total demand (sheet 1), clean-technology demand (sheet 1 subtotal, else
 * sheet 3.2), or one technology's demand (sheet 1, else 3.1). The base-year column comes with every scenario.
 */
export async function readDemandSeries(
  db: Db,
  datasetId: string,
  mineral: string,
  what: { scope: 'total' | 'clean-tech' } | { technology: string },
  scenarios: readonly Scenario[],
): Promise<SeriesRow[]> {
  const technology = 'technology' in what ? what.technology : what.scope;
  const kinds =
    'technology' in what
      ? ['total-demand', 'clean-tech-by-technology']
      : what.scope === 'total'
        ? ['total-demand']
        : ['total-demand', 'clean-tech-by-mineral'];
  for (const kind of kinds) {
    const rows = await db.all<SeriesRow>(
      `SELECT scenario, year, value, unit, cell, sheet FROM iea_cm_demand
       WHERE dataset_id = $1 AND mineral = $2 AND table_kind = $3 AND technology = $4 AND case_name = 'Base case'
         AND scenario IN (SELECT unnest($5::VARCHAR[]))
       ORDER BY scenario, year`,
      [datasetId, mineral, kind, technology, listValue(['historical', ...scenarios])],
    );
    if (rows.length) return rows;
  }
  return [];
}

export interface TechnologyRow {
  scenario: Scenario;
  year: number;
  technology: string;
  technology_label: string;
  value: number;
  unit: string;
  table_kind: string;
}

/** The parts of a mineral's demand by technology (sheet 1: incl. other uses; else sheet 3.1: clean tech only). */
export async function readDemandByTechnology(
  db: Db,
  datasetId: string,
  mineral: string,
  scenarios: readonly Scenario[],
): Promise<TechnologyRow[]> {
  for (const kind of ['total-demand', 'clean-tech-by-technology']) {
    const rows = await db.all<TechnologyRow>(
      `SELECT scenario, year, technology, technology_label, value, unit, table_kind FROM iea_cm_demand
       WHERE dataset_id = $1 AND mineral = $2 AND table_kind = $3 AND row_kind = 'part'
         AND scenario IN (SELECT unnest($4::VARCHAR[]))
       ORDER BY scenario, year, technology`,
      [datasetId, mineral, kind, listValue(['historical', ...scenarios])],
    );
    if (rows.length) return rows;
  }
  return [];
}

export interface SupplyTotal {
  stage_label: string;
  value: number;
  unit: string;
  cell: string;
}

/** World supply (the published Total row) of a mineral at a stage in a year, or undefined. */
export function readWorldSupply(
  db: Db,
  datasetId: string,
  mineral: string,
  stage: 'mining' | 'refining',
  year: number,
): Promise<SupplyTotal | undefined> {
  return db.one<SupplyTotal>(
    `SELECT stage_label, value, unit, cell FROM iea_cm_supply
     WHERE dataset_id = $1 AND mineral = $2 AND stage = $3 AND year = $4 AND row_kind = 'total'`,
    [datasetId, mineral, stage, year],
  );
}

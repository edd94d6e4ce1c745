/**
 * Reads shared by the lever analyses (stockpile, scenarios, joint purchasing, company assessment): materials,
 * EU membership, published supply risk, the code → material map and trade by partner. SQL lives here so that each
 * analysis file composes reads and methods. The criticality, screening and IO engines own their own tables; the
 * reads of those tables here are the narrow ones the levers need (see the report of issue 8).
 */
import { listValue } from '@duckdb/node-api';
import { UsageError, UserError } from '../domain/errors.js';
import { defaultWgiYears, type GovernanceTable, governanceTable } from '../methods/criticality/governance.js';
import type { MaterialModel } from '../methods/criticality/model.js';
import type { Db } from '../store/db.js';
import { findMaterialIds, suggestMaterials } from '../store/reference-queries.js';
import {
  importHints,
  latestDataset,
  readAssessmentInputs,
  readEuMembers as readEuMembersAsOf,
  readSupplyShares,
  readWgiYears,
} from './criticality-inputs.js';
import { buildModels } from './criticality-models.js';

/** One material id for what the user typed, or a UsageError with suggestions. */
export async function resolveMaterial(db: Db, text: string): Promise<string> {
  const ids = await findMaterialIds(db, text);
  if (ids.length === 1) return ids[0];
  if (ids.length > 1) throw new UsageError(`ambiguous material: "${text}" (matches ${ids.join(', ')})`);
  const near = await suggestMaterials(db, text);
  throw new UsageError(
    `unknown material: "${text}"`,
    near.length ? `Did you mean ${near.join(', ')}? (radar materials lists ids)` : undefined,
    404,
  );
}

/** The material itself, and its members when it is a group (e.g. pgm → pgm, iridium, palladium, …). */
export async function materialWithMembers(db: Db, materialId: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    'SELECT $1 AS id UNION SELECT material_id FROM group_members WHERE group_id = $1 ORDER BY id',
    [materialId],
  );
  return rows.map((r) => r.id);
}

/** ISO3 of the EU member states on 31 December of `year` (criticality engine's read of countries.eu_from / eu_to). */
export function readEuMembers(db: Db, year: number): Promise<Set<string>> {
  return readEuMembersAsOf(db, `${year}-12-31`);
}

/** A resolver from what a file or user writes for a country (ISO2/ISO3/Eurostat code/name) to ISO3. */
export async function countryResolver(db: Db): Promise<(text: string) => string | null> {
  const rows = await db.all<{ key: string; iso3: string }>(
    `SELECT upper(iso3) AS key, iso3 FROM countries
     UNION SELECT upper(iso2), iso3 FROM countries WHERE iso2 IS NOT NULL
     UNION SELECT upper(alias), iso3 FROM country_aliases WHERE iso3 IS NOT NULL AND scheme IN ('eurostat_geo', 'name')
     UNION SELECT upper(name_en), iso3 FROM countries`,
  );
  const map = new Map<string, string>();
  for (const r of rows) if (!map.has(r.key)) map.set(r.key, r.iso3);
  return (text) => map.get(text.trim().toUpperCase()) ?? null;
}

export interface PublishedSr {
  materialId: string;
  sr: number | null;
  /** Where the value comes from: the material's own row, its group's, or the maximum over its members. */
  via: 'own' | 'group' | 'members' | null;
  edition: number;
}

/**
 * Published SR of every material in one edition (default: the latest). A group member without its own value takes
 * its group's (the 2023 study assessed HREE, LREE and PGM as groups); a group without its own value (e.g. the CRMA's
 * ree-magnets) takes the maximum over its members.
 */
export async function readPublishedSr(db: Db, edition?: number): Promise<Map<string, PublishedSr>> {
  const rows = await db.all<{ material_id: string; sr: number | null; via: PublishedSr['via']; edition: number }>(
    `WITH e AS (SELECT coalesce($1::INTEGER, (SELECT max(edition) FROM sr_ei)) AS edition),
     own AS (SELECT material_id, sr FROM sr_ei, e WHERE sr_ei.edition = e.edition AND sr IS NOT NULL),
     direct AS (
       SELECT m.id, coalesce(o.sr, g.sr) AS sr,
              CASE WHEN o.sr IS NOT NULL THEN 'own' WHEN g.sr IS NOT NULL THEN 'group' END AS via
       FROM materials m LEFT JOIN own o ON o.material_id = m.id LEFT JOIN own g ON g.material_id = m.group_id)
     SELECT d.id AS material_id,
            coalesce(d.sr, (SELECT max(x.sr) FROM group_members gm JOIN direct x ON x.id = gm.material_id
                            WHERE gm.group_id = d.id)) AS sr,
            CASE WHEN d.sr IS NOT NULL THEN d.via
                 WHEN (SELECT max(x.sr) FROM group_members gm JOIN direct x ON x.id = gm.material_id
                       WHERE gm.group_id = d.id) IS NOT NULL THEN 'members' END AS via,
            (SELECT edition FROM e) AS edition
     FROM direct d`,
    [edition ?? null],
  );
  return new Map(
    rows.map((r) => [r.material_id, { materialId: r.material_id, sr: r.sr, via: r.via, edition: r.edition }]),
  );
}

/** Members of the latest edition of the CRMA strategic list (Annex I), groups expanded to their members too. */
export async function readStrategicMaterials(db: Db): Promise<{ listed: Set<string>; withMembers: Set<string> }> {
  const rows = await db.all<{ material_id: string; member: string | null }>(
    `SELECT l.material_id, gm.material_id AS member
     FROM list_membership l LEFT JOIN group_members gm ON gm.group_id = l.material_id
     WHERE l.list_id = 'crma-strategic'
       AND l.edition = (SELECT max(edition) FROM lists WHERE list_id = 'crma-strategic')`,
  );
  const listed = new Set(rows.map((r) => r.material_id));
  const withMembers = new Set([...listed, ...rows.flatMap((r) => (r.member ? [r.member] : []))]);
  return { listed, withMembers };
}

/** Materials on a list's latest edition (directly or through a listed group). */
export async function readListedMaterials(db: Db, listId: string): Promise<Set<string>> {
  const rows = await db.all<{ id: string }>(
    `SELECT l.material_id AS id FROM list_membership l
     WHERE l.list_id = $1 AND l.edition = (SELECT max(edition) FROM lists WHERE list_id = $1)
     UNION SELECT gm.material_id FROM list_membership l JOIN group_members gm ON gm.group_id = l.material_id
     WHERE l.list_id = $1 AND l.edition = (SELECT max(edition) FROM lists WHERE list_id = $1)`,
    [listId],
  );
  return new Set(rows.map((r) => r.id));
}

export interface TradeDatasetChoice {
  datasetId: string;
  source: string;
  currency: string;
  hasExports: boolean;
  hasQuantity: boolean;
}

/**
 * The trade dataset to use for a year: the one asked for, else the first that has flows of the material's codes in
 * that year, in this order of sources: comext, baci, comtrade (with `needQuantity`, datasets with quantities first).
 */
export async function chooseTradeDataset(
  db: Db,
  materialIds: readonly string[],
  year: number,
  datasetId?: string,
  options: { needQuantity?: boolean } = {},
): Promise<TradeDatasetChoice | null> {
  const rows = await db.all<TradeDatasetChoice & { n: number }>(
    `SELECT f.dataset_id AS "datasetId", any_value(f.source) AS source, any_value(f.currency) AS currency,
            bool_or(f.flow = 'export') AS "hasExports", bool_or(f.quantity_kg IS NOT NULL) AS "hasQuantity",
            count(*) AS n
     FROM trade_flows f
     WHERE f.year = $year AND ($dataset::VARCHAR IS NULL OR f.dataset_id = $dataset)
       AND ${codeMatch('f')}
     GROUP BY f.dataset_id
     ORDER BY CASE WHEN $needQuantity AND NOT bool_or(f.quantity_kg IS NOT NULL) THEN 1 ELSE 0 END,
              CASE any_value(f.source) WHEN 'comext' THEN 0 WHEN 'baci' THEN 1 WHEN 'comtrade' THEN 2 ELSE 3 END,
              "hasQuantity" DESC, n DESC`,
    {
      year,
      dataset: datasetId ?? null,
      materials: listValue([...materialIds]),
      needQuantity: options.needQuantity ?? false,
    },
  );
  return rows[0] ?? null;
}

/**
 * SQL condition: the flow's product is one of the codes mapped to `$materials` in cn_material_map (HS6 codes match
 * the first six digits of CN8 or HS6 products; CN8 codes only CN8 products). Written as EXISTS so that a flow row is
 * counted once even when several map rows match it.
 */
export function codeMatch(alias: string, withStages = false): string {
  return `EXISTS (SELECT 1 FROM cn_material_map m WHERE list_contains($materials, m.material_id)
            ${withStages ? 'AND list_contains($stages, m.stage)' : ''}
            AND ((m.classification = 'HS6' AND left(${alias}.product, 6) = m.code)
              OR (m.classification = 'CN8' AND ${alias}.classification = 'CN8' AND ${alias}.product = m.code)))`;
}

export interface PartnerFlow {
  partner: string;
  partnerIsCountry: boolean;
  value: number;
  /**
   * Quantity; rows without one are imputed at the unit value of the group's rows with one (assumed), null when no
   * row has a quantity.
   */
  quantityKg: number | null;
  /** Value of the rows whose quantity was imputed. */
  imputedValue: number;
}

/**
 * SQL: a flow row that counts — not a confidential code, not a partner total (Comtrade "World", aggregates), as the
 * criticality engine's import read excludes them (criticality-inputs.ts readImportsByPartner).
 */
const countedFlow = (
  f: string,
) => `NOT ${f}.confidential AND NOT (NOT ${f}.partner_is_country AND (${f}.partner IN ('0', 'World', 'WORLD', 'WLD')
  OR ${f}.partner_code IN (SELECT alias FROM country_aliases WHERE iso3 IS NULL
    AND (note ILIKE '%partner total%' OR note ILIKE '%aggregate%'))))`;

/** SQL: quantity scaled from the rows that have one to all rows, by value (see PartnerFlow.quantityKg). */
const imputedQuantity = `CASE WHEN sum(f.value) FILTER (WHERE f.quantity_kg IS NOT NULL) > 0
            THEN sum(f.quantity_kg) * sum(f.value) / sum(f.value) FILTER (WHERE f.quantity_kg IS NOT NULL)
            WHEN count(f.quantity_kg) = count(*) THEN coalesce(sum(f.quantity_kg), 0) END`;
const imputedValue = 'coalesce(sum(f.value) FILTER (WHERE f.quantity_kg IS NULL), 0)';
/** SQL over per-product rows: a product with no quantity at all is imputed at the other products' unit value. */
const outerQuantity = `CASE WHEN sum(value) FILTER (WHERE "quantityKg" IS NOT NULL) > 0
              THEN sum("quantityKg") * sum(value) / sum(value) FILTER (WHERE "quantityKg" IS NOT NULL) END`;

/**
 * Imports into a reporter set, summed per partner (or partner × product), for one dataset and year. With
 * `extraOnly` only partners outside the set count: with the EU members as reporters this is extra-EU imports.
 */
export async function readImportsByPartner(
  db: Db,
  options: {
    datasetId: string;
    year: number;
    materials: readonly string[];
    reporters: readonly string[];
    extraOnly: boolean;
    /** Only codes mapped at these stages (default: all). */
    stages?: readonly string[];
    /** One row per partner × product instead of per partner. */
    byProduct?: boolean;
  },
): Promise<(PartnerFlow & { product?: string })[]> {
  // Quantities are imputed per partner × product (unit values differ between the codes of one material).
  return db.all<PartnerFlow>(
    `SELECT partner, ${options.byProduct ? 'product,' : ''} bool_and("partnerIsCountry") AS "partnerIsCountry",
            sum(value) AS value, ${outerQuantity} AS "quantityKg",
            sum("imputedValue") AS "imputedValue"
     FROM (
       SELECT f.partner, f.product, bool_and(f.partner_is_country) AS "partnerIsCountry", sum(f.value) AS value,
              ${imputedQuantity} AS "quantityKg", ${imputedValue} AS "imputedValue"
       FROM trade_flows f
       WHERE f.dataset_id = $dataset AND f.year = $year AND f.flow = 'import' AND ${countedFlow('f')}
         AND list_contains($reporters, f.reporter)
         AND (NOT $extra OR NOT list_contains($reporters, f.partner))
         AND ${codeMatch('f', options.stages !== undefined)}
       GROUP BY f.partner, f.product)
     GROUP BY partner ${options.byProduct ? ', product' : ''} ORDER BY value DESC`,
    {
      dataset: options.datasetId,
      year: options.year,
      materials: listValue([...options.materials]),
      reporters: listValue([...options.reporters]),
      extra: options.extraOnly,
      ...(options.stages !== undefined ? { stages: listValue([...options.stages]) } : {}),
    },
  );
}

/**
 * Exports out of a reporter set (to partners outside it when `extraOnly`): reporter-declared export rows when the
 * dataset has any, else the mirror (imports of non-members from members), as BACI is stored in the import view.
 */
export async function readExports(
  db: Db,
  options: {
    datasetId: string;
    year: number;
    materials: readonly string[];
    reporters: readonly string[];
    extraOnly: boolean;
    declared: boolean;
  },
): Promise<{ value: number; quantityKg: number | null; imputedValue: number }> {
  const where = options.declared
    ? `f.flow = 'export' AND list_contains($reporters, f.reporter)
       AND (NOT $extra OR NOT list_contains($reporters, f.partner))`
    : `f.flow = 'import' AND list_contains($reporters, f.partner)
       AND (NOT $extra OR NOT list_contains($reporters, f.reporter))`;
  const row = await db.one<{ value: number | null; quantityKg: number | null; imputedValue: number }>(
    `SELECT coalesce(sum(value), 0) AS value,
            CASE WHEN count(*) = 0 THEN 0 ELSE ${outerQuantity} END AS "quantityKg",
            coalesce(sum("imputedValue"), 0) AS "imputedValue"
     FROM (
       SELECT sum(f.value) AS value, ${imputedQuantity} AS "quantityKg", ${imputedValue} AS "imputedValue"
       FROM trade_flows f
       WHERE f.dataset_id = $dataset AND f.year = $year AND ${where} AND ${countedFlow('f')} AND ${codeMatch('f')}
       GROUP BY f.product)`,
    {
      dataset: options.datasetId,
      year: options.year,
      materials: listValue([...options.materials]),
      reporters: listValue([...options.reporters]),
      extra: options.extraOnly,
    },
  );
  return { value: row?.value ?? 0, quantityKg: row?.quantityKg ?? null, imputedValue: row?.imputedValue ?? 0 };
}

/** Latest year with trade flows of the materials' codes (any dataset), or null. */
export async function latestTradeYear(db: Db, materials: readonly string[]): Promise<number | null> {
  const row = await db.one<{ year: number | null }>(
    `SELECT max(f.year) AS year FROM trade_flows f WHERE ${codeMatch('f')}`,
    { materials: listValue([...materials]) },
  );
  return row?.year ?? null;
}

/** The newest imported dataset of a source (criticality engine's choice), or null when none is imported. */
export async function latestDatasetOrNull(db: Db, source: 'eu-crm-study' | 'wgi'): Promise<string | null> {
  try {
    return await latestDataset(db, source, importHints[source]);
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
}

/** The datasets a lever result used, by source: [] when the source is not imported. */
export async function usedDatasets(db: Db, source: 'eu-crm-study' | 'wgi'): Promise<string[]> {
  const id = await latestDatasetOrNull(db, source);
  return id ? [id] : [];
}

/**
 * Governance of every country from the newest imported WGI, as the criticality engine builds it
 * (criticality-inputs.ts readWgiYears → methods/criticality/governance.ts governanceTable, 2016–2020 window), or
 * null when no WGI is in the store.
 */
export async function readGovernance(db: Db): Promise<GovernanceTable | null> {
  const id = await latestDatasetOrNull(db, 'wgi');
  return id ? governanceTable(await readWgiYears(db, id), { years: defaultWgiYears }) : null;
}

/**
 * The EU assessment's model of one material, built by the criticality engine (criticality-models.ts buildModels:
 * supply shares with t from the newest eu-crm-study import, factsheet parameters, group fallback for HREE/LREE/PGM
 * members). Null when the study tables are not imported or the material has no model (e.g. SI_SR unpublished).
 */
export async function readMaterialModel(db: Db, materialId: string, edition = 2023): Promise<MaterialModel | null> {
  const id = await latestDatasetOrNull(db, 'eu-crm-study');
  if (!id) return null;
  const inputs = (await readAssessmentInputs(db, edition)).filter((r) => r.material_id === materialId);
  if (inputs.length === 0) return null;
  const group = await db.one<{ group_id: string | null }>('SELECT group_id FROM materials WHERE id = $1', [materialId]);
  const wanted = new Set([materialId, ...(group?.group_id ? [group.group_id] : [])]);
  const shares = (await readSupplyShares(db, id)).filter((r) => wanted.has(r.material_id));
  const build = buildModels({ inputs, shares, uses: [], groupOf: () => group?.group_id ?? null }).get(materialId);
  return build?.model ?? null;
}

import { listValue } from '@duckdb/node-api';
import { UserError } from '../domain/errors.js';
import type { WgiCountryYear } from '../methods/criticality/governance.js';
import type { Db } from '../store/db.js';

/**
 * Store reads of the criticality and concentration analyses (SQL stays here). Imported data are read from the
 * newest dataset of each source unless a dataset id is given.
 */

/** The newest imported dataset of a source, or a UserError naming the command that imports it. */
export async function latestDataset(db: Db, source: string, hint: string, id?: string): Promise<string> {
  const row = await db.one<{ id: string }>(
    `SELECT id FROM datasets WHERE source = $1 AND kind = 'import' ${id ? 'AND id = $2' : ''}
     ORDER BY imported_at DESC, id DESC LIMIT 1`,
    id ? [source, id] : [source],
  );
  if (!row) {
    throw new UserError(
      id ? `no ${source} dataset "${id}" in the store` : `no ${source} data in the store`,
      `${hint} See \`radar datasets\` for what is imported.`,
      404,
    );
  }
  return row.id;
}

export const importHints = {
  'eu-crm-study':
    'Import the EU CRM 2023 study tables first: `radar import eu-crm-study dimension_CRMsOverTime.csv ' +
    '"fact_GlobalSupplyShares&t.csv" "fact_EUSupplyShares&t.csv" fact_MaterialUseShares.csv`.',
  wgi: 'Import the World Bank governance indicators first: `radar import wgi WGIData.csv`.',
  wmd: 'Import World Mining Data first: `radar import wmd world_mining_data_2018_2022_long.csv wmd_table_HS_Code_Map.csv`.',
  'usgs-mcs': 'Import a USGS MCS data release first: `radar import usgs-mcs MCS2026_Commodities_Data.csv`.',
} as const;

export interface ShareRow {
  material_id: string;
  stage: 'extraction' | 'processing';
  scope: 'global' | 'eu_sourcing';
  country_iso3: string | null;
  country_name: string;
  share: number;
  t: number;
}

export function readSupplyShares(db: Db, datasetId: string): Promise<ShareRow[]> {
  return db.all<ShareRow>(
    `SELECT material_id, stage, scope, country_iso3, country_name, share, t FROM eu_crm_supply_shares
     WHERE dataset_id = $1 AND material_id IS NOT NULL ORDER BY material_id, stage, scope, share DESC`,
    [datasetId],
  );
}

export interface UseRow {
  material_id: string;
  application: string;
  share: number;
  nace_code: string | null;
  va_million_eur: number | null;
}

export function readUseShares(db: Db, datasetId: string): Promise<UseRow[]> {
  return db.all<UseRow>(
    `SELECT material_id, application, share, nace_code, va_million_eur FROM eu_crm_use_shares
     WHERE dataset_id = $1 AND material_id IS NOT NULL ORDER BY material_id, source_line`,
    [datasetId],
  );
}

/** Per country and year: mean of the dimension estimates, how many dimensions, √(Σ se²)/6. */
export async function readWgiYears(db: Db, datasetId: string): Promise<WgiCountryYear[]> {
  const rows = await db.all<{ iso3: string; year: number; mean: number; dimensions: number; std_err: number | null }>(
    `SELECT iso3, year, avg(estimate) AS mean, count(estimate) AS dimensions,
            CASE WHEN count(std_err) = 6 THEN sqrt(sum(std_err * std_err)) / 6 END AS std_err
     FROM wgi WHERE dataset_id = $1 AND iso3 IS NOT NULL AND estimate IS NOT NULL
     GROUP BY iso3, year ORDER BY iso3, year`,
    [datasetId],
  );
  return rows.map((r) => ({ iso3: r.iso3, year: r.year, mean: r.mean, dimensions: r.dimensions, stdErr: r.std_err }));
}

export interface AssessmentInputRow {
  material_id: string;
  stage: 'extraction' | 'processing';
  scope: 'gs+eu' | 'gs' | 'eu' | null;
  sr_published: number | null;
  import_reliance: number | null;
  eol_rir: number | null;
  si_sr: number | null;
  si_ei: number | null;
  bottleneck: boolean;
  material_sr: number | null;
  material_ei: number | null;
  note: string | null;
}

export function readAssessmentInputs(db: Db, edition: number): Promise<AssessmentInputRow[]> {
  return db.all<AssessmentInputRow>(
    `SELECT material_id, stage, scope, sr_published, import_reliance, eol_rir, si_sr, si_ei, bottleneck,
            material_sr, material_ei, note
     FROM crm_assessment_inputs WHERE edition = $1 ORDER BY material_id, stage`,
    [edition],
  );
}

export interface PublishedRow {
  material_id: string;
  name: string;
  kind: 'material' | 'group';
  group_id: string | null;
  sr: number | null;
  ei: number | null;
}

/** Every material assessed in an edition (SR or EI published), with its name and kind. */
export function readPublished(db: Db, edition: number): Promise<PublishedRow[]> {
  return db.all<PublishedRow>(
    `SELECT s.material_id, m.name_en AS name, m.kind, m.group_id, s.sr, s.ei
     FROM sr_ei s JOIN materials m ON m.id = s.material_id
     WHERE s.edition = $1 AND (s.sr IS NOT NULL OR s.ei IS NOT NULL)
     ORDER BY s.material_id`,
    [edition],
  );
}

export async function readEditions(db: Db): Promise<number[]> {
  return (await db.all<{ edition: number }>('SELECT DISTINCT edition FROM sr_ei ORDER BY edition')).map(
    (r) => r.edition,
  );
}

/** Ids on a list edition, a listed group also standing for its members (e.g. ree-magnets → Nd, Pr, Dy…). */
export async function readListed(db: Db, listId: string, edition: string): Promise<Set<string>> {
  const rows = await db.all<{ id: string }>(
    `SELECT material_id AS id FROM list_membership WHERE list_id = $1 AND edition = $2
     UNION SELECT g.material_id FROM group_members g
       JOIN list_membership l ON l.material_id = g.group_id AND l.list_id = $1 AND l.edition = $2`,
    [listId, edition],
  );
  return new Set(rows.map((r) => r.id));
}

export async function readGroupMembers(db: Db): Promise<Map<string, string[]>> {
  const rows = await db.all<{ group_id: string; material_id: string }>(
    'SELECT group_id, material_id FROM group_members ORDER BY group_id, material_id',
  );
  const groups = new Map<string, string[]>();
  for (const r of rows) groups.set(r.group_id, [...(groups.get(r.group_id) ?? []), r.material_id]);
  return groups;
}

export async function readMaterialNames(
  db: Db,
): Promise<Map<string, { name: string; kind: string; group: string | null }>> {
  const rows = await db.all<{ id: string; name_en: string; kind: string; group_id: string | null }>(
    'SELECT id, name_en, kind, group_id FROM materials',
  );
  return new Map(rows.map((r) => [r.id, { name: r.name_en, kind: r.kind, group: r.group_id }]));
}

export async function readEuMembers(db: Db, asOf: string): Promise<Set<string>> {
  const rows = await db.all<{ iso3: string }>(
    `SELECT iso3 FROM countries WHERE eu_from IS NOT NULL AND eu_from <= CAST($1 AS DATE)
       AND (eu_to IS NULL OR eu_to > CAST($1 AS DATE))`,
    [asOf],
  );
  return new Set(rows.map((r) => r.iso3));
}

export interface HsCodeRow {
  material_id: string;
  stage: 'extraction' | 'processing' | null;
  hs6: string;
}

export function readHsCodes(db: Db, datasetId: string): Promise<HsCodeRow[]> {
  return db.all<HsCodeRow>(
    `SELECT DISTINCT material_id, stage, hs6 FROM wmd_hs_map
     WHERE dataset_id = $1 AND material_id IS NOT NULL AND hs6 IS NOT NULL ORDER BY material_id, hs6`,
    [datasetId],
  );
}

export interface PartnerValueRow {
  hs6: string;
  partner: string;
  is_country: boolean;
  value: number;
  currency: string;
}

/**
 * A reporter's imports of the given HS6 codes (CN8 truncated to HS6) in the given datasets, by partner. Partner
 * totals (World, EU aggregates) are left out; other non-country partners (not specified, secret) stay.
 */
export function readImportsByPartner(
  db: Db,
  datasets: readonly string[],
  reporter: string,
  hs6: readonly string[],
  years: readonly number[],
): Promise<PartnerValueRow[]> {
  return db.all<PartnerValueRow>(
    `SELECT substr(product, 1, 6) AS hs6, partner, bool_and(partner_is_country) AS is_country, sum(value) AS value,
            min(currency) AS currency
     FROM trade_flows
     WHERE list_contains($1::VARCHAR[], dataset_id) AND reporter = $2 AND flow = 'import' AND NOT confidential
       AND list_contains($3::VARCHAR[], substr(product, 1, 6)) AND list_contains($4::INTEGER[], year)
       -- partner totals (Comtrade "World" = 0, aggregates) would count the imports twice
       AND NOT (NOT partner_is_country AND (partner IN ('0', 'World', 'WORLD', 'WLD') OR partner_code IN (
         SELECT alias FROM country_aliases WHERE iso3 IS NULL AND (note ILIKE '%partner total%' OR note ILIKE '%aggregate%'))))
     GROUP BY ALL ORDER BY hs6, value DESC`,
    [listValue([...datasets]), reporter, listValue([...hs6]), listValue([...years])],
  );
}

/** Which trade sources hold imports of a reporter, per year, with their dataset ids. */
export async function readTradeCoverage(
  db: Db,
  reporter: string,
): Promise<{ source: string; year: number; datasets: string[]; currency: string }[]> {
  const rows = await db.all<{ source: string; year: number; datasets: string[]; currency: string }>(
    `SELECT source, year, list(DISTINCT dataset_id ORDER BY dataset_id) AS datasets, min(currency) AS currency
     FROM trade_flows WHERE reporter = $1 AND flow = 'import' GROUP BY source, year ORDER BY source, year`,
    [reporter],
  );
  return rows.map((r) => ({ ...r, datasets: [...(r.datasets as unknown as Iterable<string>)] }));
}

import { ensureOneOf } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import type { Db } from '../store/db.js';
import {
  readCountries,
  readFacts,
  readMaterialCatalogue,
  readSrEiAll,
  readSrEiEditions,
  readTechnologyCatalogue,
} from '../store/reference-table-queries.js';
import { provenance } from './provenance.js';

/**
 * Reference tables served whole, as Results: what the dashboard's overview and pickers draw, and what a researcher
 * exports. Rows carry name_nl/name_fr next to the English name so that every interface can show all three languages.
 */

/**
 * Every published SR/EI pair of the EU criticality assessments (2011–2023), or those of one edition, with whether
 * the material made that edition's EU list.
 * @example await srEiHistory(db, { edition: 2023 }) // 70 rows: { material: 'gallium', edition: 2023, sr: 3.9, ei: 3.7, critical: true, … }
 */
export async function srEiHistory(db: Db, options: { edition?: number } = {}): Promise<Result> {
  const editions = (await readSrEiEditions(db)).map((e) => e.edition);
  const edition = options.edition === undefined ? undefined : ensureOneOf('edition', options.edition, editions);
  const rows = await readSrEiAll(db, edition);
  const thresholds = await readFacts(db, 'crm_threshold_');
  const threshold = (key: string) => thresholds.find((f) => f.key === key)?.value ?? null;
  return result({
    columns: [
      { name: 'material', type: 'string', description: 'material or group id' },
      { name: 'name', type: 'string' },
      { name: 'edition', type: 'integer', description: 'EU criticality assessment edition' },
      { name: 'sr', type: 'number', unit: 'index', description: 'published supply risk' },
      { name: 'ei', type: 'number', unit: 'index', description: 'published economic importance' },
      { name: 'critical', type: 'boolean', description: 'on the EU critical raw materials list of this edition' },
      { name: 'source', type: 'string' },
      { name: 'locator', type: 'string' },
    ],
    rows: rows.map((r) => ({
      material: r.material_id,
      name: r.name_en,
      name_nl: r.name_nl,
      name_fr: r.name_fr,
      kind: r.kind,
      edition: r.edition,
      sr: r.sr,
      ei: r.ei,
      critical: r.critical,
      source: r.source,
      locator: r.locator,
    })),
    provenance: await provenance(db, ['ref:sr_ei', 'ref:materials', 'ref:list_membership', 'ref:facts']),
    method: {
      id: 'reference.sr-ei',
      version: '1',
      params: {
        edition: { value: edition ?? 'all', assumed: false },
        sr_threshold: {
          value: threshold('crm_threshold_sr'),
          assumed: false,
          description: 'critical when SR ≥ this and EI ≥ the EI threshold (method from 2017 on)',
        },
        ei_threshold: { value: threshold('crm_threshold_ei'), assumed: false },
      },
    },
  });
}

/**
 * All materials and groups Radar knows, with their names in English, Dutch and French.
 * @example await materialCatalogue(db) // rows: { material: 'gallium', name: 'gallium', name_nl: 'gallium', symbol: 'Ga', … }
 */
export async function materialCatalogue(db: Db): Promise<Result> {
  const rows = await readMaterialCatalogue(db);
  return result({
    columns: [
      { name: 'material', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'name_nl', type: 'string' },
      { name: 'name_fr', type: 'string' },
      { name: 'kind', type: 'string', description: 'material, or group (HREE, LREE, PGM…)' },
      { name: 'symbol', type: 'string' },
      { name: 'group', type: 'string', description: 'the group the material belongs to' },
      { name: 'listings', type: 'integer', description: 'list editions the material is on directly' },
    ],
    rows: rows.map((r) => ({
      material: r.id,
      name: r.name_en,
      name_nl: r.name_nl,
      name_fr: r.name_fr,
      kind: r.kind,
      symbol: r.symbol,
      group: r.group_id,
      listings: r.listings,
    })),
    provenance: await provenance(db, ['ref:materials', 'ref:list_membership']),
    method: { id: 'reference.materials', version: '1', params: {} },
  });
}

/**
 * Countries with their codes (ISO3 inside, ISO2 and M49 for maps and Intl) and names in three languages.
 * @example await countryCatalogue(db) // rows: { iso3: 'BEL', iso2: 'BE', m49: '056', name: 'Belgium', … }
 */
export async function countryCatalogue(db: Db): Promise<Result> {
  const rows = await readCountries(db);
  return result({
    columns: [
      { name: 'iso3', type: 'string' },
      { name: 'iso2', type: 'string' },
      { name: 'm49', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'name_nl', type: 'string' },
      { name: 'name_fr', type: 'string' },
      { name: 'eu_from', type: 'date', description: 'EU member from' },
      { name: 'eu_to', type: 'date', description: 'EU member until' },
      { name: 'is_country', type: 'boolean', description: 'false for aggregates and special codes' },
    ],
    rows: rows.map((r) => ({
      iso3: r.iso3,
      iso2: r.iso2,
      m49: r.m49,
      name: r.name_en,
      name_nl: r.name_nl,
      name_fr: r.name_fr,
      eu_from: r.eu_from,
      eu_to: r.eu_to,
      is_country: r.is_country,
    })),
    provenance: await provenance(db, ['ref:countries']),
    method: { id: 'reference.countries', version: '1', params: {} },
  });
}

/**
 * The JRC's strategic technologies, their sectors and how many materials each uses (as the reference tables record).
 * @example await technologyCatalogue(db) // rows: { technology: 'li-ion-batteries', name: 'Li-ion batteries', sector: 'e-mobility', … }
 */
export async function technologyCatalogue(db: Db): Promise<Result> {
  const rows = await readTechnologyCatalogue(db);
  return result({
    columns: [
      { name: 'technology', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'sector', type: 'string' },
      { name: 'sector_name', type: 'string' },
      { name: 'materials', type: 'integer', description: 'materials recorded for this technology' },
      { name: 'source', type: 'string' },
    ],
    rows: rows.map((r) => ({
      technology: r.id,
      name: r.name_en,
      name_nl: r.name_nl,
      name_fr: r.name_fr,
      sector: r.sector_id,
      sector_name: r.sector_en,
      sector_name_nl: r.sector_nl,
      sector_name_fr: r.sector_fr,
      materials: r.materials,
      source: r.source,
    })),
    provenance: await provenance(db, ['ref:technologies', 'ref:sectors', 'ref:technology_materials']),
    method: { id: 'reference.technologies', version: '1', params: {} },
  });
}

/**
 * Scalar facts from the report and public studies, each with its source and locator.
 * @example await factTable(db, { prefix: 'crm_threshold_' }) // rows: { key: 'crm_threshold_ei', value: 2.8, … }
 */
export async function factTable(db: Db, options: { prefix?: string } = {}): Promise<Result> {
  const rows = await readFacts(db, options.prefix ?? '');
  return result({
    columns: [
      { name: 'key', type: 'string' },
      { name: 'value', type: 'number' },
      { name: 'unit', type: 'string' },
      { name: 'note', type: 'string' },
      { name: 'source', type: 'string' },
      { name: 'locator', type: 'string' },
      { name: 'source_year', type: 'integer' },
    ],
    rows: rows.map((r) => ({ ...r })),
    provenance: await provenance(db, ['ref:facts']),
    method: {
      id: 'reference.facts',
      version: '1',
      params: { prefix: { value: options.prefix ?? '', assumed: false } },
    },
  });
}

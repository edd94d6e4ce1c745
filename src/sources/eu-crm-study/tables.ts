import type { CountryLookup, MaterialLookup, Unresolved } from './resolve-names.js';
import { Cells, type CsvRecord, cleanCell, failAt, parsePercent, type TextFile } from './text-table.js';

/**
 * The five tables of the EU CRM 2023 study transcription, told apart by their header. The two supply-share
 * files share one header, so their scope comes from the file name ("Global…" or "EU…").
 */
export type StudyTableKind = 'sr_ei' | 'supply_shares' | 'use_shares' | 'groupings';

export const headers: Record<StudyTableKind, readonly string[]> = {
  sr_ei: ['Material', 'Year', 'SR', 'EI'],
  supply_shares: ['Material', 'Stage', 'Country', 'Share', 't'],
  use_shares: ['Material', 'Application', 'Share', 'NACE sector', 'VA in million €'],
  groupings: ['screened_material', 'perm_noXREE_noPGM', 'perm_noXREE_PGM', 'perm_XREE_noPGM', 'perm_XREE_PGM'],
};

export function tableKindOf(header: CsvRecord | undefined): StudyTableKind | null {
  const cells = header?.fields.map(cleanCell) ?? [];
  for (const [kind, expected] of Object.entries(headers) as [StudyTableKind, readonly string[]][]) {
    if (expected.every((name, i) => cells[i] === name || (name.endsWith('€') && cells[i] === 'VA in million EUR')))
      return kind;
  }
  return null;
}

export interface SrEiRow extends Record<string, unknown> {
  dataset_id: string;
  material_id: string | null;
  material_name: string;
  edition: number;
  sr: number | null;
  ei: number | null;
  source_line: number;
}

export interface SupplyShareRow extends Record<string, unknown> {
  dataset_id: string;
  material_id: string | null;
  material_name: string;
  stage: 'extraction' | 'processing';
  scope: 'global' | 'eu_sourcing';
  country_iso3: string | null;
  country_name: string;
  share: number;
  share_text: string;
  share_bound: '<' | '>' | null;
  t: number;
  source_line: number;
}

export interface UseShareRow extends Record<string, unknown> {
  dataset_id: string;
  material_id: string | null;
  material_name: string;
  application: string;
  share: number;
  share_text: string;
  share_bound: '<' | '>' | null;
  nace_code: string | null;
  nace_name: string | null;
  va_million_eur: number | null;
  source_line: number;
}

export interface GroupingRow extends Record<string, unknown> {
  dataset_id: string;
  material_id: string | null;
  material_name: string;
  perm_noxree_nopgm: string | null;
  perm_noxree_pgm: string | null;
  perm_xree_nopgm: string | null;
  perm_xree_pgm: string | null;
  source_line: number;
}

export interface ParseContext {
  datasetId: string;
  materials: MaterialLookup;
  countries: CountryLookup;
  unresolvedMaterials: Unresolved;
  unresolvedCountries: Unresolved;
  /** `file:line` of shares written without "%" (read as percent). */
  barePercents: string[];
}

const stages = { E: 'extraction', P: 'processing' } as const;

/** "-" (not assessed) → null; otherwise a number ≥ 0. */
function score(cells: Cells, column: number): number | null {
  if (cells.text(column) === '-') return null;
  const value = cells.number(column) as number;
  if (value < 0) cells.fail(column, `${value} is negative`);
  return value;
}

function material(ctx: ParseContext, file: TextFile, cells: Cells, edition?: number): [string | null, string] {
  const name = cells.text(0);
  if (name === '') cells.fail(0, 'empty material name');
  const id = ctx.materials.resolve(name, { file: file.name, edition });
  if (!id) ctx.unresolvedMaterials.add(name);
  return [id, name];
}

export function parseSrEi(file: TextFile, records: CsvRecord[], ctx: ParseContext): SrEiRow[] {
  return records.map((record) => {
    const cells = new Cells(file.name, record, headers.sr_ei);
    const edition = cells.integer(1);
    if (edition < 2000 || edition > 2100) cells.fail(1, `${edition} is not an assessment year`);
    const [material_id, material_name] = material(ctx, file, cells, edition);
    return {
      dataset_id: ctx.datasetId,
      material_id,
      material_name,
      edition,
      sr: score(cells, 2),
      ei: score(cells, 3),
      source_line: record.line,
    };
  });
}

export function supplyScopeOf(file: TextFile): 'global' | 'eu_sourcing' {
  if (/global/i.test(file.name)) return 'global';
  if (/eu/i.test(file.name)) return 'eu_sourcing';
  throw failAt(
    file.name,
    1,
    undefined,
    'this supply-share table could hold global supply or EU sourcing shares (both files have the header ' +
      `${headers.supply_shares.join(',')}); keep "Global" or "EU" in the file name, as in ` +
      'fact_GlobalSupplyShares&t.csv and fact_EUSupplyShares&t.csv',
  );
}

export function parseSupplyShares(file: TextFile, records: CsvRecord[], ctx: ParseContext): SupplyShareRow[] {
  const scope = supplyScopeOf(file);
  return records.map((record) => {
    const cells = new Cells(file.name, record, headers.supply_shares);
    const [material_id, material_name] = material(ctx, file, cells);
    const stageCode = cells.text(1);
    const stage = stages[stageCode as keyof typeof stages];
    if (!stage) cells.fail(1, `"${stageCode}" is not a stage (expected E for extraction or P for processing)`);
    const country_name = cells.text(2);
    if (country_name === '') cells.fail(2, 'empty country name');
    const country = ctx.countries.byName(country_name);
    if (!country.known) ctx.unresolvedCountries.add(country_name);
    const share = parsePercent(cells, 3);
    if (share.bare) ctx.barePercents.push(`${file.name}:${record.line} "${share.text}"`);
    const t = cells.number(4) as number;
    if (t <= 0 || t > 5) cells.fail(4, `trade parameter ${t} is outside (0, 5]`);
    return {
      dataset_id: ctx.datasetId,
      material_id,
      material_name,
      stage,
      scope,
      country_iso3: country.iso3,
      country_name,
      share: share.value,
      share_text: share.text,
      share_bound: share.bound,
      t,
      source_line: record.line,
    };
  });
}

export function parseUseShares(file: TextFile, records: CsvRecord[], ctx: ParseContext): UseShareRow[] {
  return records.map((record) => {
    const cells = new Cells(file.name, record, headers.use_shares);
    const [material_id, material_name] = material(ctx, file, cells);
    const application = cells.text(1);
    if (application === '') cells.fail(1, 'empty application');
    const share = parsePercent(cells, 2);
    if (share.bare) ctx.barePercents.push(`${file.name}:${record.line} "${share.text}"`);
    const sector = cells.text(3);
    const nace = /^([A-U]\d{2})\s*-\s*(.+)$/.exec(sector);
    if (sector !== '' && !nace) cells.fail(3, `"${sector}" is not a NACE sector like "C23 - Manufacture of …"`);
    const va = cells.number(4, { optional: true });
    if (va !== null && va <= 0) cells.fail(4, `value added ${va} is not positive`);
    if ((va === null) !== (sector === '')) cells.fail(4, 'a NACE sector and its value added go together');
    return {
      dataset_id: ctx.datasetId,
      material_id,
      material_name,
      application,
      share: share.value,
      share_text: share.text,
      share_bound: share.bound,
      nace_code: nace ? nace[1] : null,
      nace_name: nace ? nace[2] : null,
      va_million_eur: va,
      source_line: record.line,
    };
  });
}

export function parseGroupings(file: TextFile, records: CsvRecord[], ctx: ParseContext): GroupingRow[] {
  return records.map((record) => {
    const cells = new Cells(file.name, record, headers.groupings);
    const [material_id, material_name] = material(ctx, file, cells);
    const group = (i: number) => cells.text(i) || null;
    return {
      dataset_id: ctx.datasetId,
      material_id,
      material_name,
      perm_noxree_nopgm: group(1),
      perm_noxree_pgm: group(2),
      perm_xree_nopgm: group(3),
      perm_xree_pgm: group(4),
      source_line: record.line,
    };
  });
}

/**
 * Rows that repeat a key: identical repeats are dropped with a warning (the transcription repeats a few lines,
 * e.g. Magnesium "Construction"), conflicting ones are an error naming both lines.
 */
export function dropDuplicates<R extends { source_line: number }>(
  file: string,
  rows: R[],
  keyOf: (row: R) => string,
  valuesOf: (row: R) => string,
  describe: (row: R) => string,
  warn: (message: string) => void,
): R[] {
  const seen = new Map<string, R>();
  const kept: R[] = [];
  const repeats: string[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, row);
      kept.push(row);
    } else if (valuesOf(first) === valuesOf(row)) {
      repeats.push(`line ${row.source_line} repeats line ${first.source_line} (${describe(row)})`);
    } else {
      failAt(
        file,
        row.source_line,
        undefined,
        `duplicate key ${describe(row)}: already on line ${first.source_line} with different values ` +
          `(${valuesOf(first)} vs ${valuesOf(row)})`,
      );
    }
  }
  if (repeats.length) warn(`${file}: ${repeats.length} identical repeated row(s) kept once: ${repeats.join('; ')}`);
  return kept;
}

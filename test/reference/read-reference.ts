import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot } from '../support/real-data.js';

/** One CSV row keyed by header name; every value is a string (empty when the field is empty). */
export type Row = Record<string, string>;

/** The reference tables written by hand from the report and the EU studies (the country tables are separate). */
export const factFiles = {
  'materials.csv': 'id,kind,name_en,name_nl,name_fr,symbol,group_id,eu2023_candidate,source,locator,source_year',
  'group-members.csv': 'group_id,material_id,source,locator,source_year',
  'material-aliases.csv': 'alias,material_id,context,source',
  'lists.csv':
    'list_id,edition,jurisdiction,grade_scheme,name_en,name_nl,name_fr,expected_count,status,source,locator,source_year',
  'list-membership.csv': 'list_id,edition,material_id,grade,note,source,locator,source_year',
  'sr-ei.csv': 'material_id,edition,sr,ei,source,locator,source_year',
  'sectors.csv': 'id,name_en,name_nl,name_fr,source,locator,source_year',
  'technologies.csv': 'id,sector_id,name_en,name_nl,name_fr,source,locator,source_year',
  'technology-materials.csv': 'technology_id,material_id,source,locator,source_year',
  'be-crm-imports-2023.csv': 'material_id,import_value,unit,currency,source,locator,source_year',
  'be-crm-import-partners-2023.csv': 'material_id,partner_iso3,share,rank,source,locator,source_year',
  'facts.csv': 'key,value,unit,note,source,locator,source_year',
} as const;

export type FactFile = keyof typeof factFiles;

export const referenceDir = join(repoRoot, 'reference');

export function readText(file: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(referenceDir, file)));
}

export function parseCsv(text: string): Row[] {
  return parse<Row>(text, { columns: true, skip_empty_lines: true });
}

const cache = new Map<string, Row[]>();

export function readCsv(file: FactFile): Row[] {
  let rows = cache.get(file);
  if (!rows) {
    rows = parseCsv(readText(file));
    cache.set(file, rows);
  }
  return rows;
}

/** Collapse runs of whitespace (the study transcription splits "Natural Teak wood" over two lines). */
export function normalizeName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/**
 * Resolve a material name as spelled in one file of the eu-crm-2023 transcription to material ids, through
 * material-aliases.csv. Alias contexts look like `eu-crm-2023/<file>` or `eu-crm-2023/<file>@2011,2014`
 * (the mapping then holds only for those editions).
 */
export function resolveStudyName(file: string, name: string, edition?: number): string[] {
  const wanted = normalizeName(name);
  const ids = new Set<string>();
  for (const a of readCsv('material-aliases.csv')) {
    if (normalizeName(a.alias) !== wanted) continue;
    const [scope, editions] = a.context.split(' ')[0].split('@');
    if (scope !== `eu-crm-2023/${file}`) continue;
    if (editions && edition !== undefined && !editions.split(',').includes(String(edition))) continue;
    ids.add(a.material_id);
  }
  return [...ids];
}

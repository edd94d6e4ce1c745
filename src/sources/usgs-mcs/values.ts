import type { MaterialLookup } from '../eu-crm-study/resolve-names.js';
import type { Cells } from '../eu-crm-study/text-table.js';

/**
 * USGS MCS cell conventions: numbers with thousands separators ("4,780"), W (withheld to avoid disclosing company
 * proprietary data), NA (not available), "—" (zero), ">75" / "<25" bounds, and in import reliance E (net exporter).
 */
export interface UsgsValue {
  value: number | null;
  flag: 'W' | 'NA' | '—' | '>' | '<' | 'E' | null;
}

export function usgsValue(cells: Cells, column: number, options: { netExporter?: boolean } = {}): UsgsValue {
  const text = cells.text(column);
  if (text === '') return { value: null, flag: null };
  if (text === 'W') return { value: null, flag: 'W' };
  if (text === 'NA') return { value: null, flag: 'NA' };
  if (text === '—' || text === '--' || text === '–') return { value: 0, flag: '—' };
  if (text === 'E' && options.netExporter) return { value: 0, flag: 'E' };
  const match = /^([<>])?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/.exec(text);
  if (!match) {
    return cells.fail(
      column,
      `"${text}" is not a USGS value (a number such as "4,780", or W, NA, —, >75, <25${options.netExporter ? ', E' : ''})`,
    );
  }
  const value = Number(`${match[2].replaceAll(',', '')}${match[3] ?? ''}`);
  return { value, flag: (match[1] as '<' | '>' | undefined) ?? null };
}

/**
 * USGS spellings that do not match a Radar material by name (US spelling, qualifiers, merged 2023 materials).
 * Names not here resolve through the reference aliases and material names, after dropping footnote digits and
 * qualifiers (", refined", " (natural)").
 */
const usgsNames: Readonly<Record<string, string>> = {
  'aluminum (bauxite)': 'aluminium-bauxite',
  aluminum: 'aluminium-bauxite',
  bauxite: 'aluminium-bauxite',
  alumina: 'aluminium-bauxite',
  barite: 'baryte',
  'graphite (natural)': 'natural-graphite',
  graphite: 'natural-graphite',
  'rare earths': 'ree',
  'rare earths (compounds and metals)': 'ree',
  'titanium (metal)': 'titanium-metal',
  'titanium, sponge metal': 'titanium-metal',
  'titanium mineral concentrates': 'titanium',
  'silicon, metal and ferrosilicon': 'silicon-metal',
  'magnesium metal': 'magnesium',
  'niobium (columbium)': 'niobium',
  sulfur: 'sulphur',
  'phosphate rock': 'phosphate-rock',
  'platinum-group metals': 'pgm',
};

export function usgsMaterial(materials: MaterialLookup, name: string): string | null {
  const base = name.replace(/\d+$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
  const forms = [base, base.split(',')[0].trim(), base.split(' (')[0].trim()];
  for (const form of forms) {
    const id = usgsNames[form] ?? materials.resolve(form);
    if (id) return id;
  }
  return null;
}

/** Stage of a production statistic: mine output is extraction; refinery, smelter and primary metal are processing. */
export function stageOf(detail: string): 'extraction' | 'processing' | null {
  if (/^mine\b/i.test(detail)) return 'extraction';
  if (/refiner|smelter|primary|plant|refined|metal production/i.test(detail)) return 'processing';
  return null;
}

/**
 * The IEA Critical Minerals Data Explorer's own vocabulary, mapped to Radar keys. The workbook is a presentation
 * layout, so these labels are what tells a technology row from a total, and a scenario column from the base year.
 */

export type Scenario = 'historical' | 'STEPS' | 'APS' | 'NZE';

/** Scenario header labels as printed above the year columns. */
export const scenarioLabels: Record<string, Exclude<Scenario, 'historical'>> = {
  'stated policies scenario': 'STEPS',
  'announced pledges scenario': 'APS',
  'net zero emissions by 2050 scenario': 'NZE',
};

export const scenarioNames: Record<Exclude<Scenario, 'historical'>, string> = {
  STEPS: 'Stated Policies Scenario',
  APS: 'Announced Pledges Scenario',
  NZE: 'Net Zero Emissions by 2050 Scenario',
};

/** Technology rows of sheets 1 and 3.1 (clean-energy sectors), plus the rows that are not technologies. */
export const technologyLabels: Record<string, string> = {
  'solar pv': 'solar-pv',
  wind: 'wind',
  'other low emissions power generation': 'other-low-emission-power',
  'low emissions power generation': 'other-low-emission-power',
  'electric vehicles': 'ev',
  'grid battery storage': 'grid-storage',
  'electricity networks': 'networks',
  'hydrogen technologies': 'hydrogen',
};

/** Per-technology sheets (4.x), by the technology part of the sheet name. */
export const technologySheets: Record<string, string> = {
  'solar pv': 'solar-pv',
  wind: 'wind',
  ev: 'ev',
  'battery storage': 'grid-storage',
  'electricity networks': 'networks',
  hydrogen: 'hydrogen',
};

export const technologyNames: Record<string, string> = {
  'solar-pv': 'Solar PV',
  wind: 'Wind',
  'other-low-emission-power': 'Other low-emission power generation',
  ev: 'Electric vehicles',
  'grid-storage': 'Grid battery storage',
  networks: 'Electricity networks',
  hydrogen: 'Hydrogen technologies',
  'clean-tech': 'Total clean technologies',
  'other-uses': 'Other uses',
  total: 'Total demand',
};

export interface MineralKey {
  key: string;
  /** A Radar material id, only where the IEA mineral is exactly that material. */
  materialId: string | null;
}

/**
 * IEA mineral labels. Most are single elements that are Radar materials. Three are not, and keep a material id of
 * null on purpose: "Graphite (all grades)" includes synthetic graphite (Radar has natural graphite), "Magnet rare
 * earth elements" is Nd+Pr+Dy+Tb (the CRMA magnet group also holds Gd, Sm and Ce), and IEA "Silicon" covers
 * polysilicon and anode silicon, not silicon metal only.
 */
export const mineralLabels: Record<string, MineralKey> = {
  'graphite (all grades: natural and synthetic)': { key: 'graphite', materialId: null },
  'battery-grade graphite': { key: 'battery-grade-graphite', materialId: null },
  graphite: { key: 'graphite', materialId: null },
  'magnet rare earth elements': { key: 'magnet-ree', materialId: null },
  'total rare earth elements': { key: 'ree', materialId: null },
  pgms: { key: 'pgm', materialId: null },
  'pgms (other than iridum)': { key: 'pgm-excl-iridium', materialId: null },
  'pgms (other than iridium)': { key: 'pgm-excl-iridium', materialId: null },
  silicon: { key: 'silicon', materialId: null },
};

/** Elements the IEA lists one by one whose key is the Radar material id itself. */
export const elementMinerals = [
  'arsenic',
  'boron',
  'cadmium',
  'chromium',
  'cobalt',
  'copper',
  'dysprosium',
  'gallium',
  'germanium',
  'hafnium',
  'indium',
  'iridium',
  'lanthanum',
  'lead',
  'lithium',
  'magnesium',
  'manganese',
  'molybdenum',
  'neodymium',
  'nickel',
  'niobium',
  'praseodymium',
  'selenium',
  'silver',
  'tantalum',
  'tellurium',
  'terbium',
  'tin',
  'titanium',
  'tungsten',
  'vanadium',
  'yttrium',
  'zinc',
  'zirconium',
] as const;

/** Rare earth elements as rows of sheet 3.2; their sum is the "Total rare earth elements" row. */
export const rareEarthMinerals = new Set([
  'neodymium',
  'dysprosium',
  'praseodymium',
  'terbium',
  'yttrium',
  'lanthanum',
]);

export function normaliseLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

export function slug(label: string): string {
  return normaliseLabel(label)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The mineral key of an IEA label, or undefined for a label this edition did not use. */
export function mineralOf(label: string): MineralKey | undefined {
  const text = normaliseLabel(label);
  if (mineralLabels[text]) return mineralLabels[text];
  if ((elementMinerals as readonly string[]).includes(text)) return { key: text, materialId: text };
  return undefined;
}

/** Supply block stages, as printed after "<Mineral> - ". */
export const stageLabels: Record<string, 'mining' | 'refining'> = {
  mining: 'mining',
  'mining (natural)': 'mining',
  refining: 'refining',
  chemicals: 'refining',
  'battery grade': 'refining',
};

/**
 * What a user may type for a mineral of the demand sheets, beyond its key, label and material id.
 * "graphite" means all grades, as in the IEA's total-demand sheet.
 */
export const mineralSynonyms: Record<string, string> = {
  'rare earths': 'magnet-ree',
  'rare-earths': 'magnet-ree',
  'rare earth elements': 'magnet-ree',
  ree: 'magnet-ree',
  'ree-magnets': 'magnet-ree',
  'magnet ree': 'magnet-ree',
  'natural and synthetic graphite': 'graphite',
};

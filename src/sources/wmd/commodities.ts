/**
 * World Mining Data commodity names → Radar material and value-chain stage. WMD reports production by country;
 * for most commodities that is mine (extraction) output, for the by-product and primary metals it is refinery or
 * smelter output (processing). `material: null` marks commodities that no EU assessment covers (fuels, diamonds…):
 * their rows are kept with `material_id` NULL.
 * The 2023 EU assessment merged aluminium and bauxite, so both map to `aluminium-bauxite` (bauxite = extraction,
 * primary aluminium = processing).
 * Stage of the by-products follows the WMD definitions as we read them (refined output); marked `assumed` where
 * WMD's own documentation was not checked.
 */
export interface CommodityMapping {
  material: string | null;
  stage: 'extraction' | 'processing' | null;
  assumed?: boolean;
}

export const wmdCommodities: Readonly<Record<string, CommodityMapping>> = {
  Aluminium: { material: 'aluminium-bauxite', stage: 'processing' },
  Antimony: { material: 'antimony', stage: 'extraction' },
  Arsenic: { material: 'arsenic', stage: 'processing', assumed: true },
  Asbestos: { material: null, stage: 'extraction' },
  Baryte: { material: 'baryte', stage: 'extraction' },
  Bauxite: { material: 'aluminium-bauxite', stage: 'extraction' },
  Bentonite: { material: 'bentonite', stage: 'extraction' },
  'Beryllium (conc.)': { material: 'beryllium', stage: 'extraction' },
  Bismuth: { material: 'bismuth', stage: 'extraction', assumed: true },
  'Boron Minerals': { material: 'boron', stage: 'extraction' },
  Cadmium: { material: 'cadmium', stage: 'processing', assumed: true },
  'Chromium (Cr2O3)': { material: 'chromium', stage: 'extraction' },
  Cobalt: { material: 'cobalt', stage: 'extraction' },
  'Coking Coal': { material: 'coking-coal', stage: 'extraction' },
  Copper: { material: 'copper', stage: 'extraction' },
  'Diamonds (Gem)': { material: null, stage: 'extraction' },
  'Diamonds (Ind)': { material: null, stage: 'extraction' },
  Diatomite: { material: 'diatomite', stage: 'extraction' },
  Feldspar: { material: 'feldspar', stage: 'extraction' },
  Fluorspar: { material: 'fluorspar', stage: 'extraction' },
  Gallium: { material: 'gallium', stage: 'processing', assumed: true },
  Germanium: { material: 'germanium', stage: 'processing', assumed: true },
  Gold: { material: 'gold', stage: 'extraction' },
  Graphite: { material: 'natural-graphite', stage: 'extraction' },
  'Gypsum and Anhydrite': { material: 'gypsum', stage: 'extraction' },
  Indium: { material: 'indium', stage: 'processing', assumed: true },
  'Iron (Fe)': { material: 'iron-ore', stage: 'extraction' },
  'Kaolin (China-Clay)': { material: 'kaolin-clay', stage: 'extraction' },
  Lead: { material: 'lead', stage: 'extraction' },
  Lignite: { material: null, stage: 'extraction' },
  'Lithium (Li2O)': { material: 'lithium', stage: 'extraction' },
  Magnesite: { material: 'magnesite', stage: 'extraction' },
  Manganese: { material: 'manganese', stage: 'extraction' },
  Mercury: { material: null, stage: 'extraction' },
  Molybdenum: { material: 'molybdenum', stage: 'extraction' },
  'Natural Gas': { material: null, stage: 'extraction' },
  Nickel: { material: 'nickel', stage: 'extraction' },
  'Niobium (Nb2O5)': { material: 'niobium', stage: 'extraction' },
  'Oil Sands (part of Petroleum)': { material: null, stage: 'extraction' },
  'Oil Shales': { material: null, stage: 'extraction' },
  Palladium: { material: 'palladium', stage: 'extraction' },
  Perlite: { material: 'perlite', stage: 'extraction' },
  Petroleum: { material: null, stage: 'extraction' },
  'Phosphate Rock (P2O5)': { material: 'phosphate-rock', stage: 'extraction' },
  Platinum: { material: 'platinum', stage: 'extraction' },
  'Potash (K2O)': { material: 'potash', stage: 'extraction' },
  'Rare Earths (REO)': { material: 'ree', stage: 'extraction' },
  Rhenium: { material: 'rhenium', stage: 'processing', assumed: true },
  Rhodium: { material: 'rhodium', stage: 'extraction' },
  'Salt (rock, brines, marine)': { material: null, stage: 'extraction' },
  Selenium: { material: 'selenium', stage: 'processing', assumed: true },
  Silver: { material: 'silver', stage: 'extraction' },
  'Steam Coal': { material: null, stage: 'extraction' },
  'Sulfur (elementar & industrial)': { material: 'sulphur', stage: 'processing', assumed: true },
  'Talc, Steatite & Pyrophyllite': { material: 'talc', stage: 'extraction' },
  'Tantalum (Ta2O5)': { material: 'tantalum', stage: 'extraction' },
  Tellurium: { material: 'tellurium', stage: 'processing', assumed: true },
  Tin: { material: 'tin', stage: 'extraction' },
  'Titanium (TiO2)': { material: 'titanium', stage: 'extraction' },
  'Tungsten (W)': { material: 'tungsten', stage: 'extraction' },
  'Uranium (U3O8)': { material: null, stage: 'extraction' },
  'Vanadium (V)': { material: 'vanadium', stage: 'extraction', assumed: true },
  Vermiculite: { material: null, stage: 'extraction' },
  Zinc: { material: 'zinc', stage: 'extraction' },
  Zircon: { material: 'zirconium', stage: 'extraction' },
};

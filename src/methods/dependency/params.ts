import type { Threshold } from './criteria.js';
import type { FlowScope, PartnerSet, Side } from './indicators.js';
import type { PersistenceRule } from './persistence.js';
import type { CutRounding } from './ranks.js';

/**
 * The resolved parameters of one product screen: every choice the EC, NBB, FPB, GeoDep and MERICS screens differ
 * on, by name (docs/methods.md §0–§4). Presets (ec2021.ts, nbb.ts, fpb.ts, geodep.ts, merics.ts) give defaults and
 * say which are verified and which are assumed; the user may override any of them.
 */
export interface ScreenParams {
  /** imports (EC, NBB import side, FPB imports) or exports (NBB CDIX mirror, FPB exports). */
  side: Side;
  /** Product level: CN8 (Comext), HS6, HS4 (codes truncated from the stored level). */
  level: Level;
  /** Years of the screen, ascending. */
  years: number[];
  /** Partner set of the HHI (§0.1). */
  hhi_partners: PartnerSet;
  /** Own flow in the ratio's numerator: extra-bloc or all partners. */
  ratio_numerator: FlowScope;
  /** Counter flow in the ratio's denominator: extra-bloc or all partners (EC X_total includes intra-EU, [U]). */
  ratio_denominator: FlowScope;
  /** thresholds (EC, FPB, GeoDep, MERICS) or rank (NBB: mean rank of three indicators, top share). */
  method: 'thresholds' | 'rank';
  hhi: Threshold | null;
  /** A second HHI threshold reported alongside (FPB reports 0.25 and 0.5). */
  hhi_high: Threshold | null;
  extra_share: Threshold | null;
  ratio: Threshold | null;
  /** Concentration of world exports of the product (GeoDep criterion 2); needs world trade (BACI). */
  world_export_hhi: Threshold | null;
  /** Also require the main partner (over all partners) to be outside the bloc (FPB non-EU option b). */
  main_partner_extra: boolean;
  /** Rank method: share of products kept. */
  top_share: number;
  cut_rounding: CutRounding;
  /** Rank method: mean of annual indicators, or indicators of flows pooled over the years. */
  combine: 'mean_of_annual' | 'pooled';
  persistence: PersistenceRule;
  /** value (EUR/USD) or quantity (kg). */
  basis: 'value' | 'quantity';
  /** Which countries are "EU": the EU27_2020 composition for every year, or membership as of 1 July of each year. */
  eu_composition: 'EU27_2020' | 'as_of_year';
  /** Flag a product when this share of its flow sits under non-country partner codes (§0.1). */
  non_country_flag: number;
}

export type Level = 'CN8' | 'HS6' | 'HS4';
export const levels: readonly Level[] = ['CN8', 'HS6', 'HS4'];
export const levelDigits: Record<Level, number> = { CN8: 8, HS6: 6, HS4: 4 };

/** A parameter as shown in a Result: its value, whether it is assumed, and what it means. */
export interface ParamEntry<T = unknown> {
  value: T;
  assumed: boolean;
  description: string;
}

/** Defaults of every parameter, with their status (docs/methods.md tags). */
export type ParamDefaults = { [K in keyof ScreenParams]: ParamEntry<ScreenParams[K]> };

/** How the screen's reporter relates to the EU: some presets read the bloc differently (GeoDep, MERICS). */
export type ReporterKind = 'eu-bloc' | 'eu-member' | 'other';

export type PresetId = 'ec2021' | 'nbb2024' | 'nbb2024-exports' | 'fpb2024' | 'geodep' | 'merics';

export interface Preset {
  id: PresetId;
  title: string;
  /** docs/methods.md section. */
  spec: string;
  defaults(reporter: ReporterKind): ParamDefaults;
}

/** Shorthand for preset tables. */
export const verified = <T>(value: T, description: string): ParamEntry<T> => ({ value, assumed: false, description });
export const assumed = <T>(value: T, description: string): ParamEntry<T> => ({ value, assumed: true, description });

/** Inclusive year range. */
export function yearRange(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Parameters every preset shares unless it says otherwise. */
export function commonDefaults(): Pick<
  ParamDefaults,
  'basis' | 'eu_composition' | 'non_country_flag' | 'cut_rounding'
> {
  return {
    basis: verified('value', 'EUR (Comext) or USD (BACI) statistical value (§0.1)'),
    eu_composition: assumed('EU27_2020', 'EU = the 27 members of 2020 in every year (UK extra-EU throughout)'),
    non_country_flag: assumed(0.05, 'flag products with more than this share under non-country codes (§0.1)'),
    cut_rounding: assumed('ceil', 'rounding of the top-share cut (§3)'),
  };
}

/**
 * Product-level dependency indicators from partner-set sums (docs/methods.md §0.1, §1.1, §3).
 *
 * The store aggregates trade per reporter × product × year into `FlowSums` (sums and sums of squares per partner
 * set); this file turns them into the indicators every screen uses:
 * - HHI = Σ_k x_k² / X² on the 0–1 scale (§0.1). X = 0 → null (the "concentrated" criterion is then not met).
 *   Partner sets (§0.1): `all` (every partner country; FPB), `extraEU` (shares within extra-bloc imports; EC CDI1,
 *   NBB indicator 1), `extraEU_of_total` (shares over total imports, squares of extra-bloc countries only; ECIPE 2023).
 *   Non-country codes (Comext QP…QZ) stay in X but out of Σ x_k² [U, design choice: assumed].
 * - extra share = X_extra / X_total (EC CDI2; NBB CDIX2 on the export side).
 * - ratio = own flow / counter flow, e.g. EC CDI3 = M_extra / X_total; NBB CDIX3 = X_extra / M_total [U, by symmetry].
 *   A zero denominator gives +∞ (the criterion is met; outputs show null with `no_counter_flow` true, §1.1);
 *   a zero numerator gives 0 (M_extra = 0 → not dependent, §1.1).
 *
 * "extra" means outside the reporter's bloc: the EU for EU27 and its member states (the EC member-state adaptation
 * keeps "non-EU partner of the member state", §1.1), the reporter itself for any other country.
 */

/** Sums over the partners of one flow (imports or exports) of one reporter × product × year. */
export interface FlowSums {
  /** Every partner, including non-country codes. */
  total: number;
  /** Partners outside the reporter's bloc, including non-country codes of extra-bloc trade. */
  extra: number;
  /** Σ x_k² over partner countries outside the bloc. */
  extraCountrySq: number;
  /** Σ x_k² over all partner countries. */
  countrySq: number;
  /** Value under non-country partner codes (stores and provisions, not specified, secret). */
  nonCountry: number;
}

export const emptyFlow: FlowSums = Object.freeze({
  total: 0,
  extra: 0,
  extraCountrySq: 0,
  countrySq: 0,
  nonCountry: 0,
});

export type PartnerSet = 'all' | 'extraEU' | 'extraEU_of_total';
export type Side = 'imports' | 'exports';
/** Which partners a flow total in a ratio covers. */
export type FlowScope = 'extra' | 'all';

/**
 * HHI from a sum of squares and the total it is a share of.
 * @example hhiFromSums(60 ** 2 + 30 ** 2 + 10 ** 2, 100) // 0.46
 */
export function hhiFromSums(sumOfSquares: number, total: number): number | null {
  return total > 0 ? sumOfSquares / (total * total) : null;
}

/**
 * HHI of a list of partner values (the plain §0.1 definition; the screens use `hhiFromSums`).
 * @param total X, default Σ values. The ECIPE variant passes total imports.
 * @example hhi([60, 30, 10]) // 0.46
 */
export function hhi(values: readonly number[], total = values.reduce((s, v) => s + v, 0)): number | null {
  return hhiFromSums(
    values.reduce((s, v) => s + v * v, 0),
    total,
  );
}

/** HHI of one flow over a declared partner set (§0.1). */
export function partnerHhi(flow: FlowSums, set: PartnerSet): number | null {
  if (set === 'all') return hhiFromSums(flow.countrySq, flow.total);
  if (set === 'extraEU') return hhiFromSums(flow.extraCountrySq, flow.extra);
  return hhiFromSums(flow.extraCountrySq, flow.total);
}

/** num / den with the §1.1 conventions: 0 / anything = 0, positive / 0 = +∞. */
export function flowRatio(numerator: number, denominator: number): number {
  if (numerator <= 0) return 0;
  return denominator > 0 ? numerator / denominator : Number.POSITIVE_INFINITY;
}

export interface IndicatorOptions {
  side: Side;
  partnerSet: PartnerSet;
  /** Partners of the own flow in the ratio's numerator (EC: extra). */
  ratioNumerator: FlowScope;
  /** Partners of the counter flow in the ratio's denominator (EC: all, i.e. X_total includes intra-EU, [U]). */
  ratioDenominator: FlowScope;
}

export interface Indicators {
  /** Concentration of the own flow over the partner set (EC CDI1 / NBB CDIX1 / FPB HHI). */
  hhi: number | null;
  /** Extra-bloc share of the own flow (EC CDI2 / NBB CDIX2). */
  extraShare: number | null;
  /** Own flow / counter flow (EC CDI3 / NBB CDIX3 / GeoDep M/X); +∞ when the counter flow is zero. */
  ratio: number;
  /** The value the HHI is computed on: the extra-bloc flow, or the total flow for partner set `all`. */
  value: number;
  /** Share of the own flow under non-country partner codes (flag above 5 %, §0.1). */
  nonCountryShare: number | null;
}

/**
 * The three screening indicators of one product on one side.
 * @example
 * // methods.md §1.1 test vector: extra-EU CN 60, US 30, other 10; intra 40; exports 80
 * dependencyIndicators({ imports: {...}, exports: {...} }, { side: 'imports', partnerSet: 'extraEU',
 *   ratioNumerator: 'extra', ratioDenominator: 'all' }) // { hhi: 0.46, extraShare: 0.714…, ratio: 1.25, … }
 */
export function dependencyIndicators(
  sums: { imports: FlowSums; exports: FlowSums },
  options: IndicatorOptions,
): Indicators {
  const own = options.side === 'imports' ? sums.imports : sums.exports;
  const counter = options.side === 'imports' ? sums.exports : sums.imports;
  const pick = (flow: FlowSums, scope: FlowScope) => (scope === 'extra' ? flow.extra : flow.total);
  return {
    hhi: partnerHhi(own, options.partnerSet),
    extraShare: own.total > 0 ? own.extra / own.total : null,
    ratio: flowRatio(pick(own, options.ratioNumerator), pick(counter, options.ratioDenominator)),
    value: options.partnerSet === 'all' ? own.total : own.extra,
    nonCountryShare: own.total > 0 ? own.nonCountry / own.total : null,
  };
}

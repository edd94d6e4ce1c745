/**
 * Export-restriction scenario arithmetic (docs/methods.md §5.3 trade parameter t; issue "export-restriction
 * scenarios"). A restriction by country c on material m at stage k, of a given measure and severity:
 *
 * 1. Supply lost (share):   lost_k = s_{c,k} · severity, for global supply (GS) and EU sourcing (EU) shares s.
 *    Supply lost (trade):   lost value / tonnes = Σ imports from c of the material's codes × severity.
 * 2. Supply risk: the trade parameter of c becomes t'_c = max(t_c, t(measure)); SR is then recomputed with the
 *    criticality engine's formula (methods.md §5.3) on the modified share vectors. Only t changes: shares stay,
 *    because SR measures the risk of the supply structure, not the volume lost.
 *
 * Parameters the sources leave open [U], all labelled assumed:
 * - `tradeParameter` per measure: methods.md §5.3 says values 1.1, 1.2, 1.3, 1.4, 1.5 appear in the EU 2023 table
 *   but the mapping from measure type to value is not published. Defaults: tax 1.1, licence 1.2, quota 1.3, ban 1.5.
 * - `severity` per measure (share of c's supply withheld from the EU): tax 0.1, licence 0.5, quota 0.5, ban 1.0.
 *   A scenario may give its own severity.
 */
import { UserError } from '../../domain/errors.js';

export type Measure = 'tax' | 'quota' | 'ban' | 'licence';
export const measures: readonly Measure[] = ['tax', 'quota', 'ban', 'licence'];
export type SupplyStage = 'extraction' | 'processing';
export const supplyStages: readonly SupplyStage[] = ['extraction', 'processing'];

export interface RestrictionParams {
  tradeParameter: Readonly<Record<Measure, number>>;
  severity: Readonly<Record<Measure, number>>;
}

export const restrictionDefaults: RestrictionParams = {
  tradeParameter: { tax: 1.1, licence: 1.2, quota: 1.3, ban: 1.5 },
  severity: { tax: 0.1, licence: 0.5, quota: 0.5, ban: 1 },
};

/** A country's share of one supply scope (fraction) and its trade parameter t. */
export interface CountryShare {
  country: string;
  share: number;
  t: number;
}

export interface Restriction {
  country: string;
  measure: Measure;
  /** Share of the country's supply withheld, in [0, 1]; default from the measure. */
  severity?: number;
}

export function resolvedSeverity(r: Restriction, params: RestrictionParams): number {
  const severity = r.severity ?? params.severity[r.measure];
  if (!(severity >= 0 && severity <= 1)) {
    throw new UserError(`impossible severity for ${r.country}: ${severity} (expected a fraction 0–1)`);
  }
  return severity;
}

/**
 * Share of a supply scope lost: the restricting country's share × severity (0 when it does not supply).
 * @example supplyLostShare([{ country: 'CHN', share: 0.938, t: 1 }, { country: 'JPN', share: 0.01, t: 1 }], { country: 'CHN', measure: 'ban' }, restrictionDefaults)
 * // 0.938
 */
export function supplyLostShare(
  shares: readonly CountryShare[],
  restriction: Restriction,
  params: RestrictionParams,
): number {
  const severity = resolvedSeverity(restriction, params);
  return shares.filter((s) => s.country === restriction.country).reduce((sum, s) => sum + s.share * severity, 0);
}

/**
 * The share vector with the restricting country's t raised to the measure's value (never lowered).
 * @example withRestriction([{ country: 'CHN', share: 0.9, t: 1 }], { country: 'CHN', measure: 'licence' }, restrictionDefaults)
 * // [{ country: 'CHN', share: 0.9, t: 1.2 }]
 */
export function withRestriction(
  shares: readonly CountryShare[],
  restriction: Restriction,
  params: RestrictionParams,
): CountryShare[] {
  const t = params.tradeParameter[restriction.measure];
  return shares.map((s) => (s.country === restriction.country ? { ...s, t: Math.max(s.t, t) } : { ...s }));
}

export interface PartnerImports {
  partner: string;
  value: number;
  quantityT: number | null;
}

export interface TradeLoss {
  importsValue: number;
  importsT: number | null;
  fromCountryValue: number;
  fromCountryT: number | null;
  lostValue: number;
  lostT: number | null;
  /** Fraction of the imports of these codes that stops: the cut an import-stop shock applies. */
  cutFraction: number;
}

/**
 * Imports lost when the restricting country withholds `severity` of what it ships.
 * @example tradeLoss([{ partner: 'CHN', value: 68, quantityT: 2 }, { partner: 'USA', value: 32, quantityT: 1 }], 'CHN', 1)
 * // { importsValue: 100, fromCountryValue: 68, lostValue: 68, cutFraction: 0.68, importsT: 3, fromCountryT: 2, lostT: 2 }
 */
export function tradeLoss(imports: readonly PartnerImports[], country: string, severity: number): TradeLoss {
  const importsValue = imports.reduce((s, i) => s + i.value, 0);
  const from = imports.filter((i) => i.partner === country);
  const fromCountryValue = from.reduce((s, i) => s + i.value, 0);
  const knownT = imports.every((i) => i.quantityT !== null);
  const importsT = knownT ? imports.reduce((s, i) => s + (i.quantityT ?? 0), 0) : null;
  const fromCountryT = knownT ? from.reduce((s, i) => s + (i.quantityT ?? 0), 0) : null;
  return {
    importsValue,
    importsT,
    fromCountryValue,
    fromCountryT,
    lostValue: fromCountryValue * severity,
    lostT: fromCountryT === null ? null : fromCountryT * severity,
    cutFraction: importsValue > 0 ? (fromCountryValue * severity) / importsValue : 0,
  };
}

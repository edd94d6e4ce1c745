/**
 * Demand growth as the report states it: multiples of the base year, and demand over current world production
 * (docs/methods.md §5.4, the CRMA forecast-demand indicator DF/C,τ = DF_τ / GS_τ0; report digest part 2 §1.3–1.4:
 * JRC "multiple of 2020 demand" and "ratio of future demand to current global supply", IEA "×9 by 2040 (NZE)").
 *
 * - multiple_of_base(τ) = D_τ / D_τ0, with τ0 the base year of the series (IEA: 2023, observed). D_τ0 = 0 → null.
 * - demand_to_production(τ) = D_τ / P_τ0, with P_τ0 world production in the base year (no future supply: the JRC
 *   and the CRMA indicator both divide by current production). P_τ0 ≤ 0 or missing → null.
 * Parameters: baseYear (default: the earliest year of the series, verified for the IEA file, where it is the only
 * observed year); production stage (mining or refining) is chosen by the caller and labelled.
 */

export interface DemandPoint {
  year: number;
  demand: number;
}

export interface DemandGrowth extends DemandPoint {
  multiple_of_base: number | null;
  demand_to_production: number | null;
}

export interface DemandGrowthOptions {
  /** Default: the earliest year in the series. */
  baseYear?: number;
  /** World production in the base year, same unit as demand. */
  production?: number | null;
}

/**
 * @example demandGrowth([{ year: 2023, demand: 165.4 }, { year: 2040, demand: 1430.8 }], { production: 193.8 })
 * // [{ year: 2023, …, multiple_of_base: 1, demand_to_production: 0.853 }, { year: 2040, …, 8.652, 7.383 }]
 */
export function demandGrowth(series: readonly DemandPoint[], options: DemandGrowthOptions = {}): DemandGrowth[] {
  if (series.length === 0) return [];
  const baseYear = options.baseYear ?? Math.min(...series.map((p) => p.year));
  const base = series.find((p) => p.year === baseYear);
  const production = options.production ?? null;
  return [...series]
    .sort((a, b) => a.year - b.year)
    .map((p) => ({
      year: p.year,
      demand: p.demand,
      multiple_of_base: base && base.demand !== 0 ? p.demand / base.demand : null,
      demand_to_production: production !== null && production > 0 ? p.demand / production : null,
    }));
}

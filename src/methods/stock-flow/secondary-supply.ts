import type { StockFlowModel } from './dynamic-stock.js';

/**
 * From product flows to material flows and recyclable secondary supply (issue 7: "end-of-life flows →
 * recyclable secondary supply by year given collection and recycling rates").
 *
 *   material in stock/inflow/outflow = Σ_cohorts product flow_c(t) · content(c)
 *   secondary(t) = EoL(t) · collection(t) · recycling(t)
 *
 * content(c) is the material per product unit of cohort c (e.g. t copper per MW installed in year c), so products
 * leave with the material content of the year they were built, not of the year they are discarded.
 * Parameters: collection rate and recycling (process) rate, fractions in [0, 1], per year or constant; no default
 * is verified — every caller passes them and labels them (the report gives none per technology).
 */

export interface MaterialFlows {
  years: number[];
  inflow: number[];
  /** End-of-life material: regular outflows plus early retirement. */
  eol: number[];
  stock: number[];
}

/** Material flows of a product stock model, with content per unit by cohort year. */
export function materialFlows(model: StockFlowModel, content: (cohortYear: number) => number): MaterialFlows {
  const n = model.years.length;
  const inflow = new Array(n).fill(0);
  const eol = new Array(n).fill(0);
  const stock = new Array(n).fill(0);
  for (const c of model.cohorts) {
    const k = content(c.year);
    for (let i = 0; i < n; i++) {
      if (c.year === model.years[i]) inflow[i] += c.inflow * k;
      eol[i] += (c.outflow[i] + c.earlyRetirement[i]) * k;
      stock[i] += c.stock[i] * k;
    }
  }
  return { years: model.years, inflow, eol, stock };
}

export type Rate = number | readonly number[];

function rateAt(rate: Rate, i: number): number {
  return typeof rate === 'number' ? rate : rate[i];
}

/** A rate is a fraction in [0, 1] for every year; returns the problem, or null. */
export function checkRate(name: string, rate: Rate, years: number): string | null {
  for (let i = 0; i < (typeof rate === 'number' ? 1 : years); i++) {
    const r = rateAt(rate, i);
    if (!(r >= 0 && r <= 1)) return `${name} must be a fraction in [0, 1] (got ${r})`;
  }
  return null;
}

/**
 * Recyclable secondary supply by year: EoL × collection × recycling.
 * @example secondarySupply([100, 200], 0.5, 0.9) // [45, 90]
 */
export function secondarySupply(eol: readonly number[], collection: Rate, recycling: Rate): number[] {
  return eol.map((e, i) => e * rateAt(collection, i) * rateAt(recycling, i));
}

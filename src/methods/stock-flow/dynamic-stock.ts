import { type LifetimeModel, type SurvivalOptions, survival } from './lifetime.js';

/**
 * Dynamic stock model by cohort (issue 7; pitfalls from docs/anchors.md §2: ODYM #1, #10, flodym #13, #133).
 *
 * Cohort c (inflow I_c during year c), with survival shares sf (see lifetime.ts) and a retirement multiplier m_c:
 *   stock_c(t)   = I_c · m_c(t) · sf(t − c)
 *   outflow_c(t) = I_c · m_c(t−1) · (sf(t − c − 1) − sf(t − c)),  sf(−1) = 1
 *   early_c(t)   = I_c · m_c(t−1) · sf(t − c) · (1 − f_t)            (early retirement, stock-driven only)
 * so that, per cohort and year, inflow − outflow − early = Δstock exactly (a telescoping identity, not a fit).
 *
 * Two drivers:
 * - inflow-driven: inflows given → stocks and outflows.
 * - stock-driven: stocks given → the inflow each year that reaches the stock after this year's outflows:
 *     I_t = (S_t − Σ_{c<t} stock_c(t)) / sf(0).
 *   When the stock falls faster than products retire, that inflow is negative (ODYM #10, whose correction grew
 *   the stock instead). Options: 'early-retirement' (default, assumed): no inflow, and the surplus leaves early,
 *   taken from every cohort in proportion to what remains of it (f_t = S_t / stock before retirement), so the stock
 *   meets its target and the age structure keeps its shape; 'clip': no inflow and the stock stays above target
 *   (the deviation is reported); 'error'.
 * - The stock of the first year needs an age structure (flodym #133). Default 'steady-state' (assumed): the
 *   stock is the sum of equal past inflows over all ages that still survive. 'single-cohort' puts the whole
 *   initial stock in the first year's cohort (a wave of outflows one lifetime later); or give past inflows.
 */

export interface Cohort {
  year: number;
  inflow: number;
  /** By model year (index i = year − years[0]); 0 before the cohort enters. */
  stock: Float64Array;
  outflow: Float64Array;
  earlyRetirement: Float64Array;
  /** Stock of this cohort at the end of the year before the first model year. */
  stockBefore: number;
}

export interface StockFlowModel {
  years: number[];
  /** Past cohorts (before years[0]) first, then one cohort per model year. */
  cohorts: Cohort[];
  inflow: number[];
  outflow: number[];
  earlyRetirement: number[];
  stock: number[];
  /** Total stock at the end of the year before years[0]. */
  stockBefore: number;
  /** Stock minus its target (stock-driven 'clip' only; otherwise zeros). */
  targetDeviation: number[];
  /** Years and amounts where a negative inflow was avoided, in words. */
  findings: string[];
}

export type InitialStock = 'steady-state' | 'single-cohort' | { year: number; inflow: number }[];

export interface StockDrivenOptions extends SurvivalOptions {
  negativeInflow?: 'early-retirement' | 'clip' | 'error';
  initial?: InitialStock;
}

export interface InflowDrivenOptions extends SurvivalOptions {
  /** Inflows of years before years[0], still partly in stock. */
  history?: { year: number; inflow: number }[];
}

/** Thrown by the model for inputs no model can meet; analyses turn it into a UserError with the file's name. */
export class StockModelError extends Error {
  override name = 'StockModelError';
}

/** Oldest age whose survival still matters: beyond it less than 1e-12 of a cohort remains (capped at 400 y). */
function maxAge(sf: Float64Array): number {
  let k = 0;
  while (k < sf.length - 1 && sf[k] > 1e-12) k++;
  return k;
}

function newCohort(year: number, inflow: number, n: number): Cohort {
  return {
    year,
    inflow,
    stock: new Float64Array(n),
    outflow: new Float64Array(n),
    earlyRetirement: new Float64Array(n),
    stockBefore: 0,
  };
}

function ensureYears(years: number[]): void {
  for (let i = 1; i < years.length; i++) {
    if (years[i] !== years[i - 1] + 1)
      throw new StockModelError(`years must be consecutive (${years[i - 1]} → ${years[i]})`);
  }
}

function totals(years: number[], cohorts: Cohort[], findings: string[], deviation?: number[]): StockFlowModel {
  const n = years.length;
  const sum = (pick: (c: Cohort) => Float64Array) =>
    Array.from({ length: n }, (_, i) => cohorts.reduce((s, c) => s + pick(c)[i], 0));
  const inflow = Array.from({ length: n }, (_, i) =>
    cohorts.filter((c) => c.year === years[i]).reduce((s, c) => s + c.inflow, 0),
  );
  return {
    years,
    cohorts,
    inflow,
    outflow: sum((c) => c.outflow),
    earlyRetirement: sum((c) => c.earlyRetirement),
    stock: sum((c) => c.stock),
    stockBefore: cohorts.reduce((s, c) => s + c.stockBefore, 0),
    targetDeviation: deviation ?? new Array(n).fill(0),
    findings,
  };
}

/** Age a cohort over the model years with survival sf (no early retirement). */
function ageCohort(c: Cohort, years: number[], sf: Float64Array): void {
  const at = (age: number) => (age < 0 ? 1 : sf[Math.min(age, sf.length - 1)]);
  c.stockBefore = years[0] - 1 >= c.year ? c.inflow * at(years[0] - 1 - c.year) : 0;
  for (let i = 0; i < years.length; i++) {
    const age = years[i] - c.year;
    if (age < 0) continue;
    c.stock[i] = c.inflow * at(age);
    c.outflow[i] = c.inflow * (at(age - 1) - at(age));
  }
}

/**
 * Inflow-driven model: stocks and outflows of given inflows.
 * @example inflowDriven([2020, 2021, 2022], [10, 0, 0], { distribution: 'fixed', years: 1 }).outflow // [0, 10, 0]
 */
export function inflowDriven(
  years: number[],
  inflows: number[],
  lifetime: LifetimeModel,
  options: InflowDrivenOptions = {},
): StockFlowModel {
  ensureYears(years);
  if (inflows.length !== years.length) throw new StockModelError('one inflow per year is needed');
  for (const [i, v] of inflows.entries()) {
    if (!(v >= 0)) throw new StockModelError(`inflow of ${years[i]} must be ≥ 0 (got ${v})`);
  }
  const history = options.history ?? [];
  const oldest = Math.min(years[0], ...history.map((h) => h.year));
  const sf = survival(lifetime, years.at(-1)! - oldest + 1, options);
  const n = years.length;
  const cohorts = [
    ...history.filter((h) => h.year < years[0]).map((h) => newCohort(h.year, h.inflow, n)),
    ...years.map((y, i) => newCohort(y, inflows[i], n)),
  ];
  for (const c of cohorts) ageCohort(c, years, sf);
  return totals(years, cohorts, []);
}

/**
 * Stock-driven model: the inflows that keep the stock on its path, with outflows and early retirement.
 * @example stockDriven([2020, 2021], [100, 100], { distribution: 'fixed', years: 10 }).inflow // [10, 10]
 */
export function stockDriven(
  years: number[],
  stocks: number[],
  lifetime: LifetimeModel,
  options: StockDrivenOptions = {},
): StockFlowModel {
  ensureYears(years);
  if (stocks.length !== years.length) throw new StockModelError('one stock per year is needed');
  for (const [i, v] of stocks.entries()) {
    if (!(v >= 0)) throw new StockModelError(`stock of ${years[i]} must be ≥ 0 (got ${v})`);
  }
  const mode = options.negativeInflow ?? 'early-retirement';
  const initial = options.initial ?? 'steady-state';
  const n = years.length;
  const probe = survival(lifetime, 400, options);
  if (probe[0] <= 0) {
    throw new StockModelError(
      'the lifetime leaves nothing in stock at the end of the entry year; no stock can be held',
    );
  }

  // Past cohorts: the age structure of the first year's stock.
  let past: { year: number; inflow: number }[];
  if (Array.isArray(initial)) {
    past = initial.filter((h) => h.year <= years[0]);
  } else if (initial === 'single-cohort') {
    past = [{ year: years[0], inflow: stocks[0] / probe[0] }];
  } else {
    const ages = maxAge(probe);
    let held = 0;
    for (let k = 0; k <= ages; k++) held += probe[k];
    past = Array.from({ length: ages + 1 }, (_, k) => ({ year: years[0] - k, inflow: stocks[0] / held }));
  }
  const oldest = Math.min(years[0], ...past.map((p) => p.year));
  const sf = survival(lifetime, years.at(-1)! - oldest + 1, options);
  const at = (age: number) => (age < 0 ? 1 : sf[Math.min(age, sf.length - 1)]);

  const cohorts: Cohort[] = [];
  for (const p of past.sort((a, b) => a.year - b.year)) {
    const c = newCohort(p.year, p.inflow, n);
    c.stockBefore = years[0] - 1 >= c.year ? c.inflow * at(years[0] - 1 - c.year) : 0;
    cohorts.push(c);
  }
  const multiplier = new Map<Cohort, number>(cohorts.map((c) => [c, 1]));
  const findings: string[] = [];
  const deviation = new Array(n).fill(0);

  for (let i = 0; i < n; i++) {
    const t = years[i];
    // Existing cohorts (entered before t, or the past cohort of the first year) age one year.
    let held = 0;
    for (const c of cohorts) {
      const age = t - c.year;
      const m = multiplier.get(c)!;
      c.outflow[i] = c.inflow * m * (at(age - 1) - at(age));
      c.stock[i] = c.inflow * m * at(age);
      held += c.stock[i];
    }
    if (i === 0 && past.some((p) => p.year === t)) {
      // The first year's cohort is part of the given age structure; the stock is met by construction.
      deviation[i] = held - stocks[i];
      continue;
    }
    const required = (stocks[i] - held) / sf[0];
    const scale = Math.max(stocks[i], held, 1e-300);
    if (required >= -1e-12 * scale) {
      const c = newCohort(t, Math.max(0, required), n);
      c.stock[i] = c.inflow * sf[0];
      c.outflow[i] = c.inflow * (1 - sf[0]);
      cohorts.push(c);
      multiplier.set(c, 1);
      continue;
    }
    const surplus = held - stocks[i];
    if (mode === 'error') {
      throw new StockModelError(
        `the stock falls by more than products retire in ${t}: the inflow would be ${required} (negative)`,
      );
    }
    if (mode === 'clip') {
      deviation[i] = surplus;
      findings.push(`${t}: stock above target by ${surplus} (inflow clipped at 0)`);
      continue;
    }
    const f = stocks[i] / held;
    for (const c of cohorts) {
      if (c.stock[i] === 0) continue;
      c.earlyRetirement[i] = c.stock[i] * (1 - f);
      c.stock[i] *= f;
      multiplier.set(c, multiplier.get(c)! * f);
    }
    findings.push(`${t}: ${surplus} retired early (the stock falls faster than products reach their end of life)`);
  }
  return totals(years, cohorts, findings, deviation);
}

/**
 * Largest violation of inflow − outflow − early = Δstock over all cohorts and years (0 up to rounding).
 * The identity every model run must satisfy; used by tests and as a guard in analyses.
 */
export function massBalanceError(model: StockFlowModel): number {
  let worst = 0;
  for (const c of model.cohorts) {
    let before = c.stockBefore;
    for (let i = 0; i < model.years.length; i++) {
      const inflow = c.year === model.years[i] ? c.inflow : 0;
      const gap = Math.abs(inflow - c.outflow[i] - c.earlyRetirement[i] - (c.stock[i] - before));
      worst = Math.max(worst, gap);
      before = c.stock[i];
    }
  }
  return worst;
}

import { UserError } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import {
  type InitialStock,
  inflowDriven,
  massBalanceError,
  StockModelError,
  stockDriven,
} from '../methods/stock-flow/dynamic-stock.js';
import { describeLifetime } from '../methods/stock-flow/lifetime.js';
import { checkRate, materialFlows, secondarySupply } from '../methods/stock-flow/secondary-supply.js';
import { fileProvenance, parseLifetimeSpec, readSeries } from './demand-files.js';

export interface StockFlowOptions {
  /** CSV with year and inflow (inflow-driven) or year and stock (stock-driven). */
  file: string;
  /** e.g. "weibull:2.5:15", "normal:12:4", "fixed:10" (years). */
  lifetime: string;
  /** Material per product unit (default 1: the series is already material). */
  content?: number;
  collection?: number;
  recycling?: number;
  negativeInflow?: 'early-retirement' | 'clip' | 'error';
  initial?: 'steady-state' | 'single-cohort';
  /** Age at the end of the entry year (default 0.5). */
  entryAge?: number;
}

/**
 * Dynamic stock model of one product (or material) series: inflows, outflows, stock, end-of-life material and the
 * recyclable secondary supply by year. Mass balance is checked on every run (inflow − outflow = Δstock per cohort).
 * @example stockFlow({ file: 'ev-batteries.csv', lifetime: 'weibull:3:12', content: 0.008, collection: 0.9, recycling: 0.8 })
 */
export function stockFlow(options: StockFlowOptions): Result {
  const series = readSeries(options.file);
  const lifetime = parseLifetimeSpec(options.lifetime);
  const content = options.content ?? 1;
  if (!(content >= 0)) throw new UserError(`--content must be ≥ 0 (got ${options.content})`);
  const collection = options.collection ?? 1;
  const recycling = options.recycling ?? 1;
  for (const [name, rate] of [
    ['--collection', collection],
    ['--recycling', recycling],
  ] as const) {
    const problem = checkRate(name, rate, 1);
    if (problem) throw new UserError(problem);
  }
  const entryAge = options.entryAge ?? 0.5;
  if (!(entryAge >= 0 && entryAge <= 1)) throw new UserError(`--entry-age must be in [0, 1] (got ${entryAge})`);
  let model: ReturnType<typeof stockDriven>;
  try {
    model =
      series.driver === 'stock'
        ? stockDriven(series.years, series.values, lifetime, {
            negativeInflow: options.negativeInflow,
            initial: (options.initial ?? 'steady-state') as InitialStock,
            entryAge,
          })
        : inflowDriven(series.years, series.values, lifetime, { entryAge });
  } catch (e) {
    if (e instanceof StockModelError) throw new UserError(`${series.file.name}: ${e.message}`);
    throw e;
  }
  const scale = Math.max(1, ...series.values);
  const imbalance = massBalanceError(model);
  if (imbalance > 1e-9 * scale) throw new Error(`stock model out of balance by ${imbalance}: please report this`);

  const flows = materialFlows(model, () => content);
  const secondary = secondarySupply(flows.eol, collection, recycling);
  const rows = model.years.map((year, i) => ({
    year,
    inflow: model.inflow[i],
    outflow: model.outflow[i],
    early_retirement: model.earlyRetirement[i],
    stock: model.stock[i],
    stock_change: model.stock[i] - (i === 0 ? model.stockBefore : model.stock[i - 1]),
    end_of_life_material: flows.eol[i],
    secondary_supply: secondary[i],
    target_deviation: series.driver === 'stock' ? model.targetDeviation[i] : null,
  }));
  const warnings = [...model.findings];
  if (series.driver === 'stock') {
    warnings.push(
      `The ${series.years[0]} stock is given an age structure (${options.initial ?? 'steady-state'}, assumed); its inflow is that assumption, not data.`,
    );
  } else {
    warnings.push(`Products in use before ${series.years[0]} are not in the series: their end of life is missing.`);
  }
  return result({
    columns: [
      { name: 'year', type: 'integer' },
      { name: 'inflow', type: 'number' },
      { name: 'outflow', type: 'number', description: 'products reaching the end of their lifetime' },
      {
        name: 'early_retirement',
        type: 'number',
        description: 'removed before their lifetime to meet a falling stock',
      },
      { name: 'stock', type: 'number' },
      { name: 'stock_change', type: 'number', description: 'inflow − outflow − early retirement' },
      { name: 'end_of_life_material', type: 'number', description: '(outflow + early retirement) × content' },
      { name: 'secondary_supply', type: 'number', description: 'end-of-life material × collection × recycling' },
      { name: 'target_deviation', type: 'number', description: 'stock − target (stock-driven, clip)' },
    ],
    rows,
    provenance: [fileProvenance(series.file, `${series.driver} series`)],
    method: {
      id: 'stock-flow.dynamic-stock',
      version: '1',
      params: {
        driver: { value: series.driver, assumed: false },
        lifetime: {
          value: describeLifetime(lifetime),
          assumed: true,
          description: 'given by the user; no verified default',
        },
        entry_age: {
          value: entryAge,
          assumed: options.entryAge === undefined,
          description: 'age at the end of the entry year',
        },
        content: { value: content, assumed: options.content === undefined },
        collection_rate: { value: collection, assumed: options.collection === undefined },
        recycling_rate: { value: recycling, assumed: options.recycling === undefined },
        negative_inflow: {
          value: options.negativeInflow ?? 'early-retirement',
          assumed: options.negativeInflow === undefined,
        },
        initial_stock: { value: options.initial ?? 'steady-state', assumed: options.initial === undefined },
      },
    },
    warnings,
  });
}

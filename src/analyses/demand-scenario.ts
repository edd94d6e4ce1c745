import { UserError } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import { checkSubShares, materialIntensity } from '../methods/demand/bottom-up.js';
import {
  inflowDriven,
  type StockFlowModel,
  StockModelError,
  stockDriven,
} from '../methods/stock-flow/dynamic-stock.js';
import { describeLifetime, type LifetimeModel } from '../methods/stock-flow/lifetime.js';
import { checkRate, materialFlows, secondarySupply } from '../methods/stock-flow/secondary-supply.js';
import {
  type Deployment,
  fileProvenance,
  parseLifetimeSpec,
  readDeployment,
  readIntensities,
  readLifetimes,
} from './demand-files.js';

export interface ScenarioDemandOptions {
  /** Deployment CSV, or a bundled scenario name (e.g. flanders-energy-plan). */
  deployment: string;
  /** Intensity CSV, or a bundled name (e.g. iea-2021-intensities). */
  intensities: string;
  /** Lifetime per technology (CSV: technology, lifetime); without it, no replacement and no end of life. */
  lifetimes?: string;
  /** One lifetime for every technology the lifetime file does not list, e.g. "weibull:5.3759:30". */
  lifetime?: string;
  /** Yearly relative change of every intensity (default 0, assumed). */
  intensityChange?: number;
  /** Collection rate of end-of-life products (default 0: no secondary supply unless given). */
  collection?: number;
  /** Recycling (process) rate of collected material (default 0: no secondary supply unless given). */
  recycling?: number;
  negativeInflow?: 'early-retirement' | 'clip' | 'error';
}

/** Yearly values of a deployment series: cumulative stocks interpolated linearly between the years given (assumed). */
function yearly(points: Map<number, number>, basis: 'cumulative' | 'additions'): { years: number[]; values: number[] } {
  const given = [...points.keys()].sort((a, b) => a - b);
  const years = Array.from({ length: given.at(-1)! - given[0] + 1 }, (_, i) => given[0] + i);
  const values = years.map((y) => {
    if (points.has(y)) return points.get(y)!;
    if (basis === 'additions') return 0;
    const before = given.filter((g) => g < y).at(-1)!;
    const after = given.find((g) => g > y)!;
    const w = (y - before) / (after - before);
    return points.get(before)! * (1 - w) + points.get(after)! * w;
  });
  return { years, values };
}

interface TechnologyRun {
  technology: string;
  years: number[];
  /** Units deployed per year (new installations incl. replacements). */
  added: number[];
  model: StockFlowModel | null;
  /** Index of the first year reported (the first year of a cumulative series only sets the starting stock). */
  from: number;
}

function runTechnology(
  technology: string,
  s: Deployment['series'] extends Map<string, infer V> ? V : never,
  lifetime: LifetimeModel | undefined,
  negativeInflow: ScenarioDemandOptions['negativeInflow'],
  where: string,
): TechnologyRun {
  const { years, values } = yearly(s.points, s.basis);
  if (lifetime) {
    try {
      const model =
        s.basis === 'cumulative'
          ? stockDriven(years, values, lifetime, { negativeInflow })
          : inflowDriven(years, values, lifetime);
      return { technology, years, added: model.inflow, model, from: s.basis === 'cumulative' ? 1 : 0 };
    } catch (e) {
      if (e instanceof StockModelError) throw new UserError(`${where}: ${technology}: ${e.message}`);
      throw e;
    }
  }
  if (s.basis === 'additions') return { technology, years, added: values, model: null, from: 0 };
  const added = values.map((v, i) => (i === 0 ? 0 : Math.max(0, v - values[i - 1])));
  return { technology, years, added, model: null, from: 1 };
}

/**
 * Material demand of a deployment scenario (e.g. the Flemish Energy Plan 2021–2030, as the OVAM study did),
 * with end-of-life flows and recyclable secondary supply when lifetimes and rates are given.
 * @example scenarioDemand({ deployment: 'flanders-energy-plan', intensities: 'iea-2021-intensities' })
 * // wind-onshore copper 2021: 100 MW × 2.9 t/MW = 290 t …
 */
export function scenarioDemand(options: ScenarioDemandOptions): Result {
  const deployment = readDeployment(options.deployment);
  const intensities = readIntensities(options.intensities);
  const lifetimes = options.lifetimes ? readLifetimes(options.lifetimes) : null;
  const fallback = options.lifetime ? parseLifetimeSpec(options.lifetime) : undefined;
  const collection = options.collection ?? 0;
  const recycling = options.recycling ?? 0;
  for (const [name, rate] of [
    ['--collection', collection],
    ['--recycling', recycling],
  ] as const) {
    const problem = checkRate(name, rate, 1);
    if (problem) throw new UserError(problem);
  }
  const shareProblems = checkSubShares(intensities.rows);
  if (shareProblems.length) throw new UserError(`${intensities.file.name}: ${shareProblems.join('; ')}`);

  const warnings: string[] = [];
  const firstYear = Math.min(...[...deployment.series.values()].flatMap((s) => [...s.points.keys()]));
  const baseYear = intensities.baseYear ?? firstYear;
  if (intensities.baseYear === null) {
    warnings.push(`${intensities.file.name} gives no base_year: intensities are taken to describe ${baseYear}.`);
  }
  const change = options.intensityChange ?? 0;
  const rows: Record<string, unknown>[] = [];
  const lifetimeUsed: Record<string, string> = {};

  for (const [technology, s] of deployment.series) {
    const own = intensities.rows.filter((r) => r.technology === technology);
    if (own.length === 0) {
      warnings.push(`${technology}: no intensities in ${intensities.file.name}; no material demand computed.`);
      continue;
    }
    if (intensities.base.get(technology) !== s.base) {
      throw new UserError(
        `${technology}: deployment is per ${s.base} but intensities in ${intensities.file.name} are per ${intensities.base.get(technology)}`,
      );
    }
    const lifetime = lifetimes?.models.get(technology) ?? fallback;
    if (lifetime) lifetimeUsed[technology] = describeLifetime(lifetime);
    const run = runTechnology(technology, s, lifetime, options.negativeInflow, deployment.file.name);
    if (run.model?.findings.length) warnings.push(...run.model.findings.map((f) => `${technology}: ${f}`));
    const materials = [...new Set(own.map((r) => r.material))];
    for (const material of materials) {
      const content = (year: number) =>
        materialIntensity(intensities.rows, technology, material, year, { baseYear, annualChange: change });
      const flows = run.model ? materialFlows(run.model, content) : null;
      const eol = flows?.eol ?? run.years.map(() => 0);
      const secondary = secondarySupply(eol, collection, recycling);
      for (let i = run.from; i < run.years.length; i++) {
        const demand = run.added[i] * content(run.years[i]);
        rows.push({
          scenario: deployment.scenario,
          technology,
          material,
          year: run.years[i],
          deployed: run.added[i],
          deployed_unit: s.base,
          demand,
          end_of_life: run.model ? eol[i] : null,
          secondary_supply: run.model ? secondary[i] : null,
          net_demand: demand - (run.model ? secondary[i] : 0),
          unit: 't',
        });
      }
    }
    if (!lifetime) {
      warnings.push(
        `${technology}: no lifetime given, so no replacement and no end of life; demand covers ${
          s.basis === 'cumulative' ? 'capacity growth' : 'the additions given'
        } only (add --lifetime or --lifetimes for replacements, EoL and secondary supply).`,
      );
    }
  }
  if (deployment.series.size && [...deployment.series.values()].some((s) => s.basis === 'cumulative')) {
    warnings.push(
      'Cumulative capacities are interpolated linearly between the years given (assumed); the first year only sets the starting stock.',
    );
  }
  rows.sort(
    (a, b) =>
      String(a.material).localeCompare(String(b.material)) ||
      String(a.technology).localeCompare(String(b.technology)) ||
      (a.year as number) - (b.year as number),
  );
  return result({
    columns: [
      { name: 'scenario', type: 'string' },
      { name: 'technology', type: 'string' },
      { name: 'material', type: 'string' },
      { name: 'year', type: 'integer' },
      {
        name: 'deployed',
        type: 'number',
        description: 'units installed in the year (capacity growth plus replacements)',
      },
      { name: 'deployed_unit', type: 'string' },
      { name: 'demand', type: 'number', unit: 't', description: 'deployed × material intensity of that year' },
      { name: 'end_of_life', type: 'number', unit: 't', description: 'material in products reaching end of life' },
      { name: 'secondary_supply', type: 'number', unit: 't', description: 'end of life × collection × recycling' },
      { name: 'net_demand', type: 'number', unit: 't', description: 'demand − secondary supply' },
      { name: 'unit', type: 'string' },
    ],
    rows,
    provenance: [
      fileProvenance(deployment.file, 'deployment scenario'),
      fileProvenance(intensities.file, 'material intensities'),
      ...(lifetimes ? [fileProvenance(lifetimes.file, 'lifetimes')] : []),
    ],
    method: {
      id: 'demand.bottom-up',
      version: '1',
      params: {
        intensity_base_year: { value: baseYear, assumed: intensities.baseYear === null },
        intensity_change: { value: change, assumed: options.intensityChange === undefined, description: 'per year' },
        lifetimes: { value: lifetimeUsed, assumed: true, description: 'no lifetime has a verified default' },
        collection_rate: { value: collection, assumed: options.collection === undefined },
        recycling_rate: { value: recycling, assumed: options.recycling === undefined },
        negative_inflow: {
          value: options.negativeInflow ?? 'early-retirement',
          assumed: options.negativeInflow === undefined,
        },
        initial_stock: { value: 'steady-state', assumed: true, description: 'age structure of the first year’s stock' },
        interpolation: { value: 'linear', assumed: true },
      },
    },
    warnings,
  });
}

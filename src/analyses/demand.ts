import { ensureOneOf, UserError } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import { demandGrowth } from '../methods/demand/multiples.js';
import { technologyShares } from '../methods/demand/technology-shares.js';
import { type Scenario, scenarioNames, technologyNames } from '../sources/iea-cm/labels.js';
import type { Db } from '../store/db.js';
import {
  readDemandByTechnology,
  readDemandSeries,
  readIeaDataset,
  readWorldSupply,
  resolveMineral,
} from './demand-queries.js';
import { provenance } from './provenance.js';

export const scenarioIds = ['STEPS', 'APS', 'NZE'] as const;
export type ScenarioChoice = (typeof scenarioIds)[number] | 'all';

export interface DemandOptions {
  /** STEPS, APS, NZE or all (default all). */
  scenario?: string;
  material: string;
  /** 'total' (all uses; default where the IEA publishes it) or 'clean-tech'. */
  scope?: 'total' | 'clean-tech';
  /** One technology's demand instead of a scope (solar-pv, wind, ev, grid-storage, networks, hydrogen, …). */
  technology?: string;
  /** World production stage for demand ÷ production: 'mining' (default) or 'refining'. */
  productionStage?: 'mining' | 'refining';
  /** Default: the base year of the file (2023 in the May 2024 edition). */
  baseYear?: number;
  /** An iea-cm dataset id; default the latest imported. */
  dataset?: string;
}

function scenariosOf(choice: string | undefined): Exclude<Scenario, 'historical'>[] {
  const s = ensureOneOf('scenario', (choice ?? 'all').toUpperCase() === 'ALL' ? 'all' : (choice ?? '').toUpperCase(), [
    ...scenarioIds,
    'all',
  ]);
  return s === 'all' ? [...scenarioIds] : [s as Exclude<Scenario, 'historical'>];
}

/**
 * Demand for one mineral per scenario and year from the IEA Critical Minerals dataset, with the multiple of the
 * base year and demand ÷ base-year world production (docs/methods.md §5.4).
 * @example await demandProjection(db, { scenario: 'NZE', material: 'lithium' })
 * // rows 2023 … 2050; 2040: demand 1430.8 kt, multiple_of_base 8.65 (the report's "×9 by 2040, NZE")
 */
export async function demandProjection(db: Db, options: DemandOptions): Promise<Result> {
  const dataset = await readIeaDataset(db, options.dataset);
  const scenarios = scenariosOf(options.scenario);
  const mineral = await resolveMineral(db, dataset.id, options.material);
  const warnings: string[] = [];
  let scope = options.scope ?? 'total';
  let what: { scope: 'total' | 'clean-tech' } | { technology: string } = options.technology
    ? { technology: options.technology }
    : { scope };
  let series = await readDemandSeries(db, dataset.id, mineral.mineral, what, scenarios);
  if (series.length === 0 && !options.technology && scope === 'total' && !options.scope) {
    scope = 'clean-tech';
    what = { scope };
    series = await readDemandSeries(db, dataset.id, mineral.mineral, what, scenarios);
    warnings.push(
      `The IEA publishes total demand (all uses) only for copper, cobalt, lithium, nickel, graphite and the magnet ` +
        `rare earths; ${mineral.mineral_label} shows clean-technology demand only.`,
    );
  }
  if (series.length === 0) {
    throw new UserError(
      `no IEA ${options.technology ? `demand of technology "${options.technology}"` : `${scope} demand`} for ` +
        `${mineral.mineral_label}`,
      options.technology
        ? `Technologies: ${Object.keys(technologyNames).join(', ')}`
        : 'Try --scope clean-tech, or `radar demand --material <m> --by technology`.',
    );
  }
  const base = series.find((s) => s.scenario === 'historical');
  const baseYear = options.baseYear ?? base?.year ?? Math.min(...series.map((s) => s.year));
  const stage = options.productionStage ?? (mineral.mineral === 'battery-grade-graphite' ? 'refining' : 'mining');
  const supplyMineral = mineral.mineral === 'battery-grade-graphite' ? 'graphite' : mineral.mineral;
  const production = await readWorldSupply(db, dataset.id, supplyMineral, stage, baseYear);
  if (!production) {
    warnings.push(
      `No IEA world ${stage} supply for ${mineral.mineral_label} in ${baseYear}: demand_to_production is empty.`,
    );
  } else if (mineral.mineral === 'graphite' && stage === 'mining') {
    warnings.push(
      'Graphite demand covers all grades (natural and synthetic) but IEA mining supply covers natural graphite only; ' +
        'demand_to_production overstates the pressure on mines.',
    );
  }

  const rows = scenarios.flatMap((scenario) => {
    const points = series.filter((s) => s.scenario === scenario || s.scenario === 'historical');
    return demandGrowth(
      points.map((p) => ({ year: p.year, demand: p.value })),
      { baseYear, production: production?.value ?? null },
    ).map((g) => ({
      scenario,
      material: mineral.mineral,
      year: g.year,
      demand: g.demand,
      unit: series[0].unit,
      multiple_of_base: g.multiple_of_base,
      demand_to_production: g.demand_to_production,
      observed: g.year === base?.year,
    }));
  });
  if (rows.every((r) => r.multiple_of_base === null)) {
    warnings.push(`No demand in base year ${baseYear}: multiple_of_base is empty.`);
  }

  return result({
    columns: [
      { name: 'scenario', type: 'string', description: 'IEA scenario: STEPS, APS or NZE (the base year is shared)' },
      { name: 'material', type: 'string', description: 'IEA mineral key' },
      { name: 'year', type: 'integer' },
      {
        name: 'demand',
        type: 'number',
        unit: series[0].unit,
        description: 'technology' in what ? `demand of ${what.technology}` : `${scope} demand`,
      },
      { name: 'unit', type: 'string' },
      { name: 'multiple_of_base', type: 'number', unit: '×', description: `demand ÷ demand in ${baseYear}` },
      {
        name: 'demand_to_production',
        type: 'number',
        unit: '×',
        description: `demand ÷ world ${stage} supply in ${baseYear} (${production?.value ?? 'n/a'} ${production?.unit ?? ''})`,
      },
      { name: 'observed', type: 'boolean', description: 'true for the observed base year, false for projections' },
    ],
    rows,
    provenance: await provenance(db, [dataset.id]),
    method: {
      id: 'demand.iea-projection',
      version: '1',
      spec: 'docs/methods.md §5.4',
      params: {
        scenario: { value: scenarios.length === 1 ? scenarios[0] : 'all', assumed: false },
        material: { value: mineral.mineral, assumed: false, description: mineral.mineral_label },
        scope: { value: 'technology' in what ? `technology:${what.technology}` : scope, assumed: false },
        base_year: { value: baseYear, assumed: false, description: 'the observed year of the IEA file' },
        production_stage: {
          value: stage,
          assumed: options.productionStage === undefined,
          description: 'world supply stage that demand is compared with (the CRMA indicator names no stage)',
        },
      },
    },
    warnings,
  });
}

export interface DemandByTechnologyOptions {
  scenario?: string;
  material: string;
  year?: number;
  dataset?: string;
}

/**
 * Competition between technologies for one material: each technology's share of demand and of its growth.
 * @example await demandByTechnology(db, { scenario: 'NZE', material: 'cobalt', year: 2030 })
 * // ev 236.4 kt, share 0.58 of demand and 0.89 of growth since 2023; other uses 167 kt …
 */
export async function demandByTechnology(db: Db, options: DemandByTechnologyOptions): Promise<Result> {
  const dataset = await readIeaDataset(db, options.dataset);
  const scenarios = scenariosOf(options.scenario);
  const mineral = await resolveMineral(db, dataset.id, options.material);
  const parts = await readDemandByTechnology(db, dataset.id, mineral.mineral, scenarios);
  if (parts.length === 0) throw new UserError(`no IEA demand by technology for ${mineral.mineral_label}`);
  const warnings: string[] = [];
  if (parts[0].table_kind !== 'total-demand') {
    warnings.push(
      `The IEA splits ${mineral.mineral_label} by technology for clean technologies only: shares are of clean-technology demand.`,
    );
  }
  const rows = scenarios.flatMap((scenario) => {
    const inScenario = parts.filter((p) => p.scenario === scenario || p.scenario === 'historical');
    return technologyShares(inScenario.map((p) => ({ technology: p.technology, year: p.year, demand: p.value })))
      .filter((s) => options.year === undefined || s.year === options.year)
      .map((s) => ({
        scenario,
        material: mineral.mineral,
        year: s.year,
        technology: s.technology,
        technology_name: technologyNames[s.technology] ?? s.technology,
        demand: s.demand,
        unit: parts[0].unit,
        share_of_demand: s.share_of_demand,
        share_of_growth: s.share_of_growth,
        rank: s.rank,
      }));
  });
  if (rows.length === 0) throw new UserError(`no IEA values for ${mineral.mineral_label} in ${options.year}`);
  return result({
    columns: [
      { name: 'scenario', type: 'string' },
      { name: 'material', type: 'string' },
      { name: 'year', type: 'integer' },
      { name: 'technology', type: 'string' },
      { name: 'technology_name', type: 'string' },
      { name: 'demand', type: 'number', unit: parts[0].unit },
      { name: 'unit', type: 'string' },
      { name: 'share_of_demand', type: 'number', unit: 'fraction' },
      {
        name: 'share_of_growth',
        type: 'number',
        unit: 'fraction',
        description: 'share of the change since the base year',
      },
      { name: 'rank', type: 'integer', description: 'rank by demand within the year' },
    ],
    rows,
    provenance: await provenance(db, [dataset.id]),
    method: {
      id: 'demand.technology-competition',
      version: '1',
      params: {
        scenario: { value: scenarios.length === 1 ? scenarios[0] : 'all', assumed: false },
        material: { value: mineral.mineral, assumed: false, description: mineral.mineral_label },
        scenario_names: { value: scenarios.map((s) => scenarioNames[s]), assumed: false },
      },
    },
    warnings,
  });
}

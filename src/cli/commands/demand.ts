import { demandByTechnology, demandProjection } from '../../analyses/demand.js';
import { scenarioDemand } from '../../analyses/demand-scenario.js';
import { UsageError } from '../../domain/errors.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export interface DemandCliOptions {
  scenario?: string;
  material?: string;
  scope?: 'total' | 'clean-tech';
  technology?: string;
  by?: string;
  year?: string;
  baseYear?: string;
  productionStage?: 'mining' | 'refining';
  dataset?: string;
  deployment?: string;
  intensities?: string;
  lifetimes?: string;
  lifetime?: string;
  intensityChange?: string;
  collection?: string;
  recycling?: string;
  negativeInflow?: 'early-retirement' | 'clip' | 'error';
  format?: string;
  json?: boolean;
}

function num(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`invalid ${name}: "${text}" (expected a number)`);
  return v;
}

/** `radar demand`: IEA scenario demand for one material, by technology, or a user deployment scenario. */
export async function demand(ctx: CliContext, o: DemandCliOptions): Promise<void> {
  if (o.deployment || o.intensities) {
    if (!o.deployment || !o.intensities) {
      throw new UsageError('a user scenario needs both --deployment and --intensities');
    }
    const result = scenarioDemand({
      deployment: o.deployment,
      intensities: o.intensities,
      lifetimes: o.lifetimes,
      lifetime: o.lifetime,
      intensityChange: num('--intensity-change', o.intensityChange),
      collection: num('--collection', o.collection),
      recycling: num('--recycling', o.recycling),
      negativeInflow: o.negativeInflow,
    });
    ctx.stdout(renderResult(result, formatOf(o)));
    return;
  }
  if (!o.material)
    throw new UsageError('--material is required (e.g. --material lithium), or give --deployment and --intensities');
  if (o.by !== undefined && o.by !== 'technology')
    throw new UsageError(`invalid --by: "${o.by}" (expected technology)`);
  const material = o.material;
  const result = await withStore(ctx, (db) =>
    o.by === 'technology'
      ? demandByTechnology(db, { scenario: o.scenario, material, year: num('--year', o.year), dataset: o.dataset })
      : demandProjection(db, {
          scenario: o.scenario,
          material,
          scope: o.scope,
          technology: o.technology,
          productionStage: o.productionStage,
          baseYear: num('--base-year', o.baseYear),
          dataset: o.dataset,
        }),
  );
  ctx.stdout(renderResult(result, formatOf(o)));
}

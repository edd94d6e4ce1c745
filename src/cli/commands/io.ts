import { ioMultipliers } from '../../analyses/io-multipliers.js';
import { UsageError } from '../../domain/errors.js';
import type { SolverChoice } from '../../methods/io/leontief.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export interface IoCliOptions {
  table?: string;
  region?: string;
  solver?: SolverChoice;
  format?: string;
  json?: boolean;
}

/** `radar io multipliers --table DATASET[/TABLE]`: output and value-added multipliers, linkages, extraction. */
export async function io(ctx: CliContext, what: string, options: IoCliOptions): Promise<void> {
  if (what !== 'multipliers') throw new UsageError(`unknown io report: "${what}" (expected multipliers)`);
  if (!options.table) throw new UsageError('missing --table DATASET (see `radar datasets`)');
  const table = options.table;
  const result = await withStore(ctx, (db) =>
    ioMultipliers(db, { table, region: options.region, solver: options.solver }),
  );
  ctx.stdout(renderResult(result, formatOf(options)));
}

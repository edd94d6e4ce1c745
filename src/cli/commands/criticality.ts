import pc from 'picocolors';
import { criticality as criticalityAnalysis } from '../../analyses/criticality.js';
import { UsageError } from '../../domain/errors.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult, renderTable } from '../render.js';

export interface CriticalityCliOptions {
  edition: string;
  published?: boolean;
  recompute?: boolean;
  perspective?: string;
  uncertainty?: string;
  seed?: string;
  sr?: string;
  ei?: string;
  strategicRule?: boolean;
  wgiYears?: string;
  tradeYears?: string;
  sensitivity?: boolean;
  format?: string;
  json?: boolean;
}

/**
 * `radar criticality`: the EU verdict from the published SR/EI (default, `--published`) or recomputed from the
 * study inputs (`--recompute`), from a country's sourcing (`--perspective BEL`), with P(critical) (`--uncertainty N`).
 */
export async function criticality(ctx: CliContext, options: CriticalityCliOptions): Promise<void> {
  if (options.published && options.recompute) throw new UsageError('choose one of --published and --recompute');
  const result = await withStore(ctx, (db) =>
    criticalityAnalysis(db, {
      edition: options.edition,
      mode: options.recompute ? 'recompute' : 'published',
      perspective: options.perspective,
      uncertainty: options.uncertainty,
      seed: options.seed,
      sr: options.sr,
      ei: options.ei,
      // commander's --no-strategic-rule gives false; without it the default depends on the edition.
      strategicRule: options.strategicRule === false ? false : undefined,
      wgiYears: options.wgiYears,
      tradeYears: options.tradeYears,
    }),
  );
  const format = formatOf(options);
  if (format !== 'table') {
    ctx.stdout(renderResult(options.sensitivity && result.sensitivity ? result.sensitivity : result, format));
    return;
  }
  ctx.stdout(renderTable(result));
  ctx.stdout(`${pc.bold('summary')} ${JSON.stringify(result.summary)}\n`);
  if (result.sensitivity) {
    ctx.stdout(`\n${pc.bold('Inputs that flip a verdict (one at a time, ends of their range)')}\n`);
    ctx.stdout(renderTable(result.sensitivity));
  }
}

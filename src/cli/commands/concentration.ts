import pc from 'picocolors';
import { supplyConcentrationOf } from '../../analyses/concentration.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult, renderTable } from '../render.js';

export interface ConcentrationCliOptions {
  stage?: 'extraction' | 'processing';
  year?: string;
  source?: 'eu-crm-study' | 'wmd' | 'usgs-mcs';
  spof?: string;
  suppliers?: boolean;
  format?: string;
  json?: boolean;
}

/** `radar concentration MATERIAL`: HHI, top-1/top-3 and SPOF per source, stage and year; `--suppliers` lists shares. */
export async function concentration(
  ctx: CliContext,
  material: string,
  options: ConcentrationCliOptions,
): Promise<void> {
  const result = await withStore(ctx, (db) =>
    supplyConcentrationOf(db, {
      material,
      stage: options.stage,
      year: options.year,
      source: options.source,
      spof: options.spof,
    }),
  );
  const format = formatOf(options);
  if (format !== 'table') {
    ctx.stdout(renderResult(options.suppliers ? result.suppliers : result, format));
    return;
  }
  ctx.stdout(renderTable(result));
  if (options.suppliers) ctx.stdout(`\n${pc.bold('Suppliers')}\n${renderTable(result.suppliers)}`);
}

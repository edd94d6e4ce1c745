import { stockFlow } from '../../analyses/stock-flow.js';
import { UsageError } from '../../domain/errors.js';
import type { CliContext } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export interface StockCliOptions {
  lifetime: string;
  content?: string;
  collection?: string;
  recycling?: string;
  negativeInflow?: 'early-retirement' | 'clip' | 'error';
  initial?: 'steady-state' | 'single-cohort';
  entryAge?: string;
  format?: string;
  json?: boolean;
}

function num(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`invalid ${name}: "${text}" (expected a number)`);
  return v;
}

/** `radar stock FILE --lifetime …`: dynamic stock model, end-of-life flows and secondary supply. No store needed. */
export async function stock(ctx: CliContext, file: string, o: StockCliOptions): Promise<void> {
  const result = stockFlow({
    file,
    lifetime: o.lifetime,
    content: num('--content', o.content),
    collection: num('--collection', o.collection),
    recycling: num('--recycling', o.recycling),
    negativeInflow: o.negativeInflow,
    initial: o.initial,
    entryAge: num('--entry-age', o.entryAge),
  });
  ctx.stdout(renderResult(result, formatOf(o)));
}

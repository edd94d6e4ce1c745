import { tradeFactsheet } from '../../analyses/trade-factsheet.js';
import type { FactsheetPartners } from '../../methods/dependency/factsheet.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export interface TradeCliOptions {
  reporter?: string;
  years?: string;
  partners?: string;
  stage?: string;
  by?: string;
  top?: string;
  source?: string;
  dataset?: string[];
  format?: string;
  json?: boolean;
}

/** `radar trade MATERIAL`: the material's trade factsheet by year (or by partner). */
export async function trade(ctx: CliContext, material: string, o: TradeCliOptions): Promise<void> {
  const result = await withStore(ctx, (db) =>
    tradeFactsheet(db, material, {
      reporter: o.reporter,
      years: o.years,
      partners: o.partners as FactsheetPartners | undefined,
      stage: o.stage,
      by: o.by as 'year' | 'partner' | undefined,
      top: o.top === undefined ? undefined : Number(o.top),
      source: o.source,
      dataset: o.dataset,
    }),
  );
  ctx.stdout(renderResult(result, formatOf(o)));
}

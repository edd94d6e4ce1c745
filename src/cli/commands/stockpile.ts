import { stockpileSizing } from '../../analyses/stockpile.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export interface StockpileCliOptions {
  material?: string;
  days?: string;
  year?: string;
  reporter?: string;
  dataset?: string;
  usdPerEur?: string;
  priceEurPerKg?: string;
  netImportsT?: string;
  yearDays?: string;
  format?: string;
  json?: boolean;
}

/** `radar stockpile`: CRMA Art. 23 benchmark from trade data, or from figures given by hand (no store needed). */
export async function stockpile(ctx: CliContext, o: StockpileCliOptions): Promise<void> {
  const options = {
    material: o.material,
    days: o.days,
    year: o.year,
    reporter: o.reporter,
    dataset: o.dataset,
    usdPerEur: o.usdPerEur,
    priceEurPerKg: o.priceEurPerKg,
    netImportsT: o.netImportsT,
    yearDays: o.yearDays,
  };
  const result =
    o.netImportsT !== undefined
      ? await stockpileSizing(null, options as never)
      : await withStore(ctx, (db) => stockpileSizing(db, options as never));
  ctx.stdout(renderResult(result, formatOf(o)));
}

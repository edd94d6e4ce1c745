import { crmaBenchmarks } from '../../analyses/benchmarks.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export interface BenchmarksCliOptions {
  material?: string;
  euDate?: string;
  format?: string;
  json?: boolean;
}

/** `radar benchmarks`: the CRM Act Art. 5 benchmarks per strategic raw material, with every proxy labelled. */
export async function benchmarks(ctx: CliContext, o: BenchmarksCliOptions): Promise<void> {
  const result = await withStore(ctx, (db) => crmaBenchmarks(db, { material: o.material, euDate: o.euDate }));
  ctx.stdout(renderResult(result, formatOf(o)));
}

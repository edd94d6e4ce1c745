import { datasetsOverview } from '../../analyses/datasets.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export async function datasets(ctx: CliContext, options: { format?: string; json?: boolean }): Promise<void> {
  const result = await withStore(ctx, datasetsOverview);
  const format = formatOf(options);
  if (format === 'table') {
    // The terminal view leaves out the long columns; --json and --format csv carry all of them.
    const keep = new Set(['id', 'title', 'vintage', 'rows', 'trade_concept', 'imported_at']);
    ctx.stdout(renderResult({ ...result, columns: result.columns.filter((c) => keep.has(c.name)) }, format));
  } else ctx.stdout(renderResult(result, format));
}

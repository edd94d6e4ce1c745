import { listsOverview } from '../../analyses/lists.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export async function lists(ctx: CliContext, options: { format?: string; json?: boolean }): Promise<void> {
  const result = await withStore(ctx, listsOverview);
  ctx.stdout(renderResult(result, formatOf(options)));
}

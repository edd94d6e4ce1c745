import { materialsOnList } from '../../analyses/materials-on-list.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export interface MaterialsCliOptions {
  list: string;
  edition?: string;
  format?: string;
  json?: boolean;
}

export async function materials(ctx: CliContext, options: MaterialsCliOptions): Promise<void> {
  const result = await withStore(ctx, (db) => materialsOnList(db, { list: options.list, edition: options.edition }));
  ctx.stdout(renderResult(result, formatOf(options)));
}

import pc from 'picocolors';
import { materialInfo } from '../../analyses/material-info.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult, renderTable } from '../render.js';

export async function info(
  ctx: CliContext,
  material: string,
  options: { format?: string; json?: boolean },
): Promise<void> {
  const result = await withStore(ctx, (db) => materialInfo(db, material));
  const format = formatOf(options);
  if (format !== 'table') {
    ctx.stdout(renderResult(result, format));
    return;
  }
  const m = result.material;
  ctx.stdout(
    `${pc.bold(m.name_en)}${m.symbol ? ` (${m.symbol})` : ''} — ${m.name_nl} (nl), ${m.name_fr} (fr) · id ${m.id}` +
      `${m.group_id ? ` · group ${m.group_id}` : ''}${m.members.length ? ` · members ${m.members.join(', ')}` : ''}\n\n`,
  );
  ctx.stdout(`${pc.bold('Supply risk and economic importance, EU assessments')}\n${renderTable(result)}\n`);
  ctx.stdout(`${pc.bold('Lists')}\n${renderTable(result.listings)}\n`);
  ctx.stdout(`${pc.bold('Strategic technologies')}\n${renderTable(result.technologies)}`);
}

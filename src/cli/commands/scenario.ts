import pc from 'picocolors';
import {
  listScenarios,
  readSavedScenario,
  readScenarioFile,
  runScenario,
  saveScenario,
} from '../../analyses/scenario.js';
import { UserError } from '../../domain/errors.js';
import type { Result } from '../../domain/result.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult, renderTable } from '../render.js';

export interface ScenarioCliOptions {
  save?: string;
  saved?: string;
  list?: boolean;
  format?: string;
  json?: boolean;
}

/**
 * `radar scenario FILE.json`: run a what-if (restriction, diversification, recycling, by-product, shortfall).
 * `--save ID` also stores the validated file; `--saved ID` runs a stored one; `--list` lists them.
 */
export async function scenario(ctx: CliContext, file: string | undefined, o: ScenarioCliOptions): Promise<void> {
  const format = formatOf(o);
  if (o.list) {
    ctx.stdout(renderResult(await withStore(ctx, (db) => listScenarios(db)), format));
    return;
  }
  if (o.saved) {
    const result = await withStore(ctx, async (db) =>
      runScenario(db, await readSavedScenario(db, o.saved as string), o.saved),
    );
    ctx.stdout(renderResult(result, format));
    return;
  }
  if (!file) throw new UserError('give a scenario file (radar scenario FILE.json), --saved ID or --list');
  const { spec, label } = readScenarioFile(file);
  const result = await withStore(ctx, (db) => runScenario(db, spec, label));
  if (o.save) {
    const db = await ctx.openStore({ readOnly: false });
    try {
      await saveScenario(db, o.save, spec, { actor: actor() });
    } finally {
      db.close();
    }
    result.warnings.push(`saved as scenario ${o.save}`);
  }
  ctx.stdout(format === 'table' ? renderSections(result) : renderResult(result, format));
}

/**
 * A terminal table per section (supply, technology, by-product, industry), each with only the columns that section
 * fills (a Result without sections: only its filled columns); the JSON and CSV keep the whole Result.
 */
export function renderSections(result: Result): string {
  const filled = (c: { name: string }, rows: Result['rows']) =>
    rows.some((r) => r[c.name] !== null && r[c.name] !== undefined && r[c.name] !== '');
  if (!result.columns.some((c) => c.name === 'section')) {
    return renderTable({ ...result, columns: result.columns.filter((c) => filled(c, result.rows)) });
  }
  const sections = [...new Set(result.rows.map((r) => String(r.section)))];
  const parts = sections.map((section, i) => {
    const rows = result.rows.filter((r) => r.section === section);
    const columns = result.columns.filter(
      (c) =>
        c.name !== 'section' && rows.some((r) => r[c.name] !== null && r[c.name] !== undefined && r[c.name] !== ''),
    );
    const last = i === sections.length - 1;
    const part = renderTable({
      ...result,
      columns,
      rows,
      warnings: last ? result.warnings : [],
      provenance: last ? result.provenance : [],
      method: last ? result.method : { ...result.method, params: {} },
    });
    return `${pc.bold(section)}\n${part}`;
  });
  return parts.join('\n');
}

export function actor(): string {
  return `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`;
}

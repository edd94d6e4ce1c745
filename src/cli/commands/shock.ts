import { existsSync, readFileSync } from 'node:fs';
import { parseCuts, shockImpact, type ValueCut } from '../../analyses/shock.js';
import { UsageError, UserError } from '../../domain/errors.js';
import type { ParamValue } from '../../domain/result.js';
import type { ImportStopParams } from '../../methods/io/import-stop.js';
import type { SolverChoice } from '../../methods/io/leontief.js';
import type { Db } from '../../store/db.js';
import { readScreenResult } from '../../store/screen-queries.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

export interface ShockCliOptions {
  table?: string;
  importsCut?: string[];
  exportsCut?: string[];
  fromScreen?: string;
  select?: 'strategic' | 'dependent' | 'all';
  stopFraction?: string;
  region?: string;
  variant?: ImportStopParams['variant'];
  upstream?: boolean;
  downstream?: boolean;
  solver?: SolverChoice;
  usdPerEur?: string;
  format?: string;
  json?: boolean;
}

interface ScreenRows {
  id: string;
  side: string;
  currency: string | null;
  rows: Record<string, unknown>[];
}

/**
 * A screening result: a saved screen in the store (`radar screen … --save ID`, read with readScreenResult), or a
 * Result JSON file written by `radar screen --json`.
 */
async function readScreen(db: Db, ref: string): Promise<ScreenRows> {
  const saved = await readScreenResult(db, ref);
  if (saved) return { id: ref, side: saved.side, currency: saved.currency, rows: saved.result.rows };
  if (existsSync(ref)) {
    let parsed: { rows?: Record<string, unknown>[]; method?: { params?: Record<string, { value: unknown }> } };
    try {
      parsed = JSON.parse(readFileSync(ref, 'utf8'));
    } catch (error) {
      throw new UserError(`${ref}: not a Result JSON file (${(error as Error).message})`);
    }
    if (!Array.isArray(parsed.rows))
      throw new UserError(`${ref}: no "rows" array: expected the --json output of \`radar screen\``);
    const side = String(parsed.method?.params?.side?.value ?? parsed.method?.params?.flow?.value ?? 'import');
    return { id: ref, side, currency: null, rows: parsed.rows };
  }
  throw new UsageError(
    `unknown screening result: "${ref}"`,
    'Give the id of a saved screen (radar screen … --save ID) or a file with the --json output of radar screen.',
    404,
  );
}

function screenValues(screen: ScreenRows, select: string): { values: ValueCut[]; selection: string } {
  const hasStrategic = screen.rows.some((r) => r.strategic === true);
  const selection = select === 'auto' ? (hasStrategic ? 'strategic' : 'dependent') : select;
  const chosen = screen.rows.filter((r) =>
    selection === 'all'
      ? true
      : selection === 'strategic'
        ? r.dependent === true && r.strategic === true
        : r.dependent === true,
  );
  const values = chosen.flatMap((r) =>
    typeof r.value === 'number' && typeof r.product === 'string'
      ? [{ product: r.product, value: r.value, currency: String(r.currency ?? screen.currency ?? 'EUR') }]
      : [],
  );
  if (!values.length)
    throw new UserError(`screening result ${screen.id} has no ${selection} products with a value to stop`);
  return { values, selection };
}

/** `radar shock --table DATASET --imports-cut CODE=FRACTION…` or `--from-screen RESULT`. */
export async function shock(ctx: CliContext, options: ShockCliOptions): Promise<void> {
  if (!options.table) throw new UsageError('missing --table DATASET (see `radar datasets`)');
  const table = options.table;
  const result = await withStore(ctx, async (db) => {
    let importValues: ValueCut[] | undefined;
    let exportValues: ValueCut[] | undefined;
    const extraParams: Record<string, ParamValue> = {};
    if (options.fromScreen) {
      const screen = await readScreen(db, options.fromScreen);
      const { values, selection } = screenValues(screen, options.select ?? 'auto');
      if (/export/i.test(screen.side)) exportValues = values;
      else importValues = values;
      extraParams.from_screen = { value: screen.id, assumed: false };
      extraParams.screen_selection = {
        value: selection,
        assumed: options.select === undefined,
        description: 'which screened products stop (strategic: dependent and strategic, as FPB)',
      };
      extraParams.stop_fraction = {
        value: Number(options.stopFraction ?? 1),
        assumed: options.stopFraction === undefined,
        description: "share of each selected product's trade that stops (1 = full stop, FPB)",
      };
    }
    return shockImpact(db, {
      table,
      importCuts: parseCuts(options.importsCut, '--imports-cut'),
      exportCuts: parseCuts(options.exportsCut, '--exports-cut'),
      importValues,
      exportValues,
      stopFraction: options.stopFraction === undefined ? 1 : Number(options.stopFraction),
      region: options.region,
      variant: options.variant,
      upstream: options.upstream,
      downstream: options.downstream,
      solver: options.solver,
      usdPerEur: options.usdPerEur === undefined ? undefined : Number(options.usdPerEur),
      extraParams,
    });
  });
  ctx.stdout(renderResult(result, formatOf(options)));
}

import pc from 'picocolors';
import { dependencyScreen } from '../../analyses/screen.js';
import type { ScreenOptions } from '../../analyses/screen-options.js';
import { loadScreen, savedScreens, saveScreen } from '../../analyses/screen-saved.js';
import {
  type ScreenSelection,
  type ScreenView,
  screenOverlap,
  screenView,
  screenViews,
  selectRows,
} from '../../analyses/screen-views.js';
import { ensureOneOf, UsageError } from '../../domain/errors.js';
import type { Result } from '../../domain/result.js';
import type { Db } from '../../store/db.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';

/** Flags of `radar screen` as commander parses them (kebab-case flags become camelCase keys). */
export interface ScreenCliOptions extends Omit<ScreenOptions, 'preset' | 'topShare'> {
  preset?: string;
  topShare?: string;
  only?: string;
  by?: string;
  save?: string;
  replace?: boolean;
  from?: string;
  compare?: string;
  saved?: boolean;
  format?: string;
  json?: boolean;
}

/**
 * `radar screen`: run a preset (or load a saved screen with --from), print the products or a breakdown (--by), save
 * it (--save), or compare it with a saved screen (--compare).
 */
export async function screen(ctx: CliContext, o: ScreenCliOptions): Promise<void> {
  const format = formatOf(o);
  if (o.saved) {
    ctx.stdout(renderResult(await withStore(ctx, savedScreens), format));
    return;
  }
  const view = ensureOneOf('view', o.by ?? 'products', screenViews) as ScreenView;
  const only = o.only
    ? (ensureOneOf('selection', o.only, ['dependent', 'strategic', 'all']) as ScreenSelection)
    : undefined;
  if (!o.from && !o.preset)
    throw new UsageError('missing --preset (or --from SAVED)', 'e.g. radar screen --preset ec2021 --years 2021');
  const needsWrite = Boolean(o.save);
  const db = await ctx.openStore({ readOnly: !needsWrite });
  try {
    const products = o.from ? await loadScreen(db, o.from) : await run(db, o);
    if (o.save) {
      await saveScreen(db, o.save, products, { replace: o.replace });
      ctx.stderr(
        pc.dim(
          `saved as ${o.save} (${products.rows.length} products, ${products.rows.filter((r) => r.dependent === true).length} dependent)\n`,
        ),
      );
    }
    if (o.compare) {
      const other = await loadScreen(db, o.compare);
      const overlap = screenOverlap(products, other, only, only);
      ctx.stdout(renderResult(overlap, format));
      if (format === 'table') {
        ctx.stdout(
          `${Object.entries(overlap.summary)
            .map(([k, v]) => `${k}: ${v}`)
            .join('  ')}\n`,
        );
      }
      return;
    }
    const shown: Result =
      view === 'products'
        ? { ...products, rows: selectRows(products, only ?? defaultOnly(products)) }
        : await screenView(db, products, view, only);
    ctx.stdout(renderResult(shown, format));
  } finally {
    db.close();
  }
}

function defaultOnly(products: Result): ScreenSelection {
  return products.method.params.strategic_list?.value ? 'strategic' : 'dependent';
}

function run(db: Db, o: ScreenCliOptions): Promise<Result> {
  return dependencyScreen(db, {
    preset: o.preset as ScreenOptions['preset'],
    reporter: o.reporter,
    years: o.years,
    level: o.level,
    side: o.side,
    hhiPartners: o.hhiPartners,
    hhi: o.hhi,
    hhiHigh: o.hhiHigh,
    extraShare: o.extraShare,
    ratio: o.ratio,
    worldExportHhi: o.worldExportHhi,
    ratioNumerator: o.ratioNumerator,
    ratioDenominator: o.ratioDenominator,
    mainPartnerExtra: o.mainPartnerExtra,
    topShare: o.topShare === undefined ? undefined : Number(o.topShare),
    cutRounding: o.cutRounding,
    combine: o.combine,
    persistence: o.persistence,
    basis: o.basis,
    euComposition: o.euComposition,
    dataset: o.dataset,
    source: o.source,
    strategic: o.strategic,
  });
}

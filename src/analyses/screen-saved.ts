import { UsageError, UserError } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import type { Db } from '../store/db.js';
import { readScreenResult, readScreenResults, type SavedResult, writeScreenResult } from '../store/screen-queries.js';

/**
 * Saved screens: `radar screen … --save NAME` keeps the whole Result under NAME so that breakdowns, overlaps and
 * other engines (`radar shock --from-screen NAME`) start from the same list without re-running the screen.
 */

const idPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Store a product Result under an id. Refuses to overwrite unless `replace`.
 * @example await saveScreen(db, 'eu-ec2021', products) // 'eu-ec2021'
 */
export async function saveScreen(
  db: Db,
  id: string,
  products: Result,
  options: { replace?: boolean } = {},
): Promise<string> {
  if (!idPattern.test(id)) {
    throw new UsageError(
      `invalid name: "${id}" (expected lower-case letters, digits, '.', '_' or '-', e.g. eu-ec2021)`,
    );
  }
  if (!options.replace && (await readScreenResult(db, id))) {
    throw new UserError(
      `a screen named "${id}" is already saved`,
      'Choose another --save name, or add --replace.',
      409,
    );
  }
  const p = products.method.params;
  const value = (k: string) => p[k]?.value;
  await writeScreenResult(
    db,
    id,
    {
      preset: String(value('preset')),
      reporters: String(value('reporter')),
      side: String(value('side')),
      level: String(value('level')),
      years: (value('years') as number[]) ?? [],
      datasets: products.provenance.map((d) => d.dataset),
      source: (value('source') as string) ?? null,
      currency: (value('currency') as string) ?? null,
      trade_concept: (value('trade_concept') as string) ?? null,
      strategic_list: (value('strategic_list') as string) ?? null,
    },
    products as SavedResult,
  );
  return id;
}

/** The product Result of a saved screen, or a UsageError naming the saved ones. */
export async function loadScreen(db: Db, id: string): Promise<Result> {
  const saved = await readScreenResult(db, id);
  if (!saved) {
    const known = (await readScreenResults(db)).map((s) => s.id);
    throw new UsageError(
      `unknown saved screen: "${id}"${known.length ? ` (expected one of ${known.join(', ')})` : ''}`,
      known.length ? undefined : 'Save one first: radar screen --preset ec2021 --years 2021 --save eu-ec2021',
      404,
    );
  }
  return saved.result as Result;
}

/** Every saved screen. */
export async function savedScreens(db: Db): Promise<Result> {
  const saved = await readScreenResults(db);
  return result({
    columns: [
      { name: 'id', type: 'string' },
      { name: 'preset', type: 'string' },
      { name: 'reporters', type: 'string' },
      { name: 'side', type: 'string' },
      { name: 'level', type: 'string' },
      { name: 'years', type: 'string' },
      { name: 'source', type: 'string' },
      { name: 'strategic_list', type: 'string' },
      { name: 'products', type: 'integer' },
      { name: 'dependent', type: 'integer' },
      { name: 'created_at', type: 'date' },
    ],
    rows: saved.map((s) => ({
      id: s.id,
      preset: s.preset,
      reporters: s.reporters,
      side: s.side,
      level: s.level,
      years: s.years.length > 2 ? `${s.years[0]}–${s.years.at(-1)}` : s.years.join(', '),
      source: s.source,
      strategic_list: s.strategic_list,
      products: s.products,
      dependent: s.dependent,
      created_at: s.created_at instanceof Date ? s.created_at.toISOString() : String(s.created_at),
    })),
    provenance: [],
    method: { id: 'screen.saved', version: '1', params: {} },
  });
}

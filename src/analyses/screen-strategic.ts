import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UsageError, UserError } from '../domain/errors.js';
import { packageRoot } from '../store/package-root.js';

/**
 * Strategic product lists: which product codes belong to a sensitive ecosystem or strategic-goods list (EC
 * ecosystems §1.1, NBB domains §3 step 5, FPB's ITA + EC list §2). Lists are data: bundled ones live in
 * reference/strategic-products/<id>.csv, and a user can pass any CSV of the same shape.
 * Columns: code (HS2/HS4/HS6/CN8 digits; a shorter code covers every longer code under it), ecosystem, description,
 * source, locator, source_year. `crm` is built from reference/material-hs-baskets.csv (critical raw materials).
 */

export interface StrategicEntry {
  code: string;
  ecosystem: string;
  source: string;
}

export interface StrategicList {
  id: string;
  /** File it was read from (relative for bundled lists). */
  file: string;
  entries: StrategicEntry[];
}

export const strategicDir = join(packageRoot, 'reference', 'strategic-products');
export const basketFile = join(packageRoot, 'reference', 'material-hs-baskets.csv');

export function bundledStrategicLists(): string[] {
  const files = existsSync(strategicDir) ? readdirSync(strategicDir).filter((f) => f.endsWith('.csv')) : [];
  return ['crm', ...files.map((f) => f.replace(/\.csv$/, ''))].sort();
}

/** A bundled list by id, or a user CSV by path. Errors name file:line. */
export function readStrategicList(idOrPath: string): StrategicList {
  if (idOrPath === 'crm') return crmList();
  const bundled = join(strategicDir, `${idOrPath}.csv`);
  if (/^[a-z0-9][a-z0-9-]*$/.test(idOrPath) && existsSync(bundled)) {
    return { id: idOrPath, file: `reference/strategic-products/${idOrPath}.csv`, entries: parseList(bundled, true) };
  }
  if (existsSync(idOrPath))
    return { id: basename(idOrPath).replace(/\.csv$/i, ''), file: idOrPath, entries: parseList(idOrPath, false) };
  throw new UsageError(
    `unknown strategic list: "${idOrPath}" (expected one of ${bundledStrategicLists().join(', ')}, or a CSV file)`,
    undefined,
    404,
  );
}

function readCsv(path: string): { line: number; record: Record<string, string> }[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`${path}: cannot read the file (${(error as Error).message})`);
  }
  try {
    const rows = parse(text.replace(/^\uFEFF/, ''), {
      columns: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
    }) as {
      info: { lines: number };
      record: Record<string, string>;
    }[];
    return rows.map((r) => ({ line: r.info.lines, record: r.record }));
  } catch (error) {
    throw new UserError(`${path}: not a valid CSV file (${(error as Error).message})`);
  }
}

function parseList(path: string, requireSource: boolean): StrategicEntry[] {
  const rows = readCsv(path);
  if (rows.length === 0) throw new UserError(`${path}: no rows (expected a header "code,ecosystem,…" and codes)`);
  const missing = ['code', 'ecosystem', ...(requireSource ? ['source'] : [])].filter((c) => !(c in rows[0].record));
  if (missing.length)
    throw new UserError(`${path}:1: missing column(s) ${missing.join(', ')} (expected code, ecosystem, source, …)`);
  return rows.map(({ line, record }) => {
    const code = record.code.replace(/[.\s]/g, '');
    if (!/^\d{2,8}$/.test(code)) {
      throw new UserError(
        `${path}:${line}: code "${record.code}" is not an HS/CN code (expected 2 to 8 digits, e.g. 2805 or 280530)`,
      );
    }
    if (!record.ecosystem) throw new UserError(`${path}:${line}: ecosystem is empty`);
    if (requireSource && !record.source) throw new UserError(`${path}:${line}: source is empty`);
    return { code, ecosystem: record.ecosystem, source: record.source ?? '' };
  });
}

/** Critical raw materials as a strategic list: every code of the bundled material baskets. */
function crmList(): StrategicList {
  const rows = readCsv(basketFile);
  return {
    id: 'crm',
    file: 'reference/material-hs-baskets.csv',
    entries: rows.map(({ record }) => ({
      code: record.code,
      ecosystem: `raw materials: ${record.material_id}`,
      source: record.source,
    })),
  };
}

/**
 * Ecosystems of a product: entries whose code is a prefix of the product code (an HS4 entry covers its HS6 and CN8
 * codes). `partial` lists ecosystems of longer codes under a coarser product (an HS4 product holding a listed HS6).
 * @example ecosystemsOf('28053010', index) // { ecosystems: ['energy-intensive industries'], partial: [] }
 */
export function ecosystemsOf(product: string, list: StrategicList): { ecosystems: string[]; partial: string[] } {
  const full = new Set<string>();
  const partial = new Set<string>();
  for (const e of list.entries) {
    if (product.startsWith(e.code)) full.add(e.ecosystem);
    else if (e.code.startsWith(product)) partial.add(e.ecosystem);
  }
  return { ecosystems: [...full].sort(), partial: [...partial].filter((x) => !full.has(x)).sort() };
}

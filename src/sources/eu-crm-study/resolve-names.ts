import type { Db } from '../../store/db.js';

/**
 * Name resolution for the small-table importers (eu-crm-study, wgi, wmd, usgs-mcs), from the bundled reference
 * tables `material_aliases`, `materials`, `country_aliases` and `countries`. A name that does not resolve gives
 * null: the importer keeps the row with a NULL id and counts it in a warning (never a silent drop).
 */

/** Names compare after collapsing whitespace (the EU study file splits "Natural Teak\nwood" over two lines). */
export function normaliseName(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface MaterialLookup {
  /** Context of the name: the file's base name and, where the meaning depends on it, the assessment edition. */
  resolve(name: string, where?: { file?: string; edition?: number }): string | null;
}

interface AliasRow {
  alias: string;
  material_id: string;
  context: string | null;
}

/**
 * Resolve a source's material spelling. Order: an alias whose context names this file (and edition, when the
 * context carries `@editions`), then an alias of any context when all of them agree, then a material's id or
 * English name, then the importer's own `fallback` map (names the alias table does not hold yet), else null.
 * @example (await materialLookup(db)).resolve('Aluminium', { file: 'dimension_CRMsOverTime.csv', edition: 2023 })
 *          // 'aluminium-bauxite' (and 'aluminium' for edition 2020)
 */
export async function materialLookup(
  db: Db,
  fallback: Readonly<Record<string, string | null>> = {},
): Promise<MaterialLookup> {
  const aliases = await db.all<AliasRow>('SELECT alias, material_id, context FROM material_aliases');
  const materials = await db.all<{ id: string; name_en: string }>('SELECT id, name_en FROM materials');
  const byAlias = new Map<string, AliasRow[]>();
  for (const row of aliases) {
    const key = normaliseName(row.alias).toLowerCase();
    byAlias.set(key, [...(byAlias.get(key) ?? []), row]);
  }
  const byName = new Map<string, string>();
  for (const m of materials) {
    byName.set(m.id.toLowerCase(), m.id);
    byName.set(normaliseName(m.name_en).toLowerCase(), m.id);
  }
  const fallbackLower = new Map(Object.entries(fallback).map(([k, v]) => [normaliseName(k).toLowerCase(), v]));
  const cache = new Map<string, string | null>();

  return {
    resolve(name, where = {}) {
      const key = normaliseName(name);
      const cacheKey = `${key}\u0000${where.file ?? ''}\u0000${where.edition ?? ''}`;
      if (cache.has(cacheKey)) return cache.get(cacheKey) ?? null;
      const found = resolveOne(key, where);
      cache.set(cacheKey, found);
      return found;
    },
  };

  function resolveOne(name: string, where: { file?: string; edition?: number }): string | null {
    const lower = name.toLowerCase();
    const rows = byAlias.get(lower) ?? [];
    const exact = rows.filter((r) => normaliseName(r.alias) === name);
    for (const candidates of [exact, rows]) {
      if (where.file) {
        const inFile = candidates.filter((r) => contextFile(r.context) === where.file);
        const forEdition = inFile.filter((r) => {
          const editions = contextEditions(r.context);
          return editions !== null && where.edition !== undefined && editions.includes(where.edition);
        });
        const unqualified = inFile.filter((r) => contextEditions(r.context) === null);
        const unique = distinctIds(forEdition.length ? forEdition : unqualified);
        if (unique) return unique;
      }
      const unique = distinctIds(candidates);
      if (unique) return unique;
    }
    const direct = byName.get(lower);
    if (direct) return direct;
    if (fallbackLower.has(lower)) return fallbackLower.get(lower) ?? null;
    return null;
  }
}

function distinctIds(rows: AliasRow[]): string | null {
  const ids = new Set(rows.map((r) => r.material_id));
  return ids.size === 1 ? [...ids][0] : null;
}

/** `eu-crm-2023/fact_X.csv@2011,2014` → `fact_X.csv`; contexts that are not files (list citations) → null. */
function contextFile(context: string | null): string | null {
  if (!context) return null;
  const path = context.split('@')[0].trim();
  if (!/\.(csv|txt|xlsx)$/i.test(path)) return null;
  return path.slice(path.lastIndexOf('/') + 1);
}

function contextEditions(context: string | null): number[] | null {
  if (!context?.includes('@')) return null;
  return context
    .split('@')[1]
    .split(',')
    .map((e) => Number(e.trim()))
    .filter((e) => Number.isInteger(e));
}

export interface CountryMatch {
  /** ISO3, or null for an aggregate row ("World total", "Other countries") or an unknown name. */
  iso3: string | null;
  /** True for rows the reference tables know as aggregates, not countries. */
  aggregate: boolean;
  known: boolean;
}

export interface CountryLookup {
  byName(name: string): CountryMatch;
  /** An ISO3 code as written in a source (checked against `countries`), with the source's own code scheme aliases. */
  byCode(code: string, scheme?: string): CountryMatch;
}

/** Country names and codes → ISO3 through `countries` (name_en, iso3) and `country_aliases`. */
export async function countryLookup(db: Db): Promise<CountryLookup> {
  const countries = await db.all<{ iso3: string; name_en: string }>('SELECT iso3, name_en FROM countries');
  const aliases = await db.all<{ alias: string; scheme: string; iso3: string | null }>(
    'SELECT alias, scheme, iso3 FROM country_aliases',
  );
  const names = new Map<string, string | null>();
  const codes = new Map<string, string | null>();
  for (const c of countries) {
    names.set(normaliseName(c.name_en).toLowerCase(), c.iso3);
    codes.set(`iso3:${c.iso3}`, c.iso3);
  }
  for (const a of aliases) {
    if (a.scheme === 'name') names.set(normaliseName(a.alias).toLowerCase(), a.iso3 || null);
    else codes.set(`${a.scheme}:${a.alias}`, a.iso3 || null);
  }
  const match = (found: string | null | undefined): CountryMatch =>
    found === undefined
      ? { iso3: null, aggregate: false, known: false }
      : { iso3: found, aggregate: found === null, known: true };
  return {
    byName: (name) => match(names.get(normaliseName(name).toLowerCase())),
    byCode: (code, scheme) => {
      const direct = codes.get(`iso3:${code.trim()}`);
      if (direct !== undefined) return match(direct);
      return match(scheme ? codes.get(`${scheme}:${code.trim()}`) : undefined);
    },
  };
}

/** Count unresolved names per distinct spelling, for one warning per import instead of one per row. */
export class Unresolved {
  private readonly counts = new Map<string, number>();

  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  get rows(): number {
    return [...this.counts.values()].reduce((s, n) => s + n, 0);
  }

  /** e.g. `3 rows with 2 unresolved material names ("Foo" ×2, "Bar"); kept with material_id NULL` */
  warning(
    what: string,
    column: string,
    hint = 'Add the spelling to the reference aliases to resolve them.',
  ): string | null {
    if (this.counts.size === 0) return null;
    const names = [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name, n]) => (n > 1 ? `"${name}" ×${n}` : `"${name}"`));
    const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
    return `${this.rows} row(s) with ${this.counts.size} unresolved ${what} (${shown}); kept with ${column} NULL.${hint ? ` ${hint}` : ''}`;
  }
}

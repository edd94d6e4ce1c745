import type { Db } from '../store/db.js';

/**
 * Country and partner codes of the trade sources, resolved to ISO 3166-1 alpha-3 through the reference tables
 * `countries` and `country_aliases` (reference/countries.csv, reference/country-aliases.csv).
 *
 * A code table is a temporary table `code → iso3, is_country` that importers join in SQL:
 * - iso3 set, is_country true: one country (partner_is_country true);
 * - iso3 null: a code the reference knows but that is not one country (World, "Areas nes", Comext QU…QZ,
 *   Belgium-Luxembourg before 1999): the row keeps the source's code and partner_is_country false;
 * - code absent: unknown to Radar, which is an error naming the first line that uses it.
 */
export type CodeScheme = 'eurostat_geo' | 'baci' | 'comtrade' | 'comext_numeric' | 'iso3';

/** A code the importer resolves itself (from a file it was given, or a small documented table). */
export interface CodeEntry {
  code: string;
  iso3: string | null;
  note?: string;
}

/** The column of `countries` holding each scheme's code, where there is one. */
const canonical: Partial<Record<CodeScheme, string>> = {
  eurostat_geo: 'eurostat_geo',
  baci: 'baci_code',
  comtrade: 'comtrade_code',
};

/**
 * Create (or replace) the temporary code table `name` for a scheme. Aliases win over the canonical column of
 * `countries`; `extra` entries fill codes the reference lacks (they never override it).
 */
export async function createCodeTable(db: Db, name: string, scheme: CodeScheme, extra: CodeEntry[] = []) {
  const column = canonical[scheme];
  const fromReference =
    scheme === 'iso3'
      ? 'SELECT iso3 AS code, iso3, 1 AS rank FROM countries'
      : `SELECT alias AS code, iso3, 0 AS rank FROM country_aliases WHERE scheme = $scheme
         ${column ? `UNION ALL SELECT ${column} AS code, iso3, 1 AS rank FROM countries WHERE ${column} IS NOT NULL` : ''}`;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${name} (code VARCHAR PRIMARY KEY, iso3 VARCHAR, is_country BOOLEAN)`);
  await db.run(
    `INSERT INTO ${name}
     SELECT code, iso3, coalesce(c.is_country, false) AND iso3 IS NOT NULL FROM (
       SELECT code, arg_min(iso3, rank) AS iso3 FROM (
         ${fromReference}
         UNION ALL SELECT ${unnestTextList('$codes')} AS code, ${unnestTextList('$iso3s')} AS iso3, 2 AS rank
       ) GROUP BY code
     ) LEFT JOIN countries c USING (iso3)`,
    {
      ...(scheme === 'iso3' ? {} : { scheme }),
      codes: textList(extra.map((e) => e.code)),
      iso3s: textList(extra.map((e) => e.iso3)),
    },
  );
}

/** The codes of `codes` that the code table does not know. */
export async function unknownCodes(db: Db, table: string, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.all<{ code: string }>(
    `SELECT code FROM (SELECT ${unnestTextList('$codes')} AS code) WHERE code NOT IN (SELECT code FROM ${table}) ORDER BY code`,
    { codes: textList([...codes]) },
  );
  return rows.map((r) => r.code);
}

export async function dropCodeTable(db: Db, name: string): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS ${name}`);
}

/** What a user should do about an unknown code, by scheme. */
export function unknownCodeHint(scheme: CodeScheme): string {
  return scheme === 'iso3'
    ? 'add the country to reference/countries.csv'
    : `add it to reference/country-aliases.csv with scheme ${scheme} (iso3 empty if it is not one country)`;
}

/**
 * A list of strings passed as one JSON text parameter, read in SQL with `textListSql`. (A DuckDB list parameter
 * cannot be built for an empty list: its item type is unknown.)
 */
export function textList(values: readonly (string | null)[]): string {
  return JSON.stringify(values);
}

/** SQL: the rows of a `textList` parameter. */
export function unnestTextList(param: string): string {
  return `unnest(from_json(${param}, '["VARCHAR"]'))`;
}

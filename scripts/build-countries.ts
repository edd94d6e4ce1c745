/**
 * Maintains the country code tables in `reference/`:
 *
 *   reference/countries.csv         one row per economy (ISO 3166-1 + Kosovo), codes per source, names, EU dates
 *   reference/country-aliases.csv   (alias, scheme) → iso3 for every code or name a source uses
 *
 * The committed CSVs are the product; this script is the recipe that keeps them consistent:
 *   1. validates countries.csv (columns, formats, unique codes, EU counts);
 *   2. (re)generates name_nl / name_fr with Intl.DisplayNames (CLDR data in Node's full ICU) from iso2,
 *      then applies the hand-reviewed overrides below;
 *   3. rewrites country-aliases.csv: hand-curated rows are kept as they are; "canonical" rows (note starting
 *      with `canonical:`) are regenerated from the code columns and name_en of countries.csv, so that one
 *      table answers every (scheme, alias) lookup;
 *   4. when the real samples are present (`../shared/data/real`, or $RADAR_REAL_DATA), reports every code or
 *      name in them that does not resolve, and with `--harvest` adds name aliases that a sample ties to a code
 *      that already resolves (BACI, Comext, WGI, Comtrade-style lists). Names without a code in their source
 *      (EU CRM 2023, IEA, USGS, World Mining Data long file) are only reported: map them by hand.
 *
 * Usage: npx tsx scripts/build-countries.ts [--check] [--harvest] [--strict]
 *   --check    validate and report only; write nothing; exit 1 if a file would change
 *   --harvest  also add name aliases from the real samples (see 4.)
 *   --strict   exit 1 when a real-data code or name does not resolve
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const realDir = resolve(process.env.RADAR_REAL_DATA ?? join(repoRoot, '..', 'shared', 'data', 'real'));
const COUNTRIES = join(repoRoot, 'reference', 'countries.csv');
const ALIASES = join(repoRoot, 'reference', 'country-aliases.csv');

export const COUNTRY_COLUMNS = [
  'iso3',
  'iso2',
  'm49',
  'baci_code',
  'eurostat_geo',
  'comtrade_code',
  'name_en',
  'name_nl',
  'name_fr',
  'eu_from',
  'eu_to',
  'is_country',
  'source',
  'locator',
  'source_year',
] as const;
export const ALIAS_COLUMNS = ['alias', 'scheme', 'iso3', 'note', 'source'] as const;
export const SCHEMES = ['eurostat_geo', 'baci', 'comtrade', 'worldbank', 'name'] as const;

type CountryRow = Record<(typeof COUNTRY_COLUMNS)[number], string>;
type AliasRow = Record<(typeof ALIAS_COLUMNS)[number], string>;

/**
 * Hand-reviewed corrections to the CLDR names (ICU 78). CLDR's short forms "Congo-Kinshasa", "Hongkong SAR van
 * China", "R.A.S. chinoise de Hong Kong" and "Myanmar (Birma)" read oddly in a trade table; the Belgian federal
 * and EU usage is the one below.
 */
const NAME_OVERRIDES: Record<'nl' | 'fr', Record<string, string>> = {
  nl: { CD: 'Democratische Republiek Congo', HK: 'Hongkong', MO: 'Macau', MM: 'Myanmar' },
  fr: { CD: 'République démocratique du Congo', HK: 'Hong Kong', MO: 'Macao', MM: 'Myanmar' },
};

/** Case-, space- and apostrophe-insensitive key for names; trailing footnote digits (USGS "China3") dropped. */
export function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=[A-Za-z)])\d{1,2}$/, '')
    .toLowerCase();
}

/** Numeric codes are compared without leading zeros ("056" = "56"); alpha codes upper-cased. */
export function codeKey(scheme: string, alias: string): string {
  const a = alias.trim();
  if (scheme === 'name') return nameKey(a);
  if (/^\d+$/.test(a)) return String(Number(a));
  return a.toUpperCase();
}

function readCsv<T>(path: string, encoding: BufferEncoding = 'utf8'): T[] {
  return parse(readFileSync(path, encoding), { columns: true, skip_empty_lines: true, bom: true }) as T[];
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function toCsv(columns: readonly string[], rows: Record<string, string>[]): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

function tidyName(s: string): string {
  return s.replace(/[\u2018\u2019]/g, "'");
}

const problems: string[] = [];
const fail = (msg: string) => problems.push(msg);

// ---------------------------------------------------------------------------------------------------------
// 1–2. countries.csv
// ---------------------------------------------------------------------------------------------------------
function buildCountries(rows: CountryRow[]): CountryRow[] {
  const displays = {
    en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }),
    nl: new Intl.DisplayNames(['nl'], { type: 'region', fallback: 'none' }),
    fr: new Intl.DisplayNames(['fr'], { type: 'region', fallback: 'none' }),
  };
  const seen: Record<string, Map<string, string>> = {};
  for (const col of ['iso3', 'iso2', 'm49', 'baci_code', 'eurostat_geo', 'comtrade_code', 'name_en'] as const)
    seen[col] = new Map();
  const out: CountryRow[] = [];
  for (const [i, r] of rows.entries()) {
    const at = `countries.csv:${i + 2} (${r.iso3})`;
    if (!/^[A-Z]{3}$/.test(r.iso3)) fail(`${at}: iso3 must be 3 capitals`);
    if (!/^[A-Z]{2}$/.test(r.iso2)) fail(`${at}: iso2 must be 2 capitals`);
    if (r.m49 && !/^\d{3}$/.test(r.m49)) fail(`${at}: m49 must be a zero-padded 3-digit string`);
    if (r.baci_code && !/^[1-9]\d{0,2}$/.test(r.baci_code)) fail(`${at}: baci_code must be an unpadded number`);
    if (r.comtrade_code && !/^[1-9]\d{0,2}$/.test(r.comtrade_code)) fail(`${at}: comtrade_code must be unpadded`);
    if (r.eurostat_geo && !/^[A-Z]{2}$/.test(r.eurostat_geo)) fail(`${at}: eurostat_geo must be 2 capitals`);
    for (const d of ['eu_from', 'eu_to'] as const)
      if (r[d] && !/^\d{4}-\d{2}-\d{2}$/.test(r[d])) fail(`${at}: ${d} must be an ISO date`);
    if (r.eu_to && !r.eu_from) fail(`${at}: eu_to without eu_from`);
    if (r.is_country !== 'true' && r.is_country !== 'false') fail(`${at}: is_country must be true/false`);
    if (!r.source || !r.locator || !/^\d{4}$/.test(r.source_year)) fail(`${at}: source, locator, source_year needed`);
    if (/(^|[\s;])\/(work|home|tmp|Users)\//.test(r.locator)) fail(`${at}: locator holds an absolute path`);
    for (const col of Object.keys(seen)) {
      const v = col === 'name_en' ? nameKey(r[col as keyof CountryRow]) : r[col as keyof CountryRow];
      if (!v) continue;
      const prev = seen[col].get(v);
      if (prev) fail(`${at}: ${col} ${v} also used by ${prev}`);
      seen[col].set(v, r.iso3);
    }
    const next = { ...r };
    for (const lang of ['nl', 'fr'] as const) {
      const generated = NAME_OVERRIDES[lang][r.iso2] ?? displays[lang].of(r.iso2);
      if (!generated) fail(`${at}: Intl has no ${lang} name for ${r.iso2}`);
      else next[`name_${lang}`] = tidyName(generated);
    }
    if (!displays.en.of(r.iso2)) fail(`${at}: Intl does not know region ${r.iso2}`);
    if (!next.name_en) fail(`${at}: name_en empty`);
    out.push(next);
  }
  for (const [date, expected] of [
    ['2019-06-01', 28],
    ['2024-01-01', 27],
  ] as const) {
    const n = out.filter((r) => r.eu_from && r.eu_from <= date && (!r.eu_to || date <= r.eu_to)).length;
    if (n !== expected) fail(`EU members on ${date}: ${n}, expected ${expected}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// 3. country-aliases.csv
// ---------------------------------------------------------------------------------------------------------
const CANONICAL: { scheme: (typeof SCHEMES)[number]; column: keyof CountryRow; source: string }[] = [
  { scheme: 'eurostat_geo', column: 'eurostat_geo', source: 'Eurostat Comext GEONOM partner list' },
  { scheme: 'baci', column: 'baci_code', source: 'CEPII BACI country_codes V202501' },
  { scheme: 'comtrade', column: 'comtrade_code', source: 'UN Comtrade reporter/partner codes' },
  { scheme: 'name', column: 'name_en', source: 'Radar short English name (countries.csv name_en)' },
];

function buildAliases(countries: CountryRow[], existing: AliasRow[]): AliasRow[] {
  const iso3s = new Set(countries.map((c) => c.iso3));
  const curated = existing.filter((a) => !a.note.startsWith('canonical:'));
  const byKey = new Map<string, AliasRow>();
  for (const [i, a] of curated.entries()) {
    const at = `country-aliases.csv (curated row ${i + 1}: ${a.scheme} ${a.alias})`;
    if (!(SCHEMES as readonly string[]).includes(a.scheme)) fail(`${at}: unknown scheme ${a.scheme}`);
    if (a.iso3 && !iso3s.has(a.iso3)) fail(`${at}: iso3 ${a.iso3} is not in countries.csv`);
    if (!a.iso3 && !a.note) fail(`${at}: an alias that maps to no iso3 needs a note saying what it is`);
    if (!a.source) fail(`${at}: source missing`);
    if (a.alias !== a.alias.trim() || !a.alias) fail(`${at}: alias empty or padded`);
    const key = `${a.scheme}|${codeKey(a.scheme, a.alias)}`;
    const prev = byKey.get(key);
    if (prev) fail(`${at}: duplicates ${prev.scheme} ${prev.alias}`);
    byKey.set(key, a);
  }
  const out = [...curated];
  for (const c of countries) {
    for (const k of CANONICAL) {
      const alias = c[k.column];
      if (!alias) continue;
      const key = `${k.scheme}|${codeKey(k.scheme, alias)}`;
      const cur = byKey.get(key);
      if (cur) {
        if (cur.iso3 !== c.iso3) fail(`alias ${k.scheme} ${alias}: curated → "${cur.iso3}", countries.csv → ${c.iso3}`);
        continue;
      }
      const row = {
        alias,
        scheme: k.scheme,
        iso3: c.iso3,
        note: `canonical: countries.csv ${k.column}`,
        source: k.source,
      };
      byKey.set(key, row);
      out.push(row);
    }
  }
  const schemeOrder = (s: string) => (SCHEMES as readonly string[]).indexOf(s);
  out.sort((a, b) => {
    if (a.scheme !== b.scheme) return schemeOrder(a.scheme) - schemeOrder(b.scheme);
    const na = /^\d+$/.test(a.alias);
    const nb = /^\d+$/.test(b.alias);
    if (na && nb) return Number(a.alias) - Number(b.alias);
    if (na !== nb) return na ? -1 : 1;
    return a.alias.localeCompare(b.alias, 'en');
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// 4. Real-data cross-checks and harvest
// ---------------------------------------------------------------------------------------------------------
export class Resolver {
  private readonly map = new Map<string, AliasRow>();
  constructor(countries: CountryRow[], aliases: AliasRow[]) {
    for (const a of aliases) this.map.set(`${a.scheme}|${codeKey(a.scheme, a.alias)}`, a);
    for (const c of countries) {
      for (const k of CANONICAL) {
        const v = c[k.column];
        if (v && !this.map.has(`${k.scheme}|${codeKey(k.scheme, v)}`))
          this.map.set(`${k.scheme}|${codeKey(k.scheme, v)}`, {
            alias: v,
            scheme: k.scheme,
            iso3: c.iso3,
            note: '',
            source: '',
          });
      }
      // World Bank economy codes equal iso3 unless an alias says otherwise.
      if (!this.map.has(`worldbank|${c.iso3}`))
        this.map.set(`worldbank|${c.iso3}`, { alias: c.iso3, scheme: 'worldbank', iso3: c.iso3, note: '', source: '' });
    }
  }
  /** The alias row (iso3 may be '' for known non-country codes), or undefined when unknown. */
  lookup(scheme: string, alias: string): AliasRow | undefined {
    return this.map.get(`${scheme}|${codeKey(scheme, alias)}`);
  }
}

function realPath(rel: string): string | undefined {
  const p = join(realDir, rel);
  return existsSync(p) ? p : undefined;
}

/** Decode as UTF-8, falling back to cp1252 (the EU CRM tables mix both). */
function decode(buf: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return utf8.includes('\ufffd') ? new TextDecoder('windows-1252').decode(buf) : utf8;
}

/** Repair UTF-8 read as Latin-1 ("CÃ´te" → "Côte"), as in the transcribed BACI V202501 list. */
function unMojibake(s: string): string {
  if (!/[ÃÂ]/.test(s)) return s;
  const fixed = Buffer.from(s, 'latin1').toString('utf8');
  return fixed.includes('\ufffd') ? s : fixed;
}

const SOURCE_LABELS: Record<string, string> = {
  'baci/country_codes_V202501.csv': 'CEPII BACI country_codes V202501',
  'baci/country_codes_V202301.csv': 'CEPII BACI country_codes V202301',
  'comtrade-crm/country_codes_V202601.csv': 'CEPII BACI country_codes V202601',
  'comext/COMEXT_full_v2_data_dictionary_FULL.txt': 'Eurostat Comext GEONOM',
  'wgi/WGIData.csv': 'World Bank WGI',
  'world-mining-data/wmd_table_Country_ISO.csv': 'Comtrade-style list in World Mining Data',
};

type Observation = { scheme: string; alias: string; where: string; code?: { scheme: string; value: string } };

function* realObservations(): Generator<Observation> {
  const baci = [
    ['baci/country_codes_V202501.csv', 'country_name'],
    ['comtrade-crm/country_codes_V202601.csv', 'country_name'],
    ['baci/country_codes_V202301.csv', 'country_name_abbreviation'],
    ['baci/country_codes_V202301.csv', 'country_name_full'],
  ] as const;
  for (const [rel, col] of baci) {
    const p = realPath(rel);
    if (!p) continue;
    for (const r of readCsv<Record<string, string>>(p)) {
      const where = `${rel} country_code=${r.country_code}`;
      yield { scheme: 'baci', alias: r.country_code, where };
      yield { scheme: 'name', alias: unMojibake(r[col]), where, code: { scheme: 'baci', value: r.country_code } };
    }
  }
  const comext = realPath('comext/COMEXT_full_v2_data_dictionary_FULL.txt');
  if (comext) {
    const text = readFileSync(comext, 'utf8');
    const part = text.slice(text.indexOf('PARTNER\n'), text.indexOf('TRADE_TYPE\n'));
    for (const line of part.split('\n')) {
      const m = /^ {2}([A-Z]{2})\t(\S+)\t(\S+)\t(.+)$/.exec(line);
      if (!m) continue;
      const where = `comext/COMEXT_full_v2_data_dictionary_FULL.txt PARTNER ${m[1]} ${m[2]}–${m[3]}`;
      yield { scheme: 'eurostat_geo', alias: m[1], where };
      // Only current codes lend their name: old windows reuse codes (CS, EH, YU) for other entities.
      if (m[3] === '31/12/2500')
        yield {
          scheme: 'name',
          alias: m[4].replace(/\s+/g, ' '),
          where,
          code: { scheme: 'eurostat_geo', value: m[1] },
        };
    }
  }
  for (const rel of ['comtrade-crm/comtrade_2022.csv.gz', 'comtrade-crm/comtrade_2024.csv.gz']) {
    const p = realPath(rel);
    if (!p) continue;
    const seen = new Set<string>();
    const rows = parse(gunzipSync(readFileSync(p)).toString('utf8'), { columns: true }) as Record<string, string>[];
    for (const r of rows) for (const c of [r.reporter, r.partner]) seen.add(c);
    for (const c of seen) yield { scheme: 'comtrade', alias: c, where: rel };
  }
  const api = realPath('un-comtrade/api_v1_get_C_A_HS_sample.json');
  if (api) {
    const json = JSON.parse(readFileSync(api, 'utf8')) as { data: Record<string, string | number>[] };
    for (const r of json.data) {
      for (const side of ['reporter', 'partner']) {
        const code = String(r[`${side}Code`]);
        yield { scheme: 'comtrade', alias: code, where: 'un-comtrade/api_v1_get_C_A_HS_sample.json' };
      }
    }
  }
  const wgi = realPath('wgi/WGIData.csv');
  if (wgi) {
    const seen = new Map<string, string>();
    for (const r of readCsv<Record<string, string>>(wgi)) seen.set(r['Country Code'], r['Country Name']);
    for (const [code, name] of seen) {
      yield { scheme: 'worldbank', alias: code, where: 'wgi/WGIData.csv' };
      yield { scheme: 'name', alias: name, where: 'wgi/WGIData.csv', code: { scheme: 'worldbank', value: code } };
    }
  }
  const wmdIso = realPath('world-mining-data/wmd_table_Country_ISO.csv');
  if (wmdIso) {
    for (const r of readCsv<Record<string, string>>(wmdIso)) {
      const where = `world-mining-data/wmd_table_Country_ISO.csv ISO=${r.ISO}`;
      yield { scheme: 'comtrade', alias: r.ISO, where };
      yield { scheme: 'name', alias: r.Country, where, code: { scheme: 'comtrade', value: r.ISO } };
    }
  }
  // Name-only sources (their codes, if any, are not trusted: the WMD long file codes French Guiana as GUY).
  const wmdLong = realPath('world-mining-data/world_mining_data_2018_2022_long.csv');
  if (wmdLong) {
    const names = new Set(readCsv<Record<string, string>>(wmdLong).map((r) => r.country));
    for (const n of names)
      yield { scheme: 'name', alias: n, where: 'world-mining-data/world_mining_data_2018_2022_long.csv' };
  }
  for (const rel of ['eu-crm-2023/fact_GlobalSupplyShares&t.csv', 'eu-crm-2023/fact_EUSupplyShares&t.csv']) {
    const p = realPath(rel);
    if (!p) continue;
    const rows = parse(decode(readFileSync(p)), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    for (const n of new Set(rows.map((r) => r.Country))) yield { scheme: 'name', alias: n, where: rel };
  }
  const iea = realPath('iea-critical-minerals/csv/2_Total_supply_for_key_minerals.csv');
  if (iea) {
    const rows = parse(readFileSync(iea, 'utf8'), { relax_column_count: true }) as string[][];
    for (const r of rows.slice(2)) {
      for (const cell of [r[0], r[6]]) {
        // Country rows carry numbers; block titles ("Copper - Mining") and notes do not.
        if (cell && !/ - |^Notes|^Top 3|Base case/.test(cell) && /\d/.test(r.join('')))
          yield { scheme: 'name', alias: cell, where: 'iea-critical-minerals/csv/2_Total_supply_for_key_minerals.csv' };
      }
    }
  }
  const usgs: [string, string[], boolean][] = [
    ['usgs-mcs/MCS2026_Commodities_Data_sample.csv', ['Country'], false],
    ['usgs-mcs/MCS2025_Fig2_Net_Import_Reliance.csv', ['Major_Import_Sources_2020_2023'], true],
    ['usgs-mcs/MCS2025_T5_Critical_Minerals_Salient.csv', ['Primary_import_source', 'Leading_source_country'], false],
  ];
  for (const [rel, cols, list] of usgs) {
    const p = realPath(rel);
    if (!p) continue;
    for (const r of readCsv<Record<string, string>>(p))
      for (const col of cols)
        for (const n of list ? r[col].split(',') : [r[col]])
          if (n.trim()) yield { scheme: 'name', alias: n.trim(), where: rel };
  }
}

function checkReal(
  countries: CountryRow[],
  aliases: AliasRow[],
  harvest: boolean,
): { unresolved: string[]; added: AliasRow[] } {
  if (!existsSync(realDir)) {
    console.log(`real data not found under ${realDir}: cross-checks skipped`);
    return { unresolved: [], added: [] };
  }
  const resolver = new Resolver(countries, aliases);
  const unresolved = new Map<string, string>();
  const added: AliasRow[] = [];
  const addedKeys = new Map<string, AliasRow>();
  for (const o of realObservations()) {
    const hit = resolver.lookup(o.scheme, o.alias);
    if (hit) continue;
    const key = `${o.scheme}|${codeKey(o.scheme, o.alias)}`;
    if (addedKeys.has(key)) continue;
    const via = o.code ? resolver.lookup(o.code.scheme, o.code.value) : undefined;
    if (harvest && via?.iso3) {
      const rel = o.where.split(' ')[0];
      const row = {
        alias: o.alias,
        scheme: o.scheme,
        iso3: via.iso3,
        note: `as named in the source (${o.code?.scheme} ${o.code?.value})`,
        source: `${SOURCE_LABELS[rel] ?? rel} (../shared/data/real/${rel})`,
      };
      addedKeys.set(key, row);
      added.push(row);
      continue;
    }
    if (!unresolved.has(key))
      unresolved.set(key, `${o.scheme} "${o.alias}" (${o.where}${via ? `; code maps to "${via.iso3}"` : ''})`);
  }
  return { unresolved: [...unresolved.values()], added };
}

// ---------------------------------------------------------------------------------------------------------
function main(): void {
  const args = new Set(process.argv.slice(2));
  const check = args.has('--check');
  const countriesIn = readCsv<CountryRow>(COUNTRIES);
  const header = readFileSync(COUNTRIES, 'utf8').split('\n', 1)[0];
  if (header !== COUNTRY_COLUMNS.join(',')) fail(`countries.csv header must be ${COUNTRY_COLUMNS.join(',')}`);
  const countries = buildCountries(countriesIn);
  const aliasesIn = existsSync(ALIASES) ? readCsv<AliasRow>(ALIASES) : [];
  let aliases = buildAliases(countries, aliasesIn);
  const { unresolved, added } = checkReal(countries, aliases, args.has('--harvest'));
  if (added.length) {
    for (const a of added) console.log(`harvested: ${a.scheme} "${a.alias}" → ${a.iso3} (${a.source})`);
    aliases = buildAliases(countries, [...aliases, ...added]);
  }
  for (const u of unresolved) console.log(`unresolved: ${u}`);
  if (problems.length) {
    for (const p of problems) console.error(`error: ${p}`);
    process.exit(1);
  }
  const outputs: [string, string][] = [
    [COUNTRIES, toCsv(COUNTRY_COLUMNS, countries)],
    [ALIASES, toCsv(ALIAS_COLUMNS, aliases)],
  ];
  let changed = false;
  for (const [path, text] of outputs) {
    const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (before === text) continue;
    changed = true;
    if (check) console.log(`would change: ${path.slice(repoRoot.length + 1)}`);
    else writeFileSync(path, text);
  }
  const n = (s: string) => aliases.filter((a) => a.scheme === s).length;
  console.log(
    `countries: ${countries.length} rows; aliases: ${aliases.length} rows (${SCHEMES.map((s) => `${s} ${n(s)}`).join(', ')}); unresolved in real data: ${unresolved.length}`,
  );
  if ((check && changed) || (args.has('--strict') && unresolved.length)) process.exit(1);
}

main();

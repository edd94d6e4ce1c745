import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { realFile, repoRoot } from '../support/real-data.js';

type Country = Record<
  | 'iso3'
  | 'iso2'
  | 'm49'
  | 'baci_code'
  | 'eurostat_geo'
  | 'comtrade_code'
  | 'name_en'
  | 'name_nl'
  | 'name_fr'
  | 'eu_from'
  | 'eu_to'
  | 'is_country'
  | 'source'
  | 'locator'
  | 'source_year',
  string
>;
type Alias = Record<'alias' | 'scheme' | 'iso3' | 'note' | 'source', string>;

const COUNTRY_HEADER =
  'iso3,iso2,m49,baci_code,eurostat_geo,comtrade_code,name_en,name_nl,name_fr,eu_from,eu_to,is_country,source,locator,source_year';
const ALIAS_HEADER = 'alias,scheme,iso3,note,source';
const SCHEMES = ['eurostat_geo', 'baci', 'comtrade', 'worldbank', 'name'];

const countriesText = readFileSync(join(repoRoot, 'reference', 'countries.csv'), 'utf8');
const aliasesText = readFileSync(join(repoRoot, 'reference', 'country-aliases.csv'), 'utf8');
const countries = parse(countriesText, { columns: true }) as Country[];
const aliases = parse(aliasesText, { columns: true }) as Alias[];
const byIso3 = new Map(countries.map((c) => [c.iso3, c]));

/** Same keys as scripts/build-countries.ts: names ignore case, spacing, apostrophe style and footnote digits. */
function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=[A-Za-z)])\d{1,2}$/, '')
    .toLowerCase();
}
function codeKey(scheme: string, alias: string): string {
  const a = alias.trim();
  if (scheme === 'name') return nameKey(a);
  return /^\d+$/.test(a) ? String(Number(a)) : a.toUpperCase();
}

const COLUMN_OF: Record<string, keyof Country> = {
  eurostat_geo: 'eurostat_geo',
  baci: 'baci_code',
  comtrade: 'comtrade_code',
  worldbank: 'iso3',
  name: 'name_en',
};
const aliasIndex = new Map(aliases.map((a) => [`${a.scheme}|${codeKey(a.scheme, a.alias)}`, a]));

/** iso3 for a code or name ('' = known non-country or unmappable entity), undefined when unknown. */
function resolve(scheme: string, value: string): string | undefined {
  const hit = aliasIndex.get(`${scheme}|${codeKey(scheme, value)}`);
  if (hit) return hit.iso3;
  const col = COLUMN_OF[scheme];
  const key = codeKey(scheme, value);
  return countries.find((c) => c[col] && codeKey(scheme, c[col]) === key)?.iso3;
}

function membersOn(date: string): string[] {
  return countries.filter((c) => c.eu_from && c.eu_from <= date && (!c.eu_to || date <= c.eu_to)).map((c) => c.iso3);
}

// ---------------------------------------------------------------------------------------------------------
// The tables themselves
// ---------------------------------------------------------------------------------------------------------
test('countries.csv has exactly the agreed columns and one row per economy', () => {
  assert.equal(countriesText.split('\n', 1)[0], COUNTRY_HEADER);
  // 249 ISO 3166-1 entries + Kosovo
  assert.equal(countries.length, 250);
  assert.ok(!countries.some((c) => /^(EU|EU27|EU28|EUU|WLD|W00)/.test(c.iso3)), 'no aggregates as rows');
});

test('iso3, iso2, m49 and the source codes are well-formed and unique', () => {
  for (const col of ['iso3', 'iso2', 'm49', 'baci_code', 'comtrade_code', 'eurostat_geo'] as const) {
    const values = countries.map((c) => c[col]).filter(Boolean);
    assert.equal(new Set(values).size, values.length, `${col} not unique`);
  }
  for (const c of countries) {
    assert.match(c.iso3, /^[A-Z]{3}$/);
    assert.match(c.iso2, /^[A-Z]{2}$/);
    if (c.m49) assert.match(c.m49, /^\d{3}$/, `${c.iso3} m49 must be zero-padded`);
    else assert.equal(c.iso3, 'XKX', 'only Kosovo lacks an M49 code');
    if (c.baci_code) assert.match(c.baci_code, /^[1-9]\d{0,2}$/);
    if (c.comtrade_code) assert.match(c.comtrade_code, /^[1-9]\d{0,2}$/);
    if (c.eurostat_geo) assert.match(c.eurostat_geo, /^[A-Z]{2}$/);
    assert.match(c.is_country, /^(true|false)$/);
    assert.ok(c.source && c.locator, `${c.iso3} needs source and locator`);
    assert.match(c.source_year, /^\d{4}$/);
  }
});

test('codes that differ between sources are recorded as the sources use them', () => {
  const expect: [string, Partial<Country>][] = [
    ['FRA', { m49: '250', baci_code: '251', comtrade_code: '251' }],
    ['USA', { m49: '840', baci_code: '842', comtrade_code: '842' }],
    ['IND', { m49: '356', baci_code: '699' }],
    ['CHE', { m49: '756', baci_code: '757' }],
    ['NOR', { m49: '578', baci_code: '579' }],
    ['TWN', { iso2: 'TW', m49: '158', baci_code: '490', comtrade_code: '490', eurostat_geo: 'TW' }],
    ['XKX', { iso2: 'XK', eurostat_geo: 'XK' }],
    ['GRC', { eurostat_geo: 'GR' }],
    ['GBR', { eurostat_geo: 'GB' }],
    ['SRB', { eurostat_geo: 'XS' }],
    ['BEL', { m49: '056', baci_code: '56', eurostat_geo: 'BE' }],
    ['NAM', { iso2: 'NA' }],
  ];
  for (const [iso3, fields] of expect) {
    const c = byIso3.get(iso3);
    assert.ok(c, iso3);
    for (const [k, v] of Object.entries(fields)) assert.equal(c[k as keyof Country], v, `${iso3}.${k}`);
  }
  // Monaco's M49 code 492 is Comtrade's "Europe EU, nes": Monaco must not claim it as its Comtrade code.
  assert.equal(byIso3.get('MCO')?.comtrade_code, '');
  assert.equal(resolve('comtrade', '492'), '');
});

test('EU membership is dated: 28 members on 2019-06-01, 27 on 2024-01-01', () => {
  assert.equal(membersOn('2019-06-01').length, 28);
  assert.equal(membersOn('2024-01-01').length, 27);
  assert.ok(membersOn('2020-01-31').includes('GBR'));
  assert.ok(!membersOn('2020-02-01').includes('GBR'));
  assert.ok(!membersOn('2013-06-30').includes('HRV'));
  assert.ok(membersOn('2013-07-01').includes('HRV'));
  assert.equal(membersOn('1958-01-01').length, 6);
  assert.equal(membersOn('2004-05-01').length, 25);
  for (const c of countries) {
    if (c.eu_from) assert.match(c.eu_from, /^\d{4}-\d{2}-\d{2}$/);
    if (c.eu_to) assert.ok(c.eu_from && c.eu_from < c.eu_to, `${c.iso3} eu_to before eu_from`);
  }
});

test('names are non-empty in English, Dutch and French', () => {
  const seen = new Set<string>();
  for (const c of countries) {
    for (const col of ['name_en', 'name_nl', 'name_fr'] as const) {
      assert.ok(c[col].trim(), `${c.iso3} ${col} empty`);
      assert.ok(!/[’&]|SAR China|\bSt\. /.test(c[col]), `${c.iso3} ${col} "${c[col]}" needs review`);
    }
    assert.ok(!seen.has(nameKey(c.name_en)), `duplicate name_en ${c.name_en}`);
    seen.add(nameKey(c.name_en));
  }
  assert.equal(byIso3.get('BEL')?.name_nl, 'België');
  assert.equal(byIso3.get('BEL')?.name_fr, 'Belgique');
  assert.equal(byIso3.get('COD')?.name_fr, 'République démocratique du Congo');
});

test('country-aliases.csv: known schemes, one meaning per alias, empty iso3 only with a note', () => {
  assert.equal(aliasesText.split('\n', 1)[0], ALIAS_HEADER);
  const keys = new Set<string>();
  for (const a of aliases) {
    assert.ok(SCHEMES.includes(a.scheme), `unknown scheme ${a.scheme}`);
    const key = `${a.scheme}|${codeKey(a.scheme, a.alias)}`;
    assert.ok(!keys.has(key), `duplicate alias ${key}`);
    keys.add(key);
    if (a.iso3) assert.ok(byIso3.has(a.iso3), `alias ${a.alias} → unknown iso3 ${a.iso3}`);
    else assert.ok(a.note, `alias ${a.scheme} ${a.alias} maps to nothing and needs a note`);
    assert.ok(a.source, `alias ${a.scheme} ${a.alias} needs a source`);
  }
  // Every code column value of countries.csv is also an alias (one table answers every lookup).
  for (const c of countries)
    for (const [scheme, col] of Object.entries(COLUMN_OF))
      if (c[col] && scheme !== 'worldbank')
        assert.equal(aliasIndex.get(`${scheme}|${codeKey(scheme, c[col])}`)?.iso3, c.iso3, `${scheme} ${c[col]}`);
});

test('Eurostat conventions and Comext special partners', () => {
  assert.equal(resolve('eurostat_geo', 'EL'), 'GRC');
  assert.equal(resolve('eurostat_geo', 'GR'), 'GRC');
  assert.equal(resolve('eurostat_geo', 'UK'), 'GBR');
  assert.equal(resolve('eurostat_geo', 'GB'), 'GBR');
  assert.equal(resolve('eurostat_geo', 'XI'), 'GBR');
  assert.equal(resolve('eurostat_geo', 'XU'), 'GBR');
  assert.equal(resolve('eurostat_geo', 'XK'), 'XKX');
  assert.equal(resolve('eurostat_geo', 'XS'), 'SRB');
  assert.equal(resolve('eurostat_geo', 'RS'), 'SRB');
  for (const q of ['QP', 'QQ', 'QR', 'QS', 'QU', 'QV', 'QW', 'QX', 'QY', 'QZ', 'EU27_2020']) {
    assert.equal(resolve('eurostat_geo', q), '', q);
    assert.ok(aliasIndex.get(`eurostat_geo|${q}`)?.note, `${q} needs a note`);
  }
});

test('names used by the sources resolve, typos included', () => {
  const cases: [string, string][] = [
    ['China', 'CHN'],
    ['Congo, Dem. Rep.', 'COD'],
    ['Democratic Republic of the Congo', 'COD'],
    ['DRC', 'COD'],
    ['Congo', 'COG'],
    ['Russian Federation', 'RUS'],
    ['Russia', 'RUS'],
    ['Türkiye', 'TUR'],
    ['Turkey', 'TUR'],
    ['Turkiye', 'TUR'],
    ['Korea, Rep.', 'KOR'],
    ['Korea, South', 'KOR'],
    ['Other Asia, nes', 'TWN'],
    ['Côte d’Ivoire', 'CIV'],
    ['China3', 'CHN'],
    ['  united   STATES ', 'USA'],
  ];
  for (const [name, iso3] of cases) assert.equal(resolve('name', name), iso3, name);
  assert.equal(resolve('name', 'Rest of world'), '');
  assert.equal(resolve('name', 'Atlantis'), undefined);
});

test('no absolute machine paths in the committed tables', () => {
  for (const text of [countriesText, aliasesText]) assert.ok(!/(^|[\s(;,])\/(work|home|tmp|Users|root)\//m.test(text));
});

// ---------------------------------------------------------------------------------------------------------
// Cross-checks against the real samples (skipped on a fresh clone)
// ---------------------------------------------------------------------------------------------------------
const baci2025 = realFile('baci/country_codes_V202501.csv');
const baci2023 = realFile('baci/country_codes_V202301.csv');
const comext = realFile('comext/COMEXT_full_v2_data_dictionary_FULL.txt');
const comtrade2022 = realFile('comtrade-crm/comtrade_2022.csv.gz');
const wgi = realFile('wgi/WGIData.csv');
const crmGlobal = realFile('eu-crm-2023/fact_GlobalSupplyShares&t.csv');
const crmEu = realFile('eu-crm-2023/fact_EUSupplyShares&t.csv');
const wmdLong = realFile('world-mining-data/world_mining_data_2018_2022_long.csv');
const wmdIso = realFile('world-mining-data/wmd_table_Country_ISO.csv');
const ieaSupply = realFile('iea-critical-minerals/csv/2_Total_supply_for_key_minerals.csv');
const usgs2026 = realFile('usgs-mcs/MCS2026_Commodities_Data_sample.csv');

const readRows = (path: string, encoding: 'utf8' | 'cp1252' = 'utf8') =>
  parse(encoding === 'utf8' ? readFileSync(path, 'utf8') : new TextDecoder('windows-1252').decode(readFileSync(path)), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];

/** BACI's own iso3 differs from ours where BACI uses a pseudo-code or an outdated one. */
const BACI_ISO3_DIFFERS: Record<string, string> = { '490': 'S19→TWN', '849': 'PUS→UMI', '278': 'DDR→DEU' };

test('every BACI V202501 country code resolves, consistently with BACI iso3', {
  skip: !baci2025 && 'real data absent',
}, () => {
  const rows = readRows(baci2025!);
  assert.equal(rows.length, 238);
  for (const r of rows) {
    const iso3 = resolve('baci', r.country_code);
    assert.notEqual(iso3, undefined, `BACI ${r.country_code} ${r.country_name} unknown`);
    if (iso3 && !BACI_ISO3_DIFFERS[r.country_code])
      assert.equal(iso3, r.country_iso3, `BACI ${r.country_code} ${r.country_name}`);
    if (iso3 === '') assert.ok(aliasIndex.get(`baci|${r.country_code}`)?.note);
  }
});

test('every BACI V202301 country code resolves', { skip: !baci2023 && 'real data absent' }, () => {
  for (const r of readRows(baci2023!)) {
    const iso3 = resolve('baci', r.country_code);
    assert.notEqual(iso3, undefined, `BACI ${r.country_code} unknown`);
    if (iso3 && /^[A-Z]{3}$/.test(r.iso_3digit_alpha) && !BACI_ISO3_DIFFERS[r.country_code])
      assert.equal(iso3, r.iso_3digit_alpha, `BACI ${r.country_code} ${r.country_name_abbreviation}`);
  }
});

test('every Comext GEONOM partner code resolves; current country codes to a country', {
  skip: !comext && 'real data absent',
}, () => {
  const text = readFileSync(comext!, 'utf8');
  const part = text.slice(text.indexOf('PARTNER\n'), text.indexOf('TRADE_TYPE\n'));
  let n = 0;
  for (const line of part.split('\n')) {
    const m = /^ {2}([A-Z]{2})\t\S+\t(\S+)\t(.+)$/.exec(line);
    if (!m) continue;
    n++;
    const iso3 = resolve('eurostat_geo', m[1]);
    assert.notEqual(iso3, undefined, `Comext ${m[1]} ${m[3]} unknown`);
    const special = /^(Q.|ZZ)$/.test(m[1]);
    if (m[2] === '31/12/2500' && !special) assert.ok(iso3, `Comext ${m[1]} ${m[3]} should be a country`);
  }
  assert.ok(n > 300);
});

test('every Comtrade reporter and partner code in the sample resolves', {
  skip: !comtrade2022 && 'real data absent',
}, () => {
  // header year,reporter,partner,cmd,…; plain numbers, no quoting, so a split is enough (166 k rows)
  const lines = gunzipSync(readFileSync(comtrade2022!)).toString('utf8').split('\n');
  assert.match(lines[0], /^year,reporter,partner,/);
  const codes = new Set<string>();
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const [, reporter, partner] = line.split(',', 3);
    codes.add(reporter);
    codes.add(partner);
  }
  for (const c of codes) assert.notEqual(resolve('comtrade', c), undefined, `Comtrade ${c} unknown`);
  for (const c of ['56', '251', '276', '528', '699', '757', '842', '156']) assert.ok(resolve('comtrade', c), c);
});

test('every WGI economy that is a country resolves by code and by name', { skip: !wgi && 'real data absent' }, () => {
  const economies = new Map(readRows(wgi!).map((r) => [r['Country Code'], r['Country Name']]));
  assert.equal(economies.size, 214);
  for (const [code, name] of economies) {
    const iso3 = resolve('worldbank', code);
    assert.notEqual(iso3, undefined, `WGI ${code} ${name} unknown`);
    if (code === 'ANT') {
      assert.equal(iso3, '', 'Netherlands Antilles is a former economy with no single successor');
      continue;
    }
    assert.equal(iso3, code, `WGI ${code} ${name}`);
    assert.equal(resolve('name', name), code, `WGI name ${name}`);
  }
});

test('every country name in the EU CRM 2023 supply-share tables resolves', {
  skip: !(crmGlobal && crmEu) && 'real data absent',
}, () => {
  for (const path of [crmGlobal!, crmEu!]) {
    const names = new Set(readRows(path, 'cp1252').map((r) => r.Country));
    assert.ok(names.size > 100);
    for (const n of names) assert.ok(resolve('name', n), `EU CRM country "${n}" does not resolve`);
  }
  assert.equal(resolve('name', 'Congo, D.R.'), 'COD');
  assert.equal(resolve('name', 'Brasilia'), 'BRA');
});

test('every country in the World Mining Data samples resolves', {
  skip: !(wmdLong && wmdIso) && 'real data absent',
}, () => {
  // The long file's own codes are wrong in places (French Guiana → GUY, Kosovo → R20, Taiwan → S19): names win.
  const trustedWrong = new Set(['French Guiana', 'Kosovo', 'Taiwan']);
  for (const r of readRows(wmdLong!)) {
    if (r.country === 'Total') {
      assert.equal(resolve('name', r.country), '');
      continue;
    }
    const iso3 = resolve('name', r.country);
    assert.ok(iso3, `WMD "${r.country}" does not resolve`);
    if (!trustedWrong.has(r.country)) assert.equal(iso3, r.country_iso3, r.country);
  }
  assert.equal(resolve('name', 'French Guiana'), 'GUF');
  for (const r of readRows(wmdIso!)) {
    assert.notEqual(resolve('comtrade', r.ISO), undefined, `WMD/Comtrade code ${r.ISO} unknown`);
    assert.equal(resolve('name', r.Country), resolve('comtrade', r.ISO), `${r.ISO} ${r.Country}`);
  }
});

test('country names in the IEA and USGS samples resolve', {
  skip: !(ieaSupply && usgs2026) && 'real data absent',
}, () => {
  const rows = parse(readFileSync(ieaSupply!, 'utf8'), { relax_column_count: true }) as string[][];
  const iea = new Set<string>();
  for (const r of rows.slice(2))
    for (const cell of [r[0], r[6]])
      if (cell && !/ - |^Notes|^Top 3|Base case/.test(cell) && /\d/.test(r.join(''))) iea.add(cell);
  assert.ok(iea.has('Chile') && iea.has('Democratic Republic of Congo'));
  for (const n of iea) assert.notEqual(resolve('name', n), undefined, `IEA "${n}" unknown`);
  for (const r of readRows(usgs2026!)) assert.notEqual(resolve('name', r.Country), undefined, `USGS "${r.Country}"`);
  assert.equal(resolve('name', 'Congo (Kinshasa)'), 'COD');
  assert.equal(resolve('name', 'World total'), '');
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { realFile } from '../support/real-data.js';
import { parseCsv, readText } from './read-reference.js';

const files = {
  'export-restrictions.csv':
    'event_id,country_iso3,material_id,stages,measure,object,target_iso3,announced,effective,date_precision,hs6,national_codes,note,source,locator,source_year,verified',
  'by-products.csv': 'host_id,companion_id,relation,note,source,locator,source_year,verified',
  'cn-material-map.csv': 'classification,code,material_id,stage,description,note,source,locator,source_year',
};
const rows = (file: keyof typeof files) => parseCsv(readText(file));
const materialIds = new Set(parseCsv(readText('materials.csv')).map((m) => m.id));
const countries = new Set(parseCsv(readText('countries.csv')).map((c) => c.iso3));

test('lever reference files: agreed header, LF, every row with source, locator and year', () => {
  for (const [file, header] of Object.entries(files) as [keyof typeof files, string][]) {
    const text = readText(file);
    assert.equal(text.slice(0, text.indexOf('\n')), header, file);
    assert.ok(!text.includes('\r') && text.endsWith('\n'), file);
    assert.ok(!/\/work\/|\/home\//.test(text), `${file}: absolute path`);
    rows(file).forEach((r, i) => {
      const where = `${file} row ${i + 2}`;
      assert.ok(r.source.trim() && r.locator.trim(), `${where}: source and locator`);
      assert.match(r.source_year, /^20\d\d$/, where);
    });
  }
});

test('export restrictions: known ids, measures, stages, dates and HS6 codes', () => {
  for (const r of rows('export-restrictions.csv')) {
    const where = `${r.event_id}/${r.material_id}`;
    assert.ok(materialIds.has(r.material_id), `${where}: material`);
    assert.ok(countries.has(r.country_iso3), `${where}: country`);
    assert.ok(!r.target_iso3 || countries.has(r.target_iso3), `${where}: target`);
    assert.ok(['tax', 'quota', 'ban', 'licence'].includes(r.measure), where);
    assert.ok(['goods', 'technology'].includes(r.object), where);
    for (const s of r.stages.split(' ')) assert.ok(['extraction', 'processing'].includes(s), `${where}: stage ${s}`);
    assert.ok(
      r.date_precision === 'unknown' ? !r.effective : /^\d{4}-\d{2}-\d{2}$/.test(r.effective),
      `${where}: date`,
    );
    for (const c of r.hs6 ? r.hs6.split(';') : []) assert.match(c, /^\d{6}$/, `${where}: hs6 ${c}`);
    for (const c of r.national_codes ? r.national_codes.split(';') : []) {
      assert.match(c, /^\d{10}$/, `${where}: national code ${c}`);
      assert.ok(r.hs6.split(';').includes(c.slice(0, 6)), `${where}: ${c} has its HS6 in hs6`);
    }
    assert.ok(['seed', 'web', 'web+seed'].includes(r.verified), where);
  }
});

test('by-products: hosts and companions are materials; relations known; the issue’s edges are there', () => {
  const edges = new Set(rows('by-products.csv').map((r) => `${r.host_id}>${r.companion_id}`));
  for (const r of rows('by-products.csv')) {
    assert.ok(materialIds.has(r.host_id) && materialIds.has(r.companion_id), `${r.host_id}>${r.companion_id}`);
    assert.ok(['main-host', 'host', 'potential'].includes(r.relation));
  }
  for (const e of [
    'zinc>germanium',
    'zinc>gallium',
    'zinc>indium',
    'copper>cobalt',
    'copper>bismuth',
    'copper>arsenic',
    'copper>tellurium',
    'copper>selenium',
    'aluminium-bauxite>gallium',
    'lead>antimony',
    'lead>bismuth',
    'phosphate-rock>ree',
  ]) {
    assert.ok(edges.has(e), e);
  }
});

test('cn-material-map: materials known, codes well formed, no duplicate code × material', () => {
  const seen = new Set<string>();
  for (const r of rows('cn-material-map.csv')) {
    assert.ok(materialIds.has(r.material_id), r.material_id);
    assert.match(r.code, r.classification === 'CN8' ? /^\d{8}$/ : /^\d{6}$/, r.code);
    assert.ok(['extraction', 'processing', 'component'].includes(r.stage));
    const key = `${r.classification}:${r.code}:${r.material_id}`;
    assert.ok(!seen.has(key), `duplicate ${key}`);
    seen.add(key);
  }
});

const hsRef = realFile('un-comtrade/reference_HS.json');
test('cn-material-map: every HS6 code exists in the Comtrade HS list with the same title', {
  skip: !hsRef && 'real data absent',
}, () => {
  const titles = new Map(
    (JSON.parse(readFileSync(hsRef as string, 'utf8')).results as { id: string; text: string }[]).map((r) => [
      r.id,
      r.text.split(' - ').slice(1).join(' - '),
    ]),
  );
  for (const r of rows('cn-material-map.csv').filter((x) => x.classification === 'HS6'))
    assert.equal(r.description, titles.get(r.code), r.code);
});

const comext = realFile('comext-crm-eu27/eu_comext_critical_inputs_cn8_2022_2024.csv');
test('cn-material-map: every CN8 code occurs in Comext 2023–2024', { skip: !comext && 'real data absent' }, () => {
  const codes = new Set(
    readFileSync(comext as string, 'utf8')
      .split('\n')
      .map((l) => l.split(',')[2]),
  );
  for (const r of rows('cn-material-map.csv').filter((x) => x.classification === 'CN8'))
    assert.ok(codes.has(r.code), r.code);
});

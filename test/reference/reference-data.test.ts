import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FactFile, factFiles, type Row, readCsv, readText } from './read-reference.js';

const files = Object.keys(factFiles) as FactFile[];
const materials = () => readCsv('materials.csv');
const materialIds = () => new Set(materials().map((m) => m.id));
const membership = () => readCsv('list-membership.csv');

function members(listId: string, edition: string): string[] {
  return membership()
    .filter((m) => m.list_id === listId && m.edition === edition)
    .map((m) => m.material_id)
    .sort();
}

function srEi(): Map<string, { sr: number; ei: number }> {
  return new Map(
    readCsv('sr-ei.csv').map((r) => [`${r.material_id}@${r.edition}`, { sr: Number(r.sr), ei: Number(r.ei) }]),
  );
}

test('every reference file is UTF-8 with LF line endings and the agreed header', () => {
  for (const file of files) {
    const text = readText(file);
    assert.ok(!text.includes('\r'), `${file} has CR characters`);
    assert.ok(text.endsWith('\n'), `${file} does not end with a newline`);
    assert.equal(text.slice(0, text.indexOf('\n')), factFiles[file], `${file} header`);
    assert.ok(readCsv(file).length > 0, `${file} is empty`);
  }
});

test('every row names its source, locator and source year', () => {
  for (const file of files) {
    readCsv(file).forEach((row, i) => {
      const where = `${file} row ${i + 2}`;
      assert.ok(row.source?.trim(), `${where}: empty source`);
      if (file === 'material-aliases.csv') return;
      assert.ok(row.locator?.trim(), `${where}: empty locator`);
      assert.match(row.source_year, /^(19|20)\d\d$/, `${where}: source_year`);
      assert.ok(Number(row.source_year) >= 2010 && Number(row.source_year) <= 2025, `${where}: source_year range`);
    });
  }
});

test('no committed file contains an absolute machine path', () => {
  for (const file of files) assert.ok(!/\/work\/|\/home\/|[A-Z]:\\/.test(readText(file)), file);
});

test('material ids are unique kebab-case slugs with kind, names in three languages and a boolean flag', () => {
  const ids = materials().map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate material id');
  for (const m of materials()) {
    assert.match(m.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, m.id);
    assert.ok(m.kind === 'material' || m.kind === 'group', `${m.id}: kind ${m.kind}`);
    assert.ok(m.eu2023_candidate === 'true' || m.eu2023_candidate === 'false', `${m.id}: eu2023_candidate`);
    for (const col of ['name_en', 'name_nl', 'name_fr'] as const) assert.ok(m[col].trim(), `${m.id}: empty ${col}`);
    if (m.symbol) assert.match(m.symbol, /^[A-Z][a-z]?$/, `${m.id}: symbol`);
  }
});

test('the EU 2023 assessment: 70 candidates (HREE, LREE, PGM as groups) = 87 individual materials', () => {
  const candidates = materials().filter((m) => m.eu2023_candidate === 'true');
  assert.equal(candidates.length, 70);
  assert.deepEqual(
    candidates
      .filter((m) => m.kind === 'group')
      .map((m) => m.id)
      .sort(),
    ['hree', 'lree', 'pgm'],
  );
  const individual = materials().filter(
    (m) => m.kind === 'material' && (m.eu2023_candidate === 'true' || ['hree', 'lree', 'pgm'].includes(m.group_id)),
  );
  assert.equal(individual.length, 87);
  const groupMembers = materials().filter((m) => ['hree', 'lree', 'pgm'].includes(m.group_id));
  assert.equal(groupMembers.length, 20);
  for (const m of groupMembers) assert.equal(m.eu2023_candidate, 'false', `${m.id} is a group member, not a candidate`);
  for (const id of [
    'gallium',
    'natural-graphite',
    'coking-coal',
    'aluminium-bauxite',
    'phosphate-rock',
    'silicon-metal',
    'titanium-metal',
    'magnesium',
  ]) {
    assert.ok(
      candidates.some((m) => m.id === id),
      `${id} should be a 2023 candidate`,
    );
  }
});

test('group memberships: HREE 10, LREE 5, PGM 5, REE for magnets 7; primary groups agree', () => {
  const kinds = new Map(materials().map((m) => [m.id, m.kind]));
  const gm = readCsv('group-members.csv');
  const pairs = gm.map((r) => `${r.group_id}>${r.material_id}`);
  assert.equal(new Set(pairs).size, pairs.length, 'duplicate group membership');
  const of = (g: string) =>
    gm
      .filter((r) => r.group_id === g)
      .map((r) => r.material_id)
      .sort();
  assert.deepEqual(of('hree'), [
    'dysprosium',
    'erbium',
    'europium',
    'gadolinium',
    'holmium',
    'lutetium',
    'terbium',
    'thulium',
    'ytterbium',
    'yttrium',
  ]);
  assert.deepEqual(of('lree'), ['cerium', 'lanthanum', 'neodymium', 'praseodymium', 'samarium']);
  assert.deepEqual(of('pgm'), ['iridium', 'palladium', 'platinum', 'rhodium', 'ruthenium']);
  assert.deepEqual(of('ree-magnets'), [
    'cerium',
    'dysprosium',
    'gadolinium',
    'neodymium',
    'praseodymium',
    'samarium',
    'terbium',
  ]);
  for (const r of gm) {
    assert.equal(kinds.get(r.group_id), 'group', `${r.group_id} must be a group`);
    assert.equal(kinds.get(r.material_id), 'material', `${r.material_id} must be a material`);
  }
  for (const m of materials().filter((x) => x.group_id)) {
    assert.equal(kinds.get(m.group_id), 'group', `${m.id}: group_id ${m.group_id}`);
    assert.ok(pairs.includes(`${m.group_id}>${m.id}`), `${m.id}: primary group not in group-members.csv`);
  }
});

test('every material_id, technology_id and sector_id referenced anywhere exists', () => {
  const ids = materialIds();
  const refs: [FactFile, string][] = [
    ['group-members.csv', 'group_id'],
    ['group-members.csv', 'material_id'],
    ['material-aliases.csv', 'material_id'],
    ['list-membership.csv', 'material_id'],
    ['sr-ei.csv', 'material_id'],
    ['technology-materials.csv', 'material_id'],
    ['be-crm-imports-2023.csv', 'material_id'],
    ['be-crm-import-partners-2023.csv', 'material_id'],
  ];
  for (const [file, col] of refs) {
    for (const r of readCsv(file)) assert.ok(ids.has(r[col]), `${file}: unknown ${col} "${r[col]}"`);
  }
  const techs = new Set(readCsv('technologies.csv').map((t) => t.id));
  const sectors = new Set(readCsv('sectors.csv').map((s) => s.id));
  for (const t of readCsv('technologies.csv')) assert.ok(sectors.has(t.sector_id), `unknown sector ${t.sector_id}`);
  for (const r of readCsv('technology-materials.csv')) assert.ok(techs.has(r.technology_id), r.technology_id);
});

test('lists: one row per list × edition, valid status, membership counts equal expected_count', () => {
  const lists = readCsv('lists.csv');
  const keys = lists.map((l) => `${l.list_id}@${l.edition}`);
  assert.equal(new Set(keys).size, keys.length);
  for (const l of lists) {
    assert.ok(l.status === 'official' || l.status === 'proposed', `${l.list_id}: status ${l.status}`);
    assert.equal(members(l.list_id, l.edition).length, Number(l.expected_count), `${l.list_id} ${l.edition}`);
    assert.ok(l.name_en && l.name_nl && l.name_fr, `${l.list_id}: names`);
  }
  for (const m of membership()) assert.ok(keys.includes(`${m.list_id}@${m.edition}`), `${m.list_id}@${m.edition}`);
  const rows = membership().map((m) => `${m.list_id}@${m.edition}>${m.material_id}`);
  assert.equal(new Set(rows).size, rows.length, 'duplicate membership');
  const expected: [string, string, number][] = [
    ['eu-crm', '2011', 14],
    ['eu-crm', '2014', 20],
    ['eu-crm', '2017', 27],
    ['eu-crm', '2020', 30],
    ['eu-crm', '2023', 34],
    ['crma-strategic', '2024', 17],
    ['crma-critical', '2024', 34],
    ['be-crm', '2024', 27],
    ['flanders-base-metals', '2025', 7],
  ];
  assert.deepEqual(keys.sort(), expected.map(([l, e]) => `${l}@${e}`).sort());
  for (const [l, e, n] of expected) assert.equal(members(l, e).length, n, `${l} ${e}`);
  const statusOf = (id: string) => lists.find((l) => l.list_id === id)?.status;
  assert.equal(statusOf('flanders-base-metals'), 'proposed');
  assert.equal(statusOf('crma-critical'), 'official');
});

test('the EU 2023 list equals CRMA Annex II; strategic materials are all critical', () => {
  const critical = members('crma-critical', '2024');
  assert.deepEqual(members('eu-crm', '2023'), critical);
  const groupOf = new Map(readCsv('group-members.csv').map((r) => [`${r.group_id}>${r.material_id}`, true]));
  for (const s of members('crma-strategic', '2024')) {
    if (s === 'ree-magnets') {
      for (const r of readCsv('group-members.csv').filter((g) => g.group_id === 'ree-magnets')) {
        assert.ok(groupOf.has(`hree>${r.material_id}`) || groupOf.has(`lree>${r.material_id}`), r.material_id);
      }
      continue;
    }
    assert.ok(critical.includes(s), `${s} is strategic but not critical`);
  }
  for (const id of ['copper', 'nickel']) assert.ok(critical.includes(id), `${id} is critical as a strategic material`);
});

test('Belgium (VITO): the 34 critical raw materials minus seven = 27', () => {
  const out = ['baryte', 'beryllium', 'coking-coal', 'feldspar', 'helium', 'scandium', 'tantalum'];
  const be = members('be-crm', '2024');
  assert.equal(be.length, 27);
  assert.deepEqual(
    be,
    members('crma-critical', '2024').filter((m) => !out.includes(m)),
  );
});

test('Flanders base metals: Fe, Al, Cu, Zn, Sn, Pb, Ni, all proposed', () => {
  const rows = membership().filter((m) => m.list_id === 'flanders-base-metals');
  assert.deepEqual(rows.map((r) => r.material_id).sort(), [
    'aluminium',
    'copper',
    'iron',
    'lead',
    'nickel',
    'tin',
    'zinc',
  ]);
  const symbols = new Map(materials().map((m) => [m.id, m.symbol]));
  assert.deepEqual(rows.map((r) => symbols.get(r.material_id)).sort(), ['Al', 'Cu', 'Fe', 'Ni', 'Pb', 'Sn', 'Zn']);
  for (const r of rows) assert.equal(r.note, 'proposed');
});

test('EU lists from 2017 on follow SR ≥ 1 and EI ≥ 2.8, and every exception carries a note', () => {
  const values = srEi();
  for (const edition of ['2017', '2020', '2023']) {
    const listed = membership().filter((m) => m.list_id === 'eu-crm' && m.edition === edition);
    for (const m of listed) {
      const v = values.get(`${m.material_id}@${edition}`);
      assert.ok(v, `${m.material_id} listed in ${edition} without SR/EI`);
      if (!(v.sr >= 1 && v.ei >= 2.8))
        assert.ok(m.note.trim(), `${m.material_id} ${edition}: below threshold, no note`);
    }
    const listedIds = new Set(listed.map((m) => m.material_id));
    for (const [key, v] of values) {
      const [id, ed] = key.split('@');
      if (ed === edition && v.sr >= 1 && v.ei >= 2.8) assert.ok(listedIds.has(id), `${id} meets thresholds in ${ed}`);
    }
  }
});

test('SR/EI: numeric, unique per material × edition, 70 assessed in 2023 = the candidates', () => {
  const rows = readCsv('sr-ei.csv');
  const keys = rows.map((r) => `${r.material_id}@${r.edition}`);
  assert.equal(new Set(keys).size, keys.length);
  for (const r of rows) {
    assert.ok(['2011', '2014', '2017', '2020', '2023'].includes(r.edition), r.edition);
    for (const v of [r.sr, r.ei]) assert.ok(Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 10, v);
  }
  const assessed2023 = rows
    .filter((r) => r.edition === '2023')
    .map((r) => r.material_id)
    .sort();
  const candidates = materials()
    .filter((m) => m.eu2023_candidate === 'true')
    .map((m) => m.id)
    .sort();
  assert.deepEqual(assessed2023, candidates);
});

test('Table 24: 22 rows in EUR million; the stated total differs from the row sum and says so', () => {
  const rows = readCsv('be-crm-imports-2023.csv');
  assert.equal(rows.length, 22);
  for (const r of rows) {
    assert.equal(r.unit, 'EUR million');
    assert.equal(r.currency, 'EUR');
    assert.ok(Number(r.import_value) > 0, r.material_id);
  }
  const sum = rows.reduce((s, r) => s + Number(r.import_value), 0);
  assert.equal(Math.round(sum * 100) / 100, 4347.91);
  const total = readCsv('facts.csv').find((f) => f.key === 'be_crm_imports_2023_total_stated');
  assert.ok(total);
  assert.equal(Number(total.value), 4355.33);
  assert.equal(total.unit, 'EUR million');
  assert.ok(total.note.includes('4347.91'), 'the note gives the computed sum');
  const byId = new Map(rows.map((r) => [r.material_id, Number(r.import_value)]));
  assert.equal(byId.get('pgm'), 1133.59);
  assert.equal(byId.get('coking-coal'), 918.91);
  assert.equal(byId.get('copper'), 857.65);
  assert.equal(byId.get('nickel'), 472.86);
});

test('import partners: shares are fractions, ranks unique, ISO alpha-3 codes', () => {
  const rows = readCsv('be-crm-import-partners-2023.csv');
  const ranks = rows.map((r) => r.rank);
  assert.equal(new Set(ranks).size, ranks.length);
  for (const r of rows) {
    const share = Number(r.share);
    assert.ok(share >= 0 && share <= 1, `${r.partner_iso3}: ${r.share}`);
    assert.match(r.partner_iso3, /^[A-Z]{3}$/);
  }
  const usa = rows.find((r) => r.partner_iso3 === 'USA');
  assert.equal(usa?.share, '0.199');
  assert.equal(usa?.rank, '1');
});

test('facts: unique keys with numeric values', () => {
  const rows = readCsv('facts.csv');
  const keys = rows.map((r) => r.key);
  assert.equal(new Set(keys).size, keys.length);
  for (const r of rows) {
    assert.match(r.key, /^[a-z0-9_]+$/, r.key);
    assert.ok(r.value !== '' && Number.isFinite(Number(r.value)), `${r.key}: ${r.value}`);
  }
});

test('JRC: 15 technologies in 5 sectors, each sector used, names in three languages', () => {
  const techs = readCsv('technologies.csv');
  const sectors = readCsv('sectors.csv');
  assert.equal(techs.length, 15);
  assert.equal(sectors.length, 5);
  for (const s of sectors)
    assert.ok(
      techs.some((t) => t.sector_id === s.id),
      `sector ${s.id} has no technology`,
    );
  for (const row of [...techs, ...sectors] as Row[]) {
    for (const col of ['name_en', 'name_nl', 'name_fr']) assert.ok(row[col]?.trim(), `${row.id}: ${col}`);
  }
  const pairs = readCsv('technology-materials.csv').map((r) => `${r.technology_id}>${r.material_id}`);
  assert.equal(new Set(pairs).size, pairs.length, 'duplicate technology-material pair');
  for (const t of techs) assert.ok(pairs.includes(`${t.id}>aluminium-bauxite`), `aluminium in ${t.id} (Table 3)`);
});

test('aliases: the same spelling in the same context never maps to two materials', () => {
  const seen = new Map<string, string>();
  for (const a of readCsv('material-aliases.csv')) {
    const key = `${a.alias}|${a.context}`;
    const prior = seen.get(key);
    assert.ok(prior === undefined || prior === a.material_id, `${key}: ${prior} vs ${a.material_id}`);
    seen.set(key, a.material_id);
  }
});

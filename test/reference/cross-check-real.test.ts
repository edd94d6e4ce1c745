import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { realFile } from '../support/real-data.js';
import { normalizeName, parseCsv, type Row, readCsv, resolveStudyName } from './read-reference.js';

/**
 * Cross-checks of the hand-written reference tables against the real EU CRM 2023 transcription
 * (../shared/data/real/eu-crm-2023, never copied into the repository). Skips when the folder is absent.
 */
const TOLERANCE = 0.05 + 1e-9;
const DATASET = 'eu-crm-2023';
const overTimePath = realFile(`${DATASET}/dimension_CRMsOverTime.csv`);
const groupingsPath = realFile(`${DATASET}/dimension_ScreenedMatGroupings.csv`);
const factNames = ['fact_EUSupplyShares&t.csv', 'fact_GlobalSupplyShares&t.csv', 'fact_MaterialUseShares.csv'];
const factPaths = factNames.map((f) => realFile(`${DATASET}/${f}`));

/** The real files are cp1252 in places (SOURCE.md); decoding all of them as windows-1252 is safe for ASCII too. */
function readReal(path: string): Row[] {
  return parseCsv(new TextDecoder('windows-1252').decode(readFileSync(path)));
}

function resolveOne(file: string, name: string, edition?: number): string {
  const ids = resolveStudyName(file, name, edition);
  assert.equal(
    ids.length,
    1,
    `${file}: "${normalizeName(name)}"${edition ? ` (${edition})` : ''} resolves to [${ids}]`,
  );
  return ids[0];
}

interface Assessed {
  id: string;
  edition: number;
  sr: number;
  ei: number;
}

function assessedInRealFile(path: string): Assessed[] {
  const file = 'dimension_CRMsOverTime.csv';
  return readReal(path)
    .filter((r) => r.SR.trim() !== '-' || r.EI.trim() !== '-')
    .map((r) => {
      const edition = Number(r.Year);
      return { id: resolveOne(file, r.Material, edition), edition, sr: Number(r.SR), ei: Number(r.EI) };
    });
}

test('every SR/EI value equals the study transcription (±0.05), and every assessed value is in sr-ei.csv', {
  skip: !overTimePath && 'real data absent',
}, () => {
  const real = assessedInRealFile(overTimePath as string);
  const ours = new Map(readCsv('sr-ei.csv').map((r) => [`${r.material_id}@${r.edition}`, r]));
  const realKeys = new Set<string>();
  for (const v of real) {
    assert.ok(Number.isFinite(v.sr) && Number.isFinite(v.ei), `${v.id} ${v.edition}: partial value in the real file`);
    const key = `${v.id}@${v.edition}`;
    assert.ok(!realKeys.has(key), `${key} twice in the real file`);
    realKeys.add(key);
    const row = ours.get(key);
    assert.ok(row, `${key} is assessed in the study but missing from sr-ei.csv`);
    assert.ok(Math.abs(Number(row.sr) - v.sr) <= TOLERANCE, `${key}: SR ${row.sr} vs ${v.sr}`);
    assert.ok(Math.abs(Number(row.ei) - v.ei) <= TOLERANCE, `${key}: EI ${row.ei} vs ${v.ei}`);
  }
  for (const key of ours.keys()) assert.ok(realKeys.has(key), `${key} is in sr-ei.csv but not assessed in the study`);
});

test('the 2023 candidate set equals the 70 materials/groups assessed in 2023', {
  skip: !overTimePath && 'real data absent',
}, () => {
  const real = assessedInRealFile(overTimePath as string)
    .filter((v) => v.edition === 2023)
    .map((v) => v.id)
    .sort();
  assert.equal(real.length, 70);
  const ours = readCsv('materials.csv')
    .filter((m) => m.eu2023_candidate === 'true')
    .map((m) => m.id)
    .sort();
  assert.deepEqual(ours, real);
});

test('group memberships equal the screened-material groupings (HREE, LREE, PGM, REE)', {
  skip: !groupingsPath && 'real data absent',
}, () => {
  const file = 'dimension_ScreenedMatGroupings.csv';
  const rows = readReal(groupingsPath as string);
  const realGroup = (column: string, value: string) =>
    [...new Set(rows.filter((r) => r[column] === value).map((r) => resolveOne(file, r.screened_material)))].sort();
  const ours = (group: string) =>
    readCsv('group-members.csv')
      .filter((r) => r.group_id === group)
      .map((r) => r.material_id)
      .sort();
  assert.deepEqual(ours('hree'), realGroup('perm_XREE_noPGM', 'HREE'));
  assert.deepEqual(ours('hree'), realGroup('perm_XREE_PGM', 'HREE'));
  assert.deepEqual(ours('lree'), realGroup('perm_XREE_noPGM', 'LREE'));
  assert.deepEqual(ours('pgm'), realGroup('perm_noXREE_PGM', 'PGM'));
  assert.deepEqual(ours('ree'), realGroup('perm_noXREE_noPGM', 'REE'));
  const primary = new Map(readCsv('materials.csv').map((m) => [m.id, m.group_id]));
  for (const id of realGroup('perm_XREE_PGM', 'HREE')) assert.equal(primary.get(id), 'hree', id);
  for (const id of realGroup('perm_XREE_PGM', 'LREE')) assert.equal(primary.get(id), 'lree', id);
  for (const id of realGroup('perm_XREE_PGM', 'PGM')) assert.equal(primary.get(id), 'pgm', id);
});

test('every material spelling in the five eu-crm-2023 files resolves to exactly one material', {
  skip: (!overTimePath || !groupingsPath || factPaths.some((p) => !p)) && 'real data absent',
}, () => {
  for (const r of readReal(overTimePath as string))
    resolveOne('dimension_CRMsOverTime.csv', r.Material, Number(r.Year));
  for (const r of readReal(groupingsPath as string))
    resolveOne('dimension_ScreenedMatGroupings.csv', r.screened_material);
  factNames.forEach((name, i) => {
    const names = new Set(readReal(factPaths[i] as string).map((r) => r.Material));
    assert.ok(names.size > 50, `${name}: ${names.size} materials`);
    for (const material of names) resolveOne(name, material);
  });
});

test('group members of the 2023 supply-share tables are materials of the master list', {
  skip: factPaths.some((p) => !p) && 'real data absent',
}, () => {
  const ids = new Set(readCsv('materials.csv').map((m) => m.id));
  const file = 'fact_GlobalSupplyShares&t.csv';
  const rows = readReal(factPaths[1] as string);
  for (const el of ['Dysprosium', 'Iridium', 'Cerium', 'Yttrium']) {
    assert.ok(
      rows.some((r) => r.Material === el),
      `${el} in ${file}`,
    );
    assert.ok(ids.has(resolveOne(file, el)), el);
  }
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { readStrategicList } from '../../src/analyses/screen-strategic.js';
import { readBasketFile } from '../../src/analyses/trade-factsheet-baskets.js';
import { UserError } from '../../src/domain/errors.js';
import { realFile, repoRoot } from '../support/real-data.js';
import { tempDir } from '../support/store.js';

const materials = new Set(
  (
    parse(readFileSync(join(repoRoot, 'reference', 'materials.csv'), 'utf8'), { columns: true }) as { id: string }[]
  ).map((m) => m.id),
);

test('every basket row names a known material, a valid code and its source', () => {
  const rows = readBasketFile();
  assert.ok(rows.length > 100);
  for (const r of rows) {
    assert.ok(materials.has(r.material_id), `${r.material_id} is in reference/materials.csv`);
    assert.ok(r.source.length > 10, `${r.code} has a source`);
  }
});

test('HS6 basket descriptions are the HS 2022 subheading texts of UN Comtrade (cross-check with the real file)', {
  skip: !realFile('hs-cn-concordance/comtrade_classificationH6_HS2022.json') && 'real data absent',
}, () => {
  const json = JSON.parse(
    readFileSync(realFile('hs-cn-concordance/comtrade_classificationH6_HS2022.json')!, 'utf8'),
  ) as { results: { id: string; text: string }[] };
  const texts = new Map(json.results.map((r) => [r.id, r.text.split(' - ').slice(1).join(' - ')]));
  for (const r of readBasketFile().filter((x) => x.classification === 'HS6'))
    assert.equal(r.description, texts.get(r.code), r.code);
});

test('every bundled strategic list row has a code, an ecosystem and a source', () => {
  for (const file of readdirSync(join(repoRoot, 'reference', 'strategic-products'))) {
    const list = readStrategicList(file.replace(/\.csv$/, ''));
    assert.ok(list.entries.length > 0, file);
    for (const e of list.entries) assert.ok(e.source.length > 10 && e.ecosystem, `${file} ${e.code}`);
  }
  assert.ok(readStrategicList('crm').entries.some((e) => e.code === '810411'));
});

test('a user list with a bad code names the file and line', () => {
  const tmp = tempDir();
  try {
    const path = join(tmp.dir, 'mine.csv');
    writeFileSync(path, 'code,ecosystem\n280530,raw materials\n28A530,oops\n');
    assert.throws(
      () => readStrategicList(path),
      (e: Error) => e instanceof UserError && e.message.includes(`${path}:3`),
    );
  } finally {
    tmp.cleanup();
  }
});

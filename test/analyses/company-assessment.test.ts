import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { assessCompany, readUpload, storeUpload } from '../../src/analyses/company-assessment.js';
import { readPurchases } from '../../src/analyses/company-assessment-file.js';
import { writeAssessmentReport } from '../../src/analyses/company-assessment-report.js';
import { countryResolver } from '../../src/analyses/scenario-data.js';
import type { Db } from '../../src/store/db.js';
import { repoRoot } from '../support/real-data.js';
import { tempDir, tempStore } from '../support/store.js';
import { importCriticalityInputs, real } from './levers-fixtures.js';

const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'levers', name);
let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
let resolve: (t: string) => string | null;

before(async () => {
  store = await tempStore();
  db = store.db;
  resolve = await countryResolver(db);
});
after(() => store.cleanup());

test('a good CSV: every row read, origins resolved from ISO2, ISO3 and names, codes cleaned', async () => {
  const rows = await readPurchases(readFileSync(fixture('purchases-good.csv')), 'purchases-good.csv', resolve);
  assert.equal(rows.length, 10);
  assert.deepEqual(
    rows.slice(0, 4).map((r) => [r.line, r.code, r.originIso3, r.valueEur]),
    [
      [2, '81129289', 'CHN', 120000],
      [3, '81129289', 'DEU', 30000],
      [4, '81129295', 'CHN', 45000],
      [5, '28369100', 'CHL', 250000],
    ],
  );
});

test('a CSV with bad rows: one error per bad row naming file:line, and nothing is returned', async () => {
  await assert.rejects(
    readPurchases(readFileSync(fixture('purchases-bad.csv')), 'purchases-bad.csv', resolve),
    (error: Error) => {
      const lines = error.message.split('\n');
      assert.match(lines[0], /purchases-bad\.csv: 5 bad rows; no assessment was made/);
      assert.deepEqual(
        lines.slice(1).map((l) => l.split(': ')[0]),
        [
          'purchases-bad.csv:3',
          'purchases-bad.csv:4',
          'purchases-bad.csv:5',
          'purchases-bad.csv:6',
          'purchases-bad.csv:7',
        ],
      );
      assert.match(lines[1], /cn_code "8112" is not a CN8 or HS6 code/);
      assert.match(lines[2], /origin "Atlantis" is not a known country/);
      assert.match(lines[3], /value_eur "250,000" is not a number \(use a dot as decimal separator/);
      assert.match(lines[4], /neither value_eur nor quantity_kg is given/);
      assert.match(lines[5], /value_eur "-5" is negative/);
      return true;
    },
  );
});

test('semicolon CSV with other header names, and XLSX with number and formula cells', async () => {
  const semi = await readPurchases(
    readFileSync(fixture('purchases-semicolon.csv')),
    'purchases-semicolon.csv',
    resolve,
  );
  assert.deepEqual(
    semi.map((r) => [r.code, r.originIso3, r.valueEur, r.quantityKg]),
    [
      ['81129289', 'CHN', 1000, 2],
      ['81129281', 'FRA', 500, 1],
    ],
  );
  const xlsx = await readPurchases(readFileSync(fixture('purchases-good.xlsx')), 'purchases-good.xlsx', resolve);
  assert.deepEqual(
    xlsx.map((r) => [r.line, r.code, r.originIso3, r.valueEur]),
    [
      [2, '81129289', 'CHN', 120000],
      [3, '81129295', 'CHN', 45000],
      [5, '85051100'.slice(0, 6), 'CHN', 60000],
      [6, '260400', 'IDN', 8000],
    ],
  );
});

test('a bad XLSX names sheet rows as lines', async () => {
  await assert.rejects(
    readPurchases(readFileSync(fixture('purchases-bad.xlsx')), 'purchases-bad.xlsx', resolve),
    (e: Error) => {
      assert.match(
        e.message,
        /purchases-bad\.xlsx:3: origin "ZZ" is not a known country .*; value_eur "lots" is not a number/,
      );
      assert.match(e.message, /purchases-bad\.xlsx:4: cn_code "abc" is not a CN8 or HS6 code/);
      return true;
    },
  );
});

test('header errors and unsupported types', async () => {
  await assert.rejects(
    readPurchases(Buffer.from('code,country\n81129289,CN\n'), 'x.csv', resolve),
    /x\.csv:1: the header lacks value_eur or quantity_kg/,
  );
  await assert.rejects(readPurchases(Buffer.from('a'), 'x.pdf', resolve), /unsupported file type "\.pdf"/);
  await assert.rejects(readPurchases(Buffer.from('cn_code,origin,value_eur\n'), 'x.csv', resolve), /no purchase rows/);
  await assert.rejects(readPurchases(Buffer.from('not a zip'), 'x.xlsx', resolve), /not a readable \.xlsx workbook/);
});

test('assessment on reference data: mapping, factors, flags and score (hand-checked)', async () => {
  const rows = await readPurchases(readFileSync(fixture('purchases-good.csv')), 'purchases-good.csv', resolve);
  const a = await assessCompany(db, rows, { label: 'purchases-good.csv', asOf: '2025-06-30' });
  const by = new Map(a.result.rows.map((r) => [r.material, r]));
  const ga = by.get('gallium') as Record<string, unknown>;
  // gallium: CHN 120,000 + DEU 30,000 → HHI 0.8² + 0.2² = 0.68; CHN restricts gallium (Aug 2023 licence) → 0.8.
  assert.equal(ga.purchase_value_eur, 150000);
  assert.ok(Math.abs((ga.sourcing_hhi as number) - 0.68) < 1e-12);
  assert.ok(Math.abs((ga.restricted_share as number) - 0.8) < 1e-12);
  assert.equal(ga.restrictions, 'cn-2023-ga-ge');
  assert.equal(ga.strategic, true);
  assert.equal(ga.origin_over_65, true);
  // Li-ion cells map to five battery materials; the plastic housing maps to nothing.
  for (const m of ['lithium', 'cobalt', 'nickel', 'manganese', 'natural-graphite']) assert.ok(by.has(m), m);
  assert.deepEqual(
    a.unmapped.map((u) => u.code),
    ['39269097'],
  );
  assert.equal(a.totals.valueEur, 1575000);
  assert.equal(a.totals.mappedValueEur, 1560000);
  const company = by.get('company') as Record<string, unknown>;
  assert.equal(company.vulnerability, a.score);
  assert.ok(a.score !== null && a.score > 0 && a.score < 1);
  // Before the Aug 2023 measure, gallium from China was not restricted.
  const earlier = await assessCompany(db, rows, { label: 'x', asOf: '2023-07-31' });
  assert.equal(earlier.result.rows.find((r) => r.material === 'gallium')?.restricted_share, 0);
  // The US-only ban of Dec 2024 counts only for a US company.
  const us = await assessCompany(db, rows, { label: 'x', asOf: '2025-06-30', companyCountry: 'USA' });
  assert.equal(us.result.rows.find((r) => r.material === 'gallium')?.restrictions, 'cn-2023-ga-ge cn-2024-us-ban');
  assert.ok(a.result.warnings.some((w) => /no WGI in the store/.test(w)));
  assert.equal(a.result.method.params.weights.assumed, true);
});

test('report: HTML and XLSX written together; a failed run writes nothing', async () => {
  const rows = await readPurchases(readFileSync(fixture('purchases-good.csv')), 'purchases-good.csv', resolve);
  const a = await assessCompany(db, rows, { label: 'purchases-good.csv', asOf: '2025-06-30', sha256: 'ab'.repeat(32) });
  const out = tempDir();
  try {
    const paths = await writeAssessmentReport(a, out.dir);
    assert.deepEqual(readdirSync(out.dir).sort(), ['purchases-good-assessment.html', 'purchases-good-assessment.xlsx']);
    const html = readFileSync(paths[0], 'utf8');
    assert.match(html, /Vulnerability score: 0\.\d{3}/);
    assert.match(html, /cn-2023-ga-ge/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(paths[1]);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Summary', 'Materials', 'Mapping', 'Unmapped', 'Restrictions', 'Parameters', 'Sources'],
    );
    assert.equal(wb.getWorksheet('Mapping')?.actualRowCount, 1 + 9);
    // Bad input never reaches the writer: nothing appears in a fresh folder.
    const empty = join(out.dir, 'bad');
    await assert.rejects(async () => {
      const bad = await readPurchases(readFileSync(fixture('purchases-bad.csv')), 'purchases-bad.csv', resolve);
      await writeAssessmentReport(await assessCompany(db, bad, { label: 'purchases-bad.csv' }), empty);
    }, /bad rows/);
    assert.equal(existsSync(empty), false);
  } finally {
    out.cleanup();
  }
});

test('a stored upload reads back the same rows, all in one transaction', async () => {
  const bytes = readFileSync(fixture('purchases-good.csv'));
  const rows = await readPurchases(bytes, 'purchases-good.csv', resolve);
  const id = await storeUpload(db, rows, { label: 'purchases-good.csv', bytes }, 'test');
  const back = await readUpload(db, id);
  assert.equal(back?.rows.length, 10);
  assert.deepEqual(back?.rows[3], { ...rows[3], origin: 'CHL' });
});

test('with the EU study tables and WGI: governance and global concentration enter the score', {
  skip: !real.crmDir && 'real data absent',
}, async () => {
  await importCriticalityInputs(db);
  const rows = await readPurchases(readFileSync(fixture('purchases-good.csv')), 'purchases-good.csv', resolve);
  const a = await assessCompany(db, rows, { label: 'purchases-good.csv', asOf: '2025-06-30' });
  const ga = a.result.rows.find((r) => r.material === 'gallium') as Record<string, number>;
  // Global processing shares of gallium (EU 2023 study): CHN 93.8%, UKR 2.2%, RUS 1.9%, JPN 1.0%, KOR 0.9%, DEU 0.3%.
  const expected = [0.938, 0.022, 0.019, 0.01, 0.009, 0.003];
  const total = expected.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(ga.global_hhi - expected.reduce((s, v) => s + (v / total) ** 2, 0)) < 1e-9, String(ga.global_hhi));
  assert.ok(ga.governance > 0 && ga.governance < 1);
  assert.ok(!a.result.warnings.some((w) => /no WGI/.test(w)));
});

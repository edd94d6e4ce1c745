import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchmarkRows, crmaTargets, stageBalance } from '../../src/methods/crma-benchmarks.js';

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

/**
 * Hand-built case (t of contained metal): EU extraction 5, imports of ore 40 (AUS 30, CHL 10), exports 0 →
 * consumption 45; EU refining 18, refined imports 50 (CHN 45, USA 5), exports 3 → consumption 65;
 * EoL-RIR 0.12.
 */
test('benchmarks on a hand-built case: ratios, targets, gaps in share points and tonnes, proxies labelled', () => {
  const extraction = stageBalance({ euProduction: 5, importsByCountry: { AUS: 30, CHL: 10 }, exports: 0, unit: 't' });
  const processing = stageBalance({ euProduction: 18, importsByCountry: { CHN: 45, USA: 5 }, exports: 3, unit: 't' });
  assert.equal(extraction.consumption, 45);
  assert.equal(processing.consumption, 65);
  const rows = benchmarkRows({
    material: 'testium',
    extraction: extraction.euShare,
    processing: processing.euShare,
    recycling: { value: 0.12, basis: 'eol-rir' },
    thirdCountry: { extraction: extraction.thirdCountry, processing: processing.thirdCountry },
  });
  const by = (b: string, stage: string) => rows.find((r) => r.benchmark === b && r.stage === stage)!;

  const ext = by('extraction', 'extraction');
  close(ext.value, 5 / 45); // 0.111 ≥ 0.10
  assert.equal(ext.meets, true);
  assert.equal(ext.gap, 0);
  assert.equal(ext.basis, 'output-vs-consumption');
  assert.equal(ext.proxy, true);

  const proc = by('processing', 'processing');
  close(proc.value, 18 / 65); // 0.277 < 0.40
  assert.equal(proc.meets, false);
  close(proc.gap, 0.4 - 18 / 65);
  close(proc.gap_quantity, (0.4 - 18 / 65) * 65); // 8 t of processing to add
  assert.equal(proc.unit, 't');

  const rec = by('recycling', 'recycling');
  assert.equal(rec.meets, false);
  close(rec.gap, 0.13);
  assert.match(rec.proxy_note ?? '', /EoL-RIR/);
  assert.equal(rec.gap_quantity, null);

  const chinaRefined = by('single-third-country', 'processing');
  assert.equal(chinaRefined.country, 'CHN');
  close(chinaRefined.value, 45 / 65); // 0.692 > 0.65
  assert.equal(chinaRefined.operator, '≤');
  assert.equal(chinaRefined.meets, false);
  close(chinaRefined.gap_quantity, (45 / 65 - 0.65) * 65); // 2.75 t to source elsewhere
  assert.equal(chinaRefined.basis, 'import-share-of-consumption');

  const australiaOre = by('single-third-country', 'extraction');
  assert.equal(australiaOre.country, 'AUS');
  close(australiaOre.value, 30 / 45);
  assert.equal(australiaOre.meets, false);
});

test('consumption ≤ 0 gives null ratios, not a division by a negative number', () => {
  const b = stageBalance({ euProduction: 10, importsByCountry: { CHN: 5 }, exports: 20 });
  assert.equal(b.consumption, null);
  assert.equal(b.euShare.value, null);
  const [row] = benchmarkRows({ material: 'x', processing: b.euShare });
  assert.equal(row.meets, null);
  assert.equal(row.gap, null);
});

test('capacity data are not flagged as a proxy', () => {
  const b = stageBalance({ euProduction: 50, importsByCountry: {}, exports: 0, basis: 'capacity-vs-consumption' });
  const [row] = benchmarkRows({ material: 'x', processing: b.euShare });
  assert.equal(row.proxy, false);
  assert.equal(row.proxy_note, null);
});

test('the four Art. 5 targets', () => {
  assert.deepEqual(
    crmaTargets.map((t) => [t.benchmark, t.operator, t.threshold]),
    [
      ['extraction', '≥', 0.1],
      ['processing', '≥', 0.4],
      ['recycling', '≥', 0.25],
      ['single-third-country', '≤', 0.65],
    ],
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYears, resolveScreenParams } from '../../src/analyses/screen-options.js';
import { UsageError } from '../../src/domain/errors.js';
import { presetIds } from '../../src/methods/dependency/presets.js';

test('every preset resolves, and labels the [U] defaults of docs/methods.md as assumed', () => {
  const assumedOf = (preset: (typeof presetIds)[number], kind: 'eu-bloc' | 'eu-member' | 'other' = 'eu-member') =>
    Object.entries(resolveScreenParams({ preset }, kind).table)
      .filter(([, e]) => e.assumed)
      .map(([k]) => k);
  assert.deepEqual(presetIds, ['ec2021', 'nbb2024', 'nbb2024-exports', 'fpb2024', 'geodep', 'merics']);
  // EC 2021: the thresholds, the year, the level and X_total's intra-EU part are [U] (§1.1).
  for (const k of ['hhi', 'extra_share', 'ratio', 'years', 'level', 'ratio_denominator'])
    assert.ok(assumedOf('ec2021').includes(k), k);
  assert.ok(!assumedOf('ec2021').includes('hhi_partners'));
  // NBB: 2017–2022 and the top 10 % are verified; how years combine and the cut rounding are not (§3).
  assert.ok(!assumedOf('nbb2024').includes('years') && !assumedOf('nbb2024').includes('top_share'));
  assert.ok(assumedOf('nbb2024').includes('combine') && assumedOf('nbb2024').includes('cut_rounding'));
  // FPB: the non-EU rule and the persistence rule are [U] (§2).
  assert.ok(assumedOf('fpb2024').includes('extra_share') && assumedOf('fpb2024').includes('persistence'));
  // GeoDep: criteria verified; for the EU27 bloc the extra-EU reading is ours (§4.1).
  assert.ok(!assumedOf('geodep', 'other').includes('hhi_partners'));
  assert.ok(assumedOf('geodep', 'eu-bloc').includes('hhi_partners'));
  assert.ok(assumedOf('merics').includes('ratio'));
});

test('a value the user sets is no longer assumed', () => {
  const { params, table } = resolveScreenParams({ preset: 'ec2021', hhi: '>=0.5', years: '2021' }, 'eu-bloc');
  assert.deepEqual(params.hhi, { op: '>=', tau: 0.5 });
  assert.equal(table.hhi.assumed, false);
  assert.deepEqual(params.years, [2021]);
  assert.equal(resolveScreenParams({ preset: 'ec2021', hhi: '0.3' }, 'eu-bloc').params.hhi?.op, '>');
  assert.equal(resolveScreenParams({ preset: 'ec2021', extraShare: 'none' }, 'eu-bloc').params.extra_share, null);
});

test('years parse as one, a range or a list; bad text is a usage error', () => {
  assert.deepEqual(parseYears('2014-2016'), [2014, 2015, 2016]);
  assert.deepEqual(parseYears('2019,2017, 2019'), [2017, 2019]);
  assert.throws(() => parseYears('last year'), UsageError);
  assert.throws(() => parseYears('2023-2014'), UsageError);
});

test('invalid options name the option and the value', () => {
  assert.throws(() => resolveScreenParams({ preset: 'ec2021', topShare: 2 }, 'eu-bloc'), /invalid top-share: 2/);
  assert.throws(
    () => resolveScreenParams({ preset: 'ec2021', persistence: '3/2' }, 'eu-bloc'),
    /invalid persistence: "3\/2"/,
  );
  assert.throws(
    () => resolveScreenParams({ preset: 'ec2021', side: 'both' as never }, 'eu-bloc'),
    (e: Error) => e instanceof UsageError && /invalid side: "both"/.test(e.message),
  );
});

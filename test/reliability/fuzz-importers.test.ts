import { test } from 'node:test';
import { sourceIds } from '../../src/sources/catalogue.js';
import { fastPlan, fuzzOne } from './support/fuzz-plan.js';

// The fast version of test/stress/fuzz-importers-*.test.ts: every importer, every layer, ~150 malformed inputs each.
for (const source of sourceIds()) {
  test(`${source}: malformed files give a UserError naming the file, never a crash or a partial write`, async (t) => {
    await fuzzOne(t, source, fastPlan(source));
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzOne, importerGroups, stressPlan } from '../reliability/support/fuzz-plan.js';
import { stress } from './stress.js';

// Issue 10: at least 10,000 malformed inputs per importer (group 1 of 2; see fuzz-plan.ts for the split by layer).
for (const source of importerGroups[0]) {
  test(`${source}: 10,000 malformed inputs, no crash, no partial write, every error names the file`, {
    skip: !stress && 'stress test: npm run test:stress',
  }, async (t) => {
    const tally = await fuzzOne(t, source, stressPlan(source));
    assert.ok(tally.cases >= 10_000);
  });
}

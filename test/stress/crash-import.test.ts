import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCrashScenario } from '../reliability/support/crash.js';
import { tempDir } from '../support/store.js';
import { stress } from './stress.js';

// Issue 10: radar import of a 2,000,000-row BACI file, SIGKILLed at 8 seeded random moments and once right after
// its commit; after each kill the store holds the whole dataset or none of it, and the registry agrees.
const tmp = tempDir();
after(tmp.cleanup);

test('SIGKILL at 9 points of a 2 M-row import: always all or nothing, registry in agreement', {
  skip: !stress && 'stress test: npm run test:stress',
}, async (t) => {
  const seed = Number(process.env.RADAR_TEST_SEED ?? 20251129);
  t.diagnostic(`seed ${seed}`);
  const tally = await runCrashScenario(tmp.dir, { rows: 2_000_000, randomKills: 8, seed, log: (l) => t.diagnostic(l) });
  t.diagnostic(`kill points: ${tally.whole + tally.none} (whole after ${tally.whole}, none after ${tally.none})`);
  assert.equal(tally.whole + tally.none, 9);
});

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { tempDir } from '../support/store.js';
import { runCrashScenario } from './support/crash.js';

// The fast version of test/stress/crash-import.test.ts: a 100,000-row BACI file, two kill points and one right
// after the commit. Needs the compiled CLI (npm test builds it first).
const tmp = tempDir();
after(tmp.cleanup);

test('radar import killed (SIGKILL) mid-import leaves all or nothing, and the registry agrees', async (t) => {
  const seed = Number(process.env.RADAR_TEST_SEED ?? 20250610);
  t.diagnostic(`seed ${seed}`);
  const tally = await runCrashScenario(tmp.dir, { rows: 100_000, randomKills: 2, seed, log: (l) => t.diagnostic(l) });
  assert.equal(tally.whole + tally.none, 3);
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createApp } from '../../../src/server/app.js';
import { userTables } from '../../../src/store/backup.js';
import { openStore } from '../../../src/store/open.js';
import { checkTokens, fuzzApi, populate } from './api-fuzz.js';
import { storeState } from './store-state.js';

/**
 * The API half of issue 10's fuzzing, over a store with one dataset of every importer: bad values (SQL
 * metacharacters, path traversal, out-of-range numbers, long and odd text) in every parameter of every operation in
 * /openapi.json, bad bodies, and wrong tokens on every protected operation. No 5xx, no request slower than
 * `slowMs`, every refusal with a message, and nothing changed outside the user tables writes may touch.
 */
export async function runApiFuzz(t: TestContext, perParameter: number, slowMs = 20_000): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'radar-api-fuzz-'));
  const token = 'fuzz-token-0123456789abcdef';
  const previous = process.env.RADAR_API_TOKEN;
  process.env.RADAR_API_TOKEN = token;
  const db = await openStore({ path: join(scratch, 'radar.duckdb') });
  try {
    const known = await populate(db, scratch);
    const app = createApp(db);
    const before = await storeState(db);
    const tokens = await checkTokens(app, token);
    t.diagnostic(`token checks: ${tokens.checked} requests to protected operations without the right token`);
    assert.deepEqual(tokens.failures, []);
    const seed = Number(process.env.RADAR_FUZZ_SEED ?? 20_251_129);
    const tally = await fuzzApi(app, {
      perParameter,
      seed,
      token,
      slowMs,
      known,
      // POST /api/imports has its own tests (imports-api.test.ts): its bodies name files and upload data.
      skip: (op) => op.path === '/api/imports' && op.method === 'POST',
    });
    t.diagnostic(
      `seed ${seed}: ${tally.requests} requests over ${tally.operations} operations, ${tally.parameters} parameters; ` +
        `status ${JSON.stringify(tally.byStatus)}; slowest ${Math.round(tally.slowest.ms)} ms (${tally.slowest.request})`,
    );
    assert.deepEqual(tally.failures.slice(0, 20), []);
    const after = await storeState(db);
    const fixed = (s: typeof before) =>
      Object.fromEntries(
        Object.entries(s.tables).filter(([name]) => !(userTables as readonly string[]).includes(name)),
      );
    assert.deepEqual(fixed(after), fixed(before), 'no table outside the user data changed');
    assert.deepEqual(after.registry, before.registry, 'the registry is unchanged');
  } finally {
    db.close();
    rmSync(scratch, { recursive: true, force: true });
    if (previous === undefined) delete process.env.RADAR_API_TOKEN;
    else process.env.RADAR_API_TOKEN = previous;
  }
}

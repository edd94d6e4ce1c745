import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { openStore } from '../../../src/store/open.js';
import { type FuzzPlan, type FuzzTally, formatTally, fuzzImporter } from './fuzz-run.js';

/**
 * How many malformed inputs each importer gets, per layer (fuzz-run.ts). The stress plan gives every importer at
 * least 10,000 cases; most go through the cheapest layer that runs the importer's own checks, a few hundred through
 * a real import. Measured per case on 2 cores: parse layer 1–4 ms, load (dry run) 4–45 ms, import 30–150 ms.
 * Importers whose checks all live in `load` (the code tables: a few ms each) run their cases there.
 */
const plans: Record<string, FuzzPlan> = {
  'eu-crm-study': { parse: 9_400, load: 400, imports: 200 },
  wgi: { parse: 8_800, load: 1_000, imports: 200 },
  wmd: { parse: 8_800, load: 1_000, imports: 200 },
  'usgs-mcs': { parse: 8_800, load: 1_000, imports: 200 },
  hs: { parse: 0, load: 9_800, imports: 200 },
  'cn-concordance': { parse: 0, load: 9_800, imports: 200 },
  'hs-conversion': { parse: 0, load: 9_800, imports: 200 },
  'hs-bec': { parse: 0, load: 9_800, imports: 200 },
  'oecd-iot': { parse: 7_000, load: 2_800, imports: 200 },
  'oecd-icio': { parse: 7_000, load: 2_800, imports: 200 },
  figaro: { parse: 7_000, load: 2_800, imports: 200 },
  'iea-cm': { parse: 9_300, load: 500, imports: 200 },
  baci: { parse: 9_000, load: 700, imports: 300 },
  comext: { parse: 9_000, load: 700, imports: 300 },
  comtrade: { parse: 9_000, load: 700, imports: 300 },
};

/** Every importer of the catalogue, in two halves of about equal run time (test:stress runs two files at once). */
export const importerGroups = [
  ['eu-crm-study', 'wgi', 'wmd', 'usgs-mcs', 'hs', 'cn-concordance', 'hs-conversion', 'hs-bec'],
  ['oecd-iot', 'oecd-icio', 'figaro', 'iea-cm', 'baci', 'comext', 'comtrade'],
];

export function stressPlan(source: string): FuzzPlan {
  const plan = plans[source];
  assert.ok(plan, `no fuzz plan for importer ${source}: add one in test/reliability/support/fuzz-plan.ts`);
  return plan;
}

/** The fast plan of `npm test`: every layer touched, about one second per importer. */
export function fastPlan(source: string): FuzzPlan {
  const plan = stressPlan(source);
  return { parse: plan.parse ? 100 : 0, load: plan.parse ? 20 : 100, imports: 5 };
}

/** RADAR_FUZZ_SEED replays a run; the seed is printed with every result. */
export function fuzzSeed(): number {
  return Number(process.env.RADAR_FUZZ_SEED ?? 20_251_129);
}

/** Fuzz one importer in a fresh on-disk store, print its figures, and require no crash, partial write or unclear error. */
export async function fuzzOne(t: TestContext, source: string, plan: FuzzPlan): Promise<FuzzTally> {
  const seed = fuzzSeed();
  const scratch = mkdtempSync(join(tmpdir(), `radar-fuzz-${source}-`));
  const db = await openStore({ path: join(scratch, 'radar.duckdb') });
  try {
    const tally = await fuzzImporter(db, source, plan, { seed, scratch });
    t.diagnostic(`seed ${seed}: ${formatTally(tally)}`);
    if (tally.layers.parse) t.diagnostic(`  parse layer: ${tally.layers.parse}`);
    assert.equal(tally.cases, plan.parse + plan.load + plan.imports);
    assert.equal(tally.crashes, 0);
    assert.equal(tally.partialWrites, 0);
    assert.deepEqual(tally.examples.unclear, [], 'every error names the file');
    return tally;
  } finally {
    db.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

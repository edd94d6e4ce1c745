import assert from 'node:assert/strict';
import { join } from 'node:path';
import { UserError } from '../../../src/domain/errors.js';
import { importerFor } from '../../../src/sources/catalogue.js';
import { type ImportReport, runImport } from '../../../src/sources/run-import.js';
import type { Db } from '../../../src/store/db.js';
import { repoRoot } from '../../support/real-data.js';

/** Test helpers shared by the eu-crm-study, wgi, wmd and usgs-mcs importer tests. */

export const fixture = (source: string, name: string) => join(repoRoot, 'test', 'fixtures', source, name);

const tables = [
  'datasets',
  'eu_crm_sr_ei',
  'eu_crm_supply_shares',
  'eu_crm_use_shares',
  'eu_crm_groupings',
  'wgi',
  'production',
  'wmd_hs_map',
  'usgs_mcs_statistics',
  'usgs_mcs_salient',
  'usgs_mcs_nir',
  'usgs_mcs_end_uses',
];

/** Row counts of every table these importers write, and the registry ids: equal before and after = unchanged. */
export async function snapshot(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))?.n;
  out.ids = (await db.all<{ id: string }>('SELECT id FROM datasets ORDER BY id')).map((r) => r.id);
  return out;
}

export async function importFiles(db: Db, source: string, paths: string[]): Promise<ImportReport> {
  return runImport(db, await importerFor(source), paths);
}

/** Import must fail with a UserError whose message matches, and leave the store exactly as it was. */
export async function assertRejected(db: Db, source: string, paths: string[], message: RegExp): Promise<string> {
  const before = await snapshot(db);
  let caught: unknown;
  try {
    await importFiles(db, source, paths);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof UserError, `expected a UserError, got ${caught}`);
  assert.match((caught as Error).message, message);
  assert.match((caught as Error).message, /Nothing was imported/);
  assert.deepEqual(await snapshot(db), before, 'the store is unchanged');
  return (caught as Error).message;
}

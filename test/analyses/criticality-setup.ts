import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importerFor } from '../../src/sources/catalogue.js';
import { runImport } from '../../src/sources/run-import.js';
import type { Db } from '../../src/store/db.js';
import { realDataDir, realFile } from '../support/real-data.js';

/** Import the real EU CRM 2023 tables, WGI and World Mining Data into a store; false when the samples are absent. */
export async function importRealInputs(
  db: Db,
  sources: ('eu-crm-study' | 'wgi' | 'wmd' | 'usgs-mcs')[],
): Promise<boolean> {
  const folders = {
    'eu-crm-study': 'eu-crm-2023',
    wgi: 'wgi',
    wmd: 'world-mining-data',
    'usgs-mcs': 'usgs-mcs',
  } as const;
  for (const source of sources) {
    const folder = folders[source];
    if (!realFile(folder)) return false;
    const files = readdirSync(join(realDataDir, folder))
      .filter((f) => f.endsWith('.csv'))
      .filter((f) => source !== 'wmd' || /_long\.csv$|HS_Code_Map/.test(f))
      .map((f) => join(realDataDir, folder, f));
    await runImport(db, await importerFor(source), files);
  }
  return true;
}

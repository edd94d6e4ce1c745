import { ensureOneOf } from '../domain/errors.js';
import type { Importer } from './importer.js';

/**
 * Every importer, by source id, loaded on demand so that the CLI only pays for the one it runs.
 * Add one line here when you add an importer under src/sources/<id>/.
 */
const importers: Record<string, () => Promise<Importer>> = {
  // source id: async () => (await import('./<id>/importer.js')).importer,
  'eu-crm-study': async () => (await import('./eu-crm-study/importer.js')).importer,
  wgi: async () => (await import('./wgi/importer.js')).importer,
  wmd: async () => (await import('./wmd/importer.js')).importer,
  'usgs-mcs': async () => (await import('./usgs-mcs/importer.js')).importer,
  'oecd-iot': async () => (await import('./oecd-iot/importer.js')).importer,
  'oecd-icio': async () => (await import('./oecd-icio/importer.js')).importer,
  figaro: async () => (await import('./figaro/importer.js')).importer,
  'iea-cm': async () => (await import('./iea-cm/importer.js')).importer,
  comext: async () => (await import('./comext/importer.js')).importer,
  baci: async () => (await import('./baci/importer.js')).importer,
  comtrade: async () => (await import('./comtrade/importer.js')).importer,
  hs: async () => (await import('./hs/importer.js')).importer,
  'cn-concordance': async () => (await import('./cn-concordance/importer.js')).importer,
  'hs-conversion': async () => (await import('./hs-conversion/importer.js')).importer,
  'hs-bec': async () => (await import('./hs-bec/importer.js')).importer,
};

export function sourceIds(): string[] {
  return Object.keys(importers).sort();
}

export async function importerFor(id: string): Promise<Importer> {
  ensureOneOf('source', id, sourceIds());
  return importers[id]();
}

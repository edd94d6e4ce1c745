import { ensureOneOf } from '../domain/errors.js';
import type { Importer } from './importer.js';

/**
 * Every importer, by source id, loaded on demand so that the CLI only pays for the one it runs.
 * Add one line here when you add an importer under src/sources/<id>/.
 */
const importers: Record<string, () => Promise<Importer>> = {
  // source id: async () => (await import('./<id>/importer.js')).importer,
};

export function sourceIds(): string[] {
  return Object.keys(importers).sort();
}

export async function importerFor(id: string): Promise<Importer> {
  ensureOneOf('source', id, sourceIds());
  return importers[id]();
}

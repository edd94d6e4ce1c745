import { registry } from './001-registry.js';
import { reference } from './002-reference.js';
import { tradeFlows } from './100-trade-flows.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in the order they apply. */
export const migrations: Migration[] = [
  registry,
  reference,
  tradeFlows,
  // one line per migration file; keep the version ranges of migration.ts
].sort((a, b) => a.version - b.version);

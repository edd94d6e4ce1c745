import { registry } from './001-registry.js';
import { reference } from './002-reference.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in the order they apply. */
export const migrations: Migration[] = [registry, reference].sort((a, b) => a.version - b.version);

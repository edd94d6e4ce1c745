import type { MiddlewareHandler } from 'hono';
import type { Db } from '../store/db.js';

/**
 * Each GET reads one committed state of the store (store/db.ts `snapshot`): an answer built from several queries
 * never mixes the rows from before an import (POST /api/imports) with those after it. Other methods read the
 * latest state, so that a write's response can show what it wrote.
 */
export function readSnapshot(db: Db): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    await db.snapshot(() => next());
  };
}

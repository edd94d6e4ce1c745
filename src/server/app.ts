import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { InternalError, UsageError, UserError } from '../domain/errors.js';
import type { Db } from '../store/db.js';
import { homePage } from './home-page.js';
import { readSnapshot } from './read-snapshot.js';
import { responseCache } from './response-cache.js';
import { registerBelgiumRoutes } from './routes/belgium.js';
import { registerCriticalityRoutes } from './routes/criticality.js';
import { registerDemandRoutes } from './routes/demand.js';
import { registerExportRoutes } from './routes/export.js';
import { registerImportRoutes } from './routes/imports.js';
import { registerIoRoutes } from './routes/io.js';
import { registerLeverRoutes } from './routes/levers.js';
import { registerReferenceRoutes } from './routes/reference.js';
import { registerReferenceTableRoutes } from './routes/reference-tables.js';
import { registerScreenRoutes } from './routes/screen.js';
import { serveDashboard } from './static.js';

export interface AppOptions {
  /** Built dashboard to serve at / (web/dist); without it / is a plain page rendered from the store. */
  webRoot?: string;
  /** Keep answers to repeated GETs in memory (server/main.ts turns it on; default: only over a read-only store). */
  responseCache?: boolean;
}

/**
 * The HTTP API. Each handler validates, calls one analysis and returns its Result; errors are mapped in onError.
 * The caller owns the store: the server opens it read-write once (server/main.ts); writes (user data, imports)
 * go through the store's write queue and each GET reads one committed snapshot (read-snapshot.ts).
 */
export function createApp(db: Db, options: AppOptions = {}): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (outcome, c) => {
      if (!outcome.success) {
        const issue = outcome.error.issues[0];
        return c.json({ error: `invalid ${issue.path.join('.') || 'request'}: ${issue.message}` }, 400);
      }
    },
  });

  app.onError((error, c) => errorResponse(c, error));
  if (options.responseCache ?? db.readOnly) app.use('*', responseCache());
  app.use('*', readSnapshot(db));

  app.get('/health', async (c) => {
    const row = await db.one<{ n: number }>('SELECT count(*) AS n FROM datasets');
    return c.json({ status: 'ok', datasets: row?.n ?? 0 });
  });

  registerReferenceRoutes(app, db);
  registerIoRoutes(app, db);
  registerDemandRoutes(app, db);
  registerReferenceTableRoutes(app, db);
  registerBelgiumRoutes(app, db);
  registerScreenRoutes(app, db);
  registerExportRoutes(app);
  registerLeverRoutes(app, db);
  registerCriticalityRoutes(app, db);
  registerImportRoutes(app, db);
  // Each capability registers its routes from its own file in routes/ (one line here each).

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Radar API', version: '0.1.0', description: 'Critical raw materials and strategic dependencies' },
  });

  if (options.webRoot) {
    serveDashboard(app, options.webRoot);
  } else {
    app.get('/', async (c) => c.html(await homePage(db)));
  }
  app.notFound((c) => c.json({ error: `not found: ${c.req.path}` }, 404));
  return app;
}

function errorResponse(c: Context, error: Error) {
  if (error instanceof UsageError || error instanceof UserError) {
    return c.json({ error: error.message, hint: error.hint }, error.status);
  }
  // Hono's own refusals (a malformed JSON body: 400) keep their status.
  if (error instanceof HTTPException && error.status < 500) return c.json({ error: error.message }, error.status);
  const internal = error instanceof InternalError ? 'a broken invariant' : 'an unexpected error';
  console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
  return c.json({ error: `internal error (${internal}); please report this` }, 500);
}

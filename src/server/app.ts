import { serveStatic } from '@hono/node-server/serve-static';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { datasetsOverview } from '../analyses/datasets.js';
import { listsOverview } from '../analyses/lists.js';
import { materialInfo } from '../analyses/material-info.js';
import { materialsOnList } from '../analyses/materials-on-list.js';
import { InternalError, UsageError, UserError } from '../domain/errors.js';
import type { Db } from '../store/db.js';
import { homePage } from './home-page.js';
import { respond } from './respond.js';
import { ErrorSchema, FormatQuery, ResultSchema } from './result-schema.js';

export interface AppOptions {
  /** Built dashboard to serve at / (web/dist); without it / is a plain page rendered from the store. */
  webRoot?: string;
}

const json = (schema: z.ZodType, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const errors = {
  400: json(ErrorSchema, 'invalid parameter'),
  404: json(ErrorSchema, 'unknown list, edition or material'),
};

/**
 * The HTTP API. Each handler validates, calls one analysis and returns its Result; errors are mapped in onError.
 * The store is opened read-only by the caller, so every route here reads.
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

  app.get('/health', async (c) => {
    const row = await db.one<{ n: number }>('SELECT count(*) AS n FROM datasets');
    return c.json({ status: 'ok', datasets: row?.n ?? 0 });
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lists',
      summary: 'Critical and strategic raw material lists, per edition and jurisdiction',
      request: { query: z.object({ format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'lists with item counts') },
    }),
    async (c) => {
      c.header('cache-control', 'public, max-age=300');
      return respond(c, await listsOverview(db), c.req.valid('query').format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/materials',
      summary: 'Materials on one list edition, with published SR/EI and sources',
      request: {
        query: z.object({
          list: z.string().default('eu-crm').openapi({ description: 'list id, e.g. eu-crm, crma-strategic, be-crm' }),
          edition: z.string().optional().openapi({ description: 'edition, e.g. 2023 (default: the latest)' }),
          format: FormatQuery,
        }),
      },
      responses: { 200: json(ResultSchema, 'one row per listed material'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      c.header('cache-control', 'public, max-age=300');
      return respond(c, await materialsOnList(db, { list: q.list, edition: q.edition }), q.format) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/materials/{material}',
      summary: 'One material: SR/EI history, lists by edition, technologies, sources',
      request: { params: z.object({ material: z.string().min(1).max(80) }) },
      responses: { 200: json(ResultSchema, 'SR/EI history in rows, plus material, listings, technologies'), ...errors },
    }),
    async (c) => c.json(await materialInfo(db, c.req.valid('param').material), 200) as never,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/datasets',
      summary: 'The dataset registry: provenance of everything in the store',
      request: { query: z.object({ format: FormatQuery }) },
      responses: { 200: json(ResultSchema, 'one row per dataset') },
    }),
    async (c) => respond(c, await datasetsOverview(db), c.req.valid('query').format) as never,
  );

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Radar API', version: '0.1.0', description: 'Critical raw materials and strategic dependencies' },
  });

  if (options.webRoot) {
    app.use('/*', serveStatic({ root: options.webRoot }));
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
  const internal = error instanceof InternalError ? 'a broken invariant' : 'an unexpected error';
  console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
  return c.json({ error: `internal error (${internal}); please report this` }, 500);
}

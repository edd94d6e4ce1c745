import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import { compress } from 'hono/compress';

/** Paths the API answers; everything else without a file extension is a dashboard page. */
const apiPath = /^\/(api\/|openapi\.json$|health$)/;

/**
 * Serve the built dashboard (web/dist). Vite puts fingerprinted bundles under /assets/: cached for a year and
 * gzip-compressed on the fly. index.html is revalidated on every load so a rebuilt dashboard shows at once.
 * The dashboard routes in the browser (/en/material/gallium, /nl/belgium …): a GET for a path that is neither an
 * API path nor a file answers index.html, and the page itself shows "not found" for a page it does not know.
 */
export function serveDashboard(app: OpenAPIHono, root: string): void {
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  // serveStatic builds its response before onFound runs, so cache headers are set on the way out instead.
  const cacheFor = (value: string) => async (c: Context, next: Next) => {
    await next();
    if (c.res.status === 200 && !c.res.headers.has('cache-control')) c.res.headers.set('cache-control', value);
  };
  app.use('/assets/*', cacheFor('public, max-age=31536000, immutable'), compress(), serveStatic({ root }));
  app.use('/*', cacheFor('no-cache'), serveStatic({ root }));
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (apiPath.test(path) || /\.[a-z0-9]+$/i.test(path)) return next();
    return c.html(index);
  });
}

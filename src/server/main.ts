#!/usr/bin/env node
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { openStore } from '../store/open.js';
import { packageRoot } from '../store/package-root.js';
import { createApp } from './app.js';

/** `npm start`: the API and dashboard over the store (bundled reference data loaded on first start). */
export async function startServer(options: { port?: number; host?: string } = {}) {
  const db = await openStore({ readOnly: true });
  const webRoot = join(packageRoot, 'web', 'dist');
  const app = createApp(db, { webRoot: existsSync(join(webRoot, 'index.html')) ? webRoot : undefined });
  const port = options.port ?? Number(process.env.PORT ?? 8080);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const server = serve({ fetch: app.fetch, port, hostname: host });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}/`,
    close: () => {
      server.close();
      db.close();
    },
  };
}

const invoked = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const { url, close } = await startServer();
  console.log(`Radar is serving on ${url}  (API: ${url}openapi.json, health: ${url}health)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      close();
      process.exit(0);
    });
}

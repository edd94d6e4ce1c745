#!/usr/bin/env node
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { storePath } from '../store/data-dir.js';
import { openStore } from '../store/open.js';
import { packageRoot } from '../store/package-root.js';
import { removeServerFile, writeServerFile } from '../store/server-file.js';
import { createApp } from './app.js';

/**
 * `npm start`: the API and dashboard over the store (bundled reference data loaded on first start).
 * While it runs, the server is the store's only owner: it opens it read-write once, every request shares that
 * handle (reads on pooled connections, writes one at a time: store/db.ts), imports arrive through POST /api/imports,
 * and `<data dir>/server.json` tells a CLI command that finds the store locked where the server is.
 */
export async function startServer(options: { port?: number; host?: string; path?: string } = {}) {
  const path = options.path ?? storePath();
  const db = await openStore({ path, readOnly: false });
  const webRoot = join(packageRoot, 'web', 'dist');
  const app = createApp(db, {
    webRoot: existsSync(join(webRoot, 'index.html')) ? webRoot : undefined,
    responseCache: true,
  });
  const port = options.port ?? Number(process.env.PORT ?? 8080);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const server = serve({ fetch: app.fetch, port, hostname: host });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host}:${actualPort}/`;
  writeServerFile(path, { url, pid: process.pid });
  // Ctrl-C or a kill ends the process (server.json removed, store closed), also under `radar serve`.
  const onExit = () => removeServerFile(path);
  const onSignal = () => {
    close();
    process.exit(0);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    removeServerFile(path);
    server.close();
    // A write still running (an import) is abandoned, not waited for: DuckDB discards an uncommitted
    // transaction when the process ends, exactly as after a crash (test/stress/crash-import.test.ts).
    if (!db.writing) db.close();
  };
  return { url, db, close };
}

const invoked = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const { url } = await startServer();
  console.log(`Radar is serving on ${url}  (API: ${url}openapi.json, health: ${url}health)`);
}

import type { MiddlewareHandler } from 'hono';

export interface ResponseCacheOptions {
  /** Most answers kept (least recently used go first). */
  maxEntries?: number;
  /** Most bytes kept; one answer larger than an eighth of this is never kept. */
  maxBytes?: number;
}

/** The API's answers; the dashboard's files are served (and cached by browsers) as files. */
const apiPath = /^\/(api\/|openapi\.json$)/;

interface Entry {
  body: Uint8Array;
  headers: [string, string][];
}

/**
 * Answers a repeated GET of the API from memory. The server is the store's only owner while it runs (DuckDB keeps
 * every other process out); the only writes are those the server itself makes (imports: routes/imports.ts; saved
 * scenarios, registrations: routes/levers.ts), so any successful request other than a GET empties the cache.
 * The key is the URL and the format the Accept header asks for. Kept: 200s to requests without credentials, unless
 * the route says `cache-control: no-store` or `private`. Never kept: anything asked with an Authorization header,
 * so an answer meant for a token holder is never served to someone else.
 */
export function responseCache(options: ResponseCacheOptions = {}): MiddlewareHandler {
  const maxEntries = options.maxEntries ?? 1000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, Entry>(); // in order of last use
  let bytes = 0;
  // Bumped by every write: an answer computed while a write committed (a GET that began before an import ended)
  // may show the state before it, so it is not kept.
  let generation = 0;
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      await next();
      if (c.res.status < 400) {
        entries.clear();
        bytes = 0;
        generation++;
      }
      return;
    }
    if (c.req.method !== 'GET' || !apiPath.test(c.req.path) || c.req.header('authorization')) return next();
    const key = `${c.req.url}\n${(c.req.header('accept') ?? '').startsWith('text/csv') ? 'csv' : ''}`;
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit);
      return new Response(hit.body, { status: 200, headers: hit.headers });
    }
    const started = generation;
    await next();
    const res = c.res;
    if (started !== generation || res.status !== 200 || /no-store|private/.test(res.headers.get('cache-control') ?? ''))
      return;
    const body = new Uint8Array(await res.clone().arrayBuffer());
    if (body.byteLength > maxBytes / 8) return;
    entries.set(key, { body, headers: [...res.headers] });
    bytes += body.byteLength;
    for (const [oldest, entry] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= entry.body.byteLength;
    }
  };
}

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { startServer } from '../src/server/main.js';
import { tempDir } from '../test/support/store.js';

/**
 * Load test of the API and dashboard over the bundled data: autocannon, 50 connections, 30 s on loopback
 * (RADAR_BENCH_SECONDS shortens it), cycling through the routes the dashboard's pages call. Goal: p99 < 50 ms and
 * no errors. The floor is the same client against a bare node:http server answering a precomputed body of the same
 * size, for the same time: what loopback and the client cost on this machine, whatever the API does. The client runs
 * in a worker thread so that it does not share the server's event loop.
 */
interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  requests?: { path?: string; setupRequest?: (request: { path: string }) => { path: string } }[];
  workers?: number;
}
interface LoadResult {
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
// autocannon ships no types; its promise API is typed here for the fields used.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: LoadOptions) => Promise<LoadResult>;

const paths = [
  '/api/lists',
  '/api/materials?list=eu-crm&edition=2023',
  '/api/materials?list=crma-strategic',
  '/api/reference/sr-ei',
  '/api/reference/sr-ei?edition=2023',
  '/api/materials/gallium',
  '/api/reference/materials',
  '/api/reference/technologies',
  '/api/belgium/crm-imports',
  '/api/belgium/crm-import-partners',
  '/api/reference/facts',
  '/openapi.json',
  '/en/',
];

const seconds = Number(process.env.RADAR_BENCH_SECONDS ?? 30);
const connections = 50;

function line(name: string, r: LoadResult): string {
  const l = r.latency;
  return (
    `${name.padEnd(8)} ${String(r.requests.total).padStart(8)} req  ${r.requests.average.toFixed(0).padStart(6)} req/s  ` +
    `p50 ${l.p50} ms  p90 ${l.p90} ms  p99 ${l.p99} ms  max ${l.max} ms  ` +
    `errors ${r.errors}  timeouts ${r.timeouts}  non-2xx ${r.non2xx}`
  );
}

export async function run(): Promise<void> {
  const data = tempDir();
  process.env.RADAR_DATA_DIR = data.dir;
  const server = await startServer({ port: 0, host: '127.0.0.1' });
  try {
    const sample = await (await fetch(new URL('/api/materials?list=eu-crm&edition=2023', server.url))).text();
    for (const p of paths) {
      const res = await fetch(new URL(p, server.url));
      if (!res.ok) throw new Error(`${p} answered ${res.status} before the load test`);
    }
    const floor = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(sample);
    });
    await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
    const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`;
    console.log(`${connections} connections, ${seconds} s each, loopback; ${paths.length} paths in turn`);
    const base = await autocannon({ url: floorUrl, connections, duration: seconds, workers: 1 });
    floor.close();
    const api = await autocannon({
      url: server.url,
      connections,
      duration: seconds,
      requests: paths.map((path) => ({ path })),
      workers: 1,
    });
    // The same paths with a throw-away query parameter, so that every request misses the response cache
    // (server/response-cache.ts) and runs its analysis: what the cache saves (a third of the time).
    let n = 0;
    const uncached = await autocannon({
      url: server.url,
      connections,
      duration: Math.max(5, Math.round(seconds / 3)),
      requests: paths.map((path) => ({
        setupRequest: (request) => ({ ...request, path: `${path}${path.includes('?') ? '&' : '?'}_=${n++}` }),
      })),
      // A function cannot cross into a worker thread: this run's client shares the server's thread.
    });
    console.log(line('floor', base));
    console.log(line('api', api));
    console.log(line('uncached', uncached));
    const ratio = api.latency.p99 / Math.max(1, base.latency.p99);
    const verdict = api.latency.p99 < 50 && api.errors + api.timeouts + api.non2xx === 0 ? 'meets' : 'MISSES';
    console.log(
      `p99 ${api.latency.p99} ms = ${ratio.toFixed(1)}× the floor's ${base.latency.p99} ms; ` +
        `throughput ${(api.requests.average / base.requests.average).toFixed(2)}× the floor; ` +
        `${verdict} the goal (p99 < 50 ms, 0 errors)`,
    );
  } finally {
    server.close();
    data.cleanup();
  }
}

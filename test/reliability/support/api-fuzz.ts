import type { OpenAPIHono } from '@hono/zod-openapi';
import fc from 'fast-check';
import { nastyValues } from './fuzz-files.js';

/**
 * Bad values for every parameter of every operation in /openapi.json, sent with the bearer token (so that the
 * protected routes validate too), and the token checks of every operation that declares `security`.
 * A 5xx answer, or one that takes longer than `slowMs`, is a failure; 4xx with an `error` message is the expected
 * refusal, 200 a value the route accepts.
 */
export interface ApiTally {
  operations: number;
  parameters: number;
  requests: number;
  byStatus: Record<string, number>;
  failures: string[];
  slowest: { ms: number; request: string };
}

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'query' | 'path'; required?: boolean; schema?: Schema }[];
  body?: Record<string, { schema?: Schema }>;
  security: boolean;
}
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
}

/** Values a caller could plausibly send, to fill the parameters not under test. */
const plausible: Record<string, string> = {
  material: 'gallium',
  table: 'oecd-iot:XYZ2020',
  preset: 'ec2021',
  resource: 'lists',
  id: '1',
  edition: '2023',
  reporter: 'BEL',
  years: '2021',
};

/** SQL metacharacters and injection attempts: sent in every string parameter. */
export const sqlValues = [
  "'",
  "''",
  '"',
  ';',
  '--',
  '/*',
  "' OR '1'='1",
  '1; DROP TABLE datasets; --',
  "gallium'; DELETE FROM materials; --",
  "x' UNION SELECT * FROM datasets --",
  '$1',
  '?',
  '\\',
  "%' AND 1=1 --",
  'BEL\u0000',
];
export const traversalValues = [
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '/etc/passwd',
  '..\\..\\windows',
  '%00',
];

const badValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyValues, ...sqlValues, ...traversalValues) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.double().map(String),
      fc.integer().map(String),
      fc.constantFrom(
        '-1',
        '0',
        '1e308',
        '1e999',
        '9007199254740993',
        '-0.0',
        '0x10',
        '1_000',
        '10000000',
        '2147483648',
      ),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(10_000), 'é'.repeat(3000), ',,,,', '2021,2022,'.repeat(200)) },
);

export function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Operation['parameters']) ?? [],
        body: (op.requestBody as { content?: Operation['body'] })?.content,
        security: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return ops;
}

function defaultValue(p: Operation['parameters'][number], known: Record<string, string> = {}): string | undefined {
  if (p.schema?.enum?.length) return String(p.schema.enum[0]);
  if (known[p.name] ?? plausible[p.name]) return known[p.name] ?? plausible[p.name];
  return p.required ? 'x' : undefined;
}

function url(op: Operation, values: Record<string, string | string[] | undefined>): string {
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const value = values[p.name];
    if (value === undefined) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    else for (const v of [value].flat()) query.append(p.name, v);
  }
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

async function timed(app: OpenAPIHono, request: string, init: RequestInit, tally: ApiTally, slowMs: number) {
  const started = performance.now();
  let status: number;
  let body = '';
  try {
    const res = await app.request(request, init);
    status = res.status;
    body = await res.text();
  } catch (error) {
    status = 599;
    body = String((error as Error).stack ?? error);
  }
  const ms = performance.now() - started;
  tally.requests++;
  tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
  if (ms > tally.slowest.ms) tally.slowest = { ms, request: `${init.method ?? 'GET'} ${request.slice(0, 200)}` };
  const what = `${init.method ?? 'GET'} ${request.slice(0, 300)} → ${status}`;
  if (status >= 500) tally.failures.push(`${what}: ${body.slice(0, 300)}`);
  else if (ms > slowMs) tally.failures.push(`${what} took ${Math.round(ms)} ms`);
  else if (status >= 400 && !/"error"/.test(body))
    tally.failures.push(`${what} without an error message: ${body.slice(0, 200)}`);
  return status;
}

export interface ApiFuzzOptions {
  /** Bad values tried per parameter (and bodies per operation with a body). */
  perParameter: number;
  seed: number;
  token: string;
  slowMs: number;
  /** Operations left out (e.g. imports, fuzzed on their own). */
  skip?: (op: Operation) => boolean;
  /** Values of parameters that name stored things (populate()). */
  known?: Record<string, string>;
}

export async function fuzzApi(app: OpenAPIHono, o: ApiFuzzOptions): Promise<ApiTally> {
  const doc = (await (await app.request('/openapi.json')).json()) as Parameters<typeof operationsOf>[0];
  const ops = operationsOf(doc).filter((op) => !o.skip?.(op));
  const tally: ApiTally = {
    operations: ops.length,
    parameters: 0,
    requests: 0,
    byStatus: {},
    failures: [],
    slowest: { ms: 0, request: '' },
  };
  const auth = { authorization: `Bearer ${o.token}` };
  let seed = o.seed;
  for (const op of ops) {
    const base = Object.fromEntries(op.parameters.map((p) => [p.name, defaultValue(p, o.known)]));
    for (const p of op.parameters) {
      tally.parameters++;
      const values = fc.sample(
        fc.oneof(
          { weight: 9, arbitrary: badValue },
          { weight: 1, arbitrary: fc.array(badValue, { minLength: 2, maxLength: 3 }) },
        ),
        {
          seed: seed++,
          numRuns: o.perParameter,
        },
      );
      // Every SQL metacharacter in every string parameter, not only those the sample drew.
      const all = p.schema?.type === 'string' || !p.schema?.type ? [...sqlValues, ...values] : values;
      for (const value of all) {
        await timed(
          app,
          url(op, { ...base, [p.name]: value as string | string[] }),
          { method: op.method, headers: auth },
          tally,
          o.slowMs,
        );
      }
    }
    for (const [type, content] of Object.entries(op.body ?? {})) {
      const bodies = bodyCases(type, content.schema, o.perParameter, seed++);
      for (const body of bodies) {
        await timed(
          app,
          url(op, base),
          { method: op.method, headers: { ...auth, 'content-type': type }, body },
          tally,
          o.slowMs,
        );
      }
    }
  }
  return tally;
}

/** JSON bodies: any JSON, and the schema's object with each string field set to a bad value; other types: bytes. */
function bodyCases(type: string, schema: Schema | undefined, n: number, seed: number): (string | Uint8Array)[] {
  if (type === 'application/json') {
    const fields = Object.keys(schema?.properties ?? { buyer: {}, material: {}, country: {}, id: {}, kind: {} });
    const objects = fc.sample(
      fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.dictionary(fc.constantFrom(...fields), fc.oneof(badValue, fc.jsonValue())).map((v) => JSON.stringify(v)),
        fc.constantFrom('{', '[1,', '"\\u0000"', 'null', '{"__proto__": {"x": 1}}', '1e999'),
      ),
      { seed, numRuns: n },
    );
    return objects;
  }
  if (type === 'multipart/form-data') return [];
  return fc.sample(
    fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc
        .array(badValue, { maxLength: 30 })
        .map((v) => new TextEncoder().encode(`cn_code,origin,value_eur\n${v.join(',')}\n`)),
    ),
    { seed, numRuns: n },
  );
}

/** Every operation that declares a bearer token refuses requests without it, or with a wrong one, with 401. */
export async function checkTokens(app: OpenAPIHono, token: string): Promise<{ checked: number; failures: string[] }> {
  const doc = (await (await app.request('/openapi.json')).json()) as Parameters<typeof operationsOf>[0];
  const failures: string[] = [];
  let checked = 0;
  for (const op of operationsOf(doc).filter((o) => o.security)) {
    const base = Object.fromEntries(op.parameters.map((p) => [p.name, defaultValue(p)]));
    const request = url(op, base);
    const wrong = [
      undefined,
      'Bearer',
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}é`,
      `Basic ${Buffer.from(`user:${token}`).toString('base64')}`,
      `bearer  ${token.toUpperCase()}`,
      token,
    ];
    for (const authorization of wrong) {
      checked++;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization !== undefined) headers.authorization = authorization;
      const res = await app.request(request, {
        method: op.method,
        headers,
        body: op.method === 'GET' ? undefined : '{}',
      });
      if (res.status !== 401)
        failures.push(`${op.method} ${request} with ${JSON.stringify(authorization)} → ${res.status}`);
    }
  }
  return { checked, failures };
}

/**
 * A store with something in every table the API reads: one seed of every importer (the fuzzing seeds), a saved
 * scenario and a joint-purchase registration. Returns plausible values for the parameters that name stored things.
 */
export async function populate(
  db: import('../../../src/store/db.js').Db,
  scratch: string,
): Promise<Record<string, string>> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { sourceIds, importerFor } = await import('../../../src/sources/catalogue.js');
  const { runImport } = await import('../../../src/sources/run-import.js');
  const { seedsFor } = await import('./fuzz-files.js');
  const { registerDemand } = await import('../../../src/analyses/joint-purchase.js');
  const { saveScenario } = await import('../../../src/analyses/scenario.js');
  const ids: Record<string, string> = {};
  for (const source of sourceIds()) {
    const seeds = await seedsFor(source, scratch);
    const seed = seeds.at(-1) ?? seeds[0];
    const dir = join(scratch, `populate-${source}`);
    mkdirSync(dir, { recursive: true });
    const paths = seed.map((f) => {
      writeFileSync(join(dir, f.name), f.bytes);
      return join(dir, f.name);
    });
    ids[source] = (await runImport(db, await importerFor(source), paths)).dataset;
  }
  const cobalt = {
    buyer: 'Umicore',
    country: 'BEL',
    material: 'cobalt',
    stage: 'processing',
    quantity_t: 500,
    period: '2026',
  };
  await registerDemand(db, [cobalt], { actor: 'fuzz' });
  await saveScenario(db, 'zinc-cut', { kind: 'by-product', hosts: { zinc: -0.2 } }, { actor: 'fuzz' });
  const table = await db.one<{ id: string }>("SELECT dataset_id || '/' || table_id AS id FROM io_tables LIMIT 1");
  return { table: table?.id ?? ids['oecd-iot'], id: 'zinc-cut', dataset: ids['iea-cm'] };
}

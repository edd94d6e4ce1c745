import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { UserError } from '../../domain/errors.js';
import { importerFor } from '../../sources/catalogue.js';
import { type ImportReport, runImport } from '../../sources/run-import.js';
import type { Db } from '../../store/db.js';
import { requireToken } from '../auth.js';
import { ErrorSchema, jsonContent } from '../result-schema.js';

/**
 * Imports while the server runs. The server is the store's only owner (server/main.ts), so files reach `runImport`
 * through here and run in the server's own store handle: GETs meanwhile read the last committed state and never
 * half an import (store/db.ts).
 *
 * POST /api/imports, with `Authorization: Bearer $RADAR_API_TOKEN`, either
 * - multipart/form-data: `source`, one or more `file` parts, optional `vintage`, `force`, `dryRun`, `wait`. Each
 *   part keeps its file name (importers read the year or HS revision from it). A body larger than
 *   $RADAR_MAX_UPLOAD_BYTES (default 512 MiB) is refused with 413; or
 * - application/json `{source, files, vintage?, force?, dryRun?, wait?}`: `files` are paths relative to
 *   $RADAR_IMPORT_DIR on the server's disk (big files: nothing is copied). A path that leads outside that directory
 *   (`..`, an absolute path, a symbolic link pointing out) is refused with 400; without RADAR_IMPORT_DIR, 403.
 * One import at a time: a second one waits for the first (default), or with `wait=false` is refused with 409.
 */
const defaultMaxUploadBytes = 512 * 1024 * 1024;

const ImportRequest = z.object({
  source: z
    .string()
    .min(1)
    .max(64)
    .openapi({ description: 'source id, e.g. baci, comext, wgi (see radar import --help)' }),
  files: z
    .array(z.string().min(1).max(1024))
    .min(1)
    .max(100)
    .openapi({ description: 'paths relative to the server’s RADAR_IMPORT_DIR' }),
  vintage: z.string().min(1).max(64).optional(),
  force: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  wait: z.boolean().optional().openapi({ description: 'wait for a running import (default true); false → 409' }),
});
type ImportRequest = z.infer<typeof ImportRequest>;

const ImportReportSchema = z
  .object({
    status: z.enum(['imported', 'unchanged', 'dry-run']),
    dataset: z.string(),
    source: z.string(),
    files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number() })),
    sha256: z.string(),
    rows: z.number(),
    vintage: z.string().nullable(),
    warnings: z.array(z.string()),
    seconds: z.number(),
  })
  .openapi('ImportReport');

interface Running {
  source: string;
  files: string[];
  started: string;
}

export function registerImportRoutes(app: OpenAPIHono, db: Db): void {
  let queue: Promise<unknown> = Promise.resolve();
  let running: Running | null = null;
  let waiting = 0;

  /** Run imports one after the other; `wait: false` refuses instead of queueing. */
  const serialised = async (job: Running, wait: boolean, work: () => Promise<ImportReport>) => {
    if (!wait && (running || waiting > 0)) {
      throw new UserError(
        `an import is already running (${running?.source ?? 'queued'}, started ${running?.started ?? 'just now'})`,
        'Retry when it has finished (GET /api/imports shows it), or send wait=true to queue behind it.',
        409,
      );
    }
    waiting++;
    const turn = queue.then(async () => {
      waiting--;
      running = job;
      try {
        return await work();
      } finally {
        running = null;
      }
    });
    queue = turn.catch(() => undefined);
    return turn;
  };

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/imports',
    summary: 'Import files into the store while the server runs (bearer token; one import at a time)',
    security: [{ bearer: [] }],
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              source: z.string(),
              file: z.array(z.string().openapi({ format: 'binary' })),
              vintage: z.string().optional(),
              force: z.enum(['true', 'false']).optional(),
              dryRun: z.enum(['true', 'false']).optional(),
              wait: z.enum(['true', 'false']).optional(),
            }),
          },
          'application/json': { schema: ImportRequest },
        },
      },
    },
    responses: {
      200: jsonContent(ImportReportSchema, 'unchanged (same files already imported) or dry run'),
      201: jsonContent(ImportReportSchema, 'imported'),
      400: jsonContent(ErrorSchema, 'bad request, or a path outside the import directory'),
      401: jsonContent(ErrorSchema, 'missing or wrong bearer token'),
      403: jsonContent(ErrorSchema, 'imports by path are disabled (no RADAR_IMPORT_DIR)'),
      404: jsonContent(ErrorSchema, 'unknown source'),
      409: jsonContent(ErrorSchema, 'another import is running and wait=false'),
      413: jsonContent(ErrorSchema, 'upload larger than RADAR_MAX_UPLOAD_BYTES'),
      422: jsonContent(ErrorSchema, 'a file is invalid (the message names file:line); nothing was imported'),
    },
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/imports',
    summary: 'The import running now and how many wait behind it',
    responses: {
      200: jsonContent(
        z.object({
          running: z.object({ source: z.string(), files: z.array(z.string()), started: z.string() }).nullable(),
          waiting: z.number(),
        }),
        'the import queue',
      ),
    },
  });

  app.get('/api/imports', (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ running, waiting });
  });

  app.post('/api/imports', requireToken, limitBody, async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (/^application\/json/i.test(type) && !process.env.RADAR_IMPORT_DIR) {
      return c.json(
        {
          error: 'imports by path are disabled: the server has no RADAR_IMPORT_DIR',
          hint: 'Upload the files as multipart/form-data, or start the server with RADAR_IMPORT_DIR=<directory>.',
        },
        403,
      );
    }
    const request = /^multipart\/form-data/i.test(type)
      ? await receiveUpload(c, db)
      : /^application\/json/i.test(type)
        ? await namedFiles(c)
        : unsupported(type);
    try {
      const importer = await importerFor(request.source);
      const job = { source: request.source, files: request.names, started: new Date().toISOString() };
      const report = await serialised(job, request.wait, () =>
        runImport(db, importer, request.paths, {
          vintage: request.vintage,
          force: request.force,
          dryRun: request.dryRun,
        }),
      );
      return c.json(report, report.status === 'imported' ? 201 : 200);
    } finally {
      request.cleanup();
    }
  });
}

/** After the token check, so that nobody without one can make the server read a large body. */
const limitBody: MiddlewareHandler = (c, next) =>
  bodyLimit({
    maxSize: maxUploadBytes(),
    onError: (c) => c.json({ error: `upload larger than ${maxUploadBytes()} bytes (RADAR_MAX_UPLOAD_BYTES)` }, 413),
  })(c, next);

function maxUploadBytes(): number {
  const value = Number(process.env.RADAR_MAX_UPLOAD_BYTES);
  return Number.isFinite(value) && value > 0 ? value : defaultMaxUploadBytes;
}

interface PreparedImport {
  source: string;
  paths: string[];
  names: string[];
  vintage?: string;
  force?: boolean;
  dryRun?: boolean;
  wait: boolean;
  cleanup: () => void;
}

function unsupported(type: string): never {
  throw new UserError(
    `unsupported content type: "${type || '(none)'}" (expected multipart/form-data with file parts, or application/json naming files under RADAR_IMPORT_DIR)`,
    undefined,
    400,
  );
}

/** Save the uploaded parts under their file names in a fresh directory next to the store (uploads can be large). */
async function receiveUpload(c: Context, db: Db): Promise<PreparedImport> {
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch (error) {
    throw new UserError(`the multipart body cannot be read: ${(error as Error).message}`, undefined, 400);
  }
  const field = (name: string): string | undefined => {
    const value = form[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new UserError(`invalid ${name}: expected one text field`, undefined, 400);
    return value;
  };
  const flag = (name: string): boolean | undefined => {
    const value = field(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false')
      throw new UserError(`invalid ${name}: "${value}" (expected true or false)`, undefined, 400);
    return value === 'true';
  };
  const source = field('source');
  if (!source) throw new UserError('missing field: source (the importer id, e.g. baci)', undefined, 400);
  const parts = [form.file ?? []].flat();
  const files = parts.filter((p): p is File => typeof p !== 'string');
  if (files.length === 0 || files.length !== parts.length)
    throw new UserError('missing file: send each file as a `file` part of the multipart body', undefined, 400);
  const names = files.map((f) => uploadName(f.name));
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate)
    throw new UserError(`two files are named "${duplicate}"; each file needs its own name`, undefined, 400);

  const base = db.path === ':memory:' ? tmpdir() : join(dirname(db.path), 'uploads');
  const dir = join(base, randomUUID());
  mkdirSync(dir, { recursive: true });
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const paths = names.map((n) => join(dir, n));
    for (const [i, file] of files.entries()) {
      await pipeline(Readable.fromWeb(file.stream() as WebReadableStream), createWriteStream(paths[i]));
    }
    return {
      source,
      paths,
      names,
      vintage: field('vintage'),
      force: flag('force'),
      dryRun: flag('dryRun'),
      wait: flag('wait') ?? true,
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** A part's file name as the importer sees it: the base name only, printable, not "." or "..". */
function uploadName(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (!base || base === '.' || base === '..' || /[\u0000-\u001f\u007f]/.test(base) || Buffer.byteLength(base) > 255)
    throw new UserError(`invalid file name: ${JSON.stringify(name)}`, 'Give each part a plain file name.', 400);
  return base;
}

/** Files named by path under RADAR_IMPORT_DIR: each must resolve (links followed) inside it and be a file. */
async function namedFiles(c: Context): Promise<PreparedImport> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new UserError('the body is not valid JSON', undefined, 400);
  }
  const parsed = ImportRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`invalid ${issue.path.join('.') || 'body'}: ${issue.message}`, undefined, 400);
  }
  const request: ImportRequest = parsed.data;
  const root = importDir();
  const paths = request.files.map((f) => insideImportDir(root, f));
  return {
    source: request.source,
    paths,
    names: request.files,
    vintage: request.vintage,
    force: request.force,
    dryRun: request.dryRun,
    wait: request.wait ?? true,
    cleanup: () => {},
  };
}

function importDir(): string {
  try {
    return realpathSync(process.env.RADAR_IMPORT_DIR as string);
  } catch {
    throw new UserError('the server’s RADAR_IMPORT_DIR does not exist', undefined, 404);
  }
}

function insideImportDir(root: string, given: string): string {
  const outside = () =>
    new UserError(
      `invalid file: ${JSON.stringify(given)} is not a path inside the import directory`,
      'Name files relative to RADAR_IMPORT_DIR, without "..".',
      400,
    );
  if (given.includes('\0') || isAbsolute(given) || given.split(/[/\\]/).includes('..')) throw outside();
  let real: string;
  try {
    real = realpathSync(resolve(root, given));
  } catch {
    throw new UserError(`file not found in the import directory: ${JSON.stringify(given)}`, undefined, 404);
  }
  const rel = relative(root, real);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) throw outside();
  if (!statSync(real).isFile())
    throw new UserError(`not a file in the import directory: ${JSON.stringify(given)}`, undefined, 400);
  return real;
}

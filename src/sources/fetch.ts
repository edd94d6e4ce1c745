import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../domain/errors.js';
import type { RemoteFile } from './importer.js';
import { sha256File } from './run-import.js';

export interface FetchOptions {
  /** Download cache; a finished file there is reused, a `.part` file is resumed with an HTTP Range request. */
  cacheDir: string;
  /**
   * Serve the public URLs from a mirror: https://host/path is fetched from `${mirror}/host/path`.
   * Used by tests (a local HTTP server with fixture files) and by users behind a proxy mirror.
   */
  mirror?: string;
  progress?: (bytes: number, total?: number) => void;
}

export function mirrored(url: string, mirror?: string): string {
  if (!mirror) return url;
  const u = new URL(url);
  return `${mirror.replace(/\/$/, '')}/${u.host}${u.pathname}${u.search}`;
}

/** Download one remote file into the cache (resumable, checksummed when the source publishes a sha256). */
export async function fetchFile(remote: RemoteFile, options: FetchOptions): Promise<string> {
  mkdirSync(options.cacheDir, { recursive: true });
  const target = join(options.cacheDir, remote.file);
  if (existsSync(target) && (!remote.sha256 || (await sha256File(target)) === remote.sha256)) return target;
  const part = `${target}.part`;
  const have = existsSync(part) ? statSync(part).size : 0;
  const url = mirrored(remote.url, options.mirror);
  let response: Response;
  try {
    response = await fetch(url, { headers: have ? { range: `bytes=${have}-` } : {} });
  } catch (error) {
    throw new UserError(
      `cannot reach ${url}: ${(error as Error).message}`,
      'Check the connection, or download the file yourself and use `radar import`.',
    );
  }
  if (!response.ok || !response.body) {
    throw new UserError(`download failed: ${url} answered ${response.status} ${response.statusText}`);
  }
  const resumed = response.status === 206;
  const total = Number(response.headers.get('content-length') ?? 0) + (resumed ? have : 0) || undefined;
  let done = resumed ? have : 0;
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  body.on('data', (chunk: Buffer) => {
    done += chunk.length;
    options.progress?.(done, total);
  });
  await pipeline(body, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
  if (remote.sha256) {
    const actual = await sha256File(part);
    if (actual !== remote.sha256) {
      throw new UserError(
        `checksum mismatch for ${remote.file}: expected ${remote.sha256}, got ${actual}`,
        `Delete ${part} and fetch again.`,
      );
    }
  }
  renameSync(part, target);
  return target;
}

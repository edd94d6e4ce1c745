import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `<data dir>/server.json` ({url, pid}): written by a running server, which is then the only process that may open
 * the store (DuckDB: one read-write process per file). A command that finds the store locked reads it to say where
 * the server is and what to do instead.
 */
export interface ServerFile {
  url: string;
  pid: number;
}

export function serverFilePath(storePath: string): string {
  return join(dirname(storePath), 'server.json');
}

export function writeServerFile(storePath: string, info: ServerFile): void {
  writeFileSync(serverFilePath(storePath), `${JSON.stringify(info)}\n`);
}

/** Remove the file if it is ours (another server may have replaced it). */
export function removeServerFile(storePath: string, pid = process.pid): void {
  if (readServerFile(storePath)?.pid === pid) rmSync(serverFilePath(storePath), { force: true });
}

/** The running server's file; undefined when absent, unreadable or left behind by a process that is gone. */
export function readServerFile(storePath: string): ServerFile | undefined {
  const path = serverFilePath(storePath);
  if (!existsSync(path)) return undefined;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as ServerFile;
    if (typeof info.url !== 'string' || !Number.isInteger(info.pid)) return undefined;
    return isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The message for a store locked by a running server, or undefined when no server is known to hold it. */
export function describeStoreHolder(storePath: string): { message: string; hint: string } | undefined {
  const server = readServerFile(storePath);
  if (!server) return undefined;
  return {
    message: `the store ${storePath} is held by the Radar server running at ${server.url} (pid ${server.pid})`,
    hint:
      'While the server runs it is the only process that may open the store. Use the dashboard or the API ' +
      `(${server.url}openapi.json) instead; imports go through the API, e.g.\n` +
      `  curl -H "Authorization: Bearer $RADAR_API_TOKEN" -F source=baci -F file=@BACI_HS17_Y2022_V202501.csv ${server.url}api/imports\n` +
      `Or stop the server (Ctrl-C, or kill ${server.pid}) and run the command again.`,
  };
}

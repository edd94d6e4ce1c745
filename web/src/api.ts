import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Result } from '../../src/domain/result.js';

export type { Column, Provenance, Result, Row } from '../../src/domain/result.js';

/** An API answer other than 2xx: the server's `{ error, hint }` (src/server/app.ts onError), with its status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** An API path with its query; undefined and empty values are left out. */
export function apiPath(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The same path asking for another format (?format=csv). */
export function withFormat(path: string, format: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}format=${format}`;
}

export const xlsxHref = (path: string) => `/api/export/xlsx?resource=${encodeURIComponent(path)}`;

// Reference data do not change while the server runs (it holds the store read-only): one request per path.
const cache = new Map<string, Promise<unknown>>();

export function fetchJson<T>(path: string): Promise<T> {
  let pending = cache.get(path) as Promise<T> | undefined;
  if (!pending) {
    pending = request<T>(path);
    cache.set(path, pending);
    pending.catch(() => cache.delete(path));
  }
  return pending;
}

async function request<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new ApiError(`the server did not answer (${(error as Error).message})`, 0);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(`the server answered ${response.status} with something other than JSON`, response.status);
  }
  if (!response.ok) {
    const e = (body ?? {}) as { error?: string; hint?: string };
    throw new ApiError(e.error ?? `HTTP ${response.status}`, response.status, e.hint);
  }
  return body as T;
}

export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
}

/** Fetch one API path (null: nothing yet); re-fetches when the path changes. */
export function useApi<T = Result>(path: string | null): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: path !== null });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState({ loading: true });
    fetchJson<T>(path).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) =>
        live && setState({ error: error instanceof ApiError ? error : new ApiError(String(error), 0), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}

/** Several paths at once; the first error wins. */
export function useApis<T extends unknown[]>(paths: { [K in keyof T]: string }): Loaded<T> {
  const key = paths.join('\n');
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    Promise.all(paths.map((p) => fetchJson(p))).then(
      (data) => live && setState({ data: data as T, loading: false }),
      (error: unknown) =>
        live && setState({ error: error instanceof ApiError ? error : new ApiError(String(error), 0), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: string[]; default?: unknown };
}

export interface OpenApiOperation {
  summary?: string;
  parameters?: OpenApiParameter[];
}

/** The API's GET operations by path, from /openapi.json: what the dashboard can show right now. */
export function useOperations(): Loaded<Map<string, OpenApiOperation>> {
  const doc = useApi<OpenApiDocument>('/openapi.json');
  return useMemo(() => {
    if (!doc.data) return { loading: doc.loading, error: doc.error };
    const ops = new Map<string, OpenApiOperation>();
    for (const [path, methods] of Object.entries(doc.data.paths)) if (methods.get) ops.set(path, methods.get);
    return { data: ops, loading: false };
  }, [doc]);
}

import type { Context } from 'hono';
import { resultToCsv } from '../domain/csv.js';
import type { Result } from '../domain/result.js';

/** JSON (the Result) or CSV (its rows), chosen by ?format= or the Accept header. */
export function respond(c: Context, result: Result, format?: 'json' | 'csv') {
  const wantsCsv = format === 'csv' || (!format && (c.req.header('accept') ?? '').startsWith('text/csv'));
  if (wantsCsv) {
    c.header('content-type', 'text/csv; charset=utf-8');
    return c.body(resultToCsv(result));
  }
  return c.json(result, 200);
}

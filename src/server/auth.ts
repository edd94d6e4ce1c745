import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * The actor name for an audit trail, or a 401 response unless the request carries the configured bearer token
 * (`Authorization: Bearer $RADAR_API_TOKEN`). Without a configured token every write is refused.
 * The comparison is constant-time over bytes; a header of another byte length is simply wrong.
 */
export function checkToken(c: Context): string | Response {
  const expected = process.env.RADAR_API_TOKEN;
  const header = c.req.header('authorization') ?? '';
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (expected && given) {
    const [a, b] = [Buffer.from(given), Buffer.from(expected)];
    if (a.length === b.length && timingSafeEqual(a, b)) return 'api-token';
  }
  const error = expected ? 'missing or wrong bearer token' : 'writes are disabled: the server has no RADAR_API_TOKEN';
  return c.json({ error }, 401, { 'www-authenticate': 'Bearer' });
}

/** Refuse a request without the token before anything else reads it (route middleware runs before validation). */
export const requireToken: MiddlewareHandler = async (c, next) => {
  const actor = checkToken(c);
  if (actor instanceof Response) return actor;
  await next();
};

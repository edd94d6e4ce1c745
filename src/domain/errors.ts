/**
 * The three kinds of failure, handled in one place by each interface (docs: ../shared/docs/style.md §8).
 * UsageError: the caller named something that does not exist (unknown list, edition, material, option) → exit 2, HTTP 400/404.
 * UserError: bad input the user can fix (bad file, impossible parameter) → exit 1, HTTP 4xx. Nothing was changed.
 * InternalError: a broken invariant → exit 1 with "please report this", HTTP 500.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly status: 400 | 404 | 409 | 413 | 422 = 422,
  ) {
    super(message);
  }
}

export class InternalError extends Error {
  override name = 'InternalError';
}

/** Throws a UsageError in the one message shape used across CLI and API: `unknown <what>: "<value>" (expected one of …)`. */
export function ensureOneOf<T extends string | number>(what: string, value: T, allowed: readonly T[]): T {
  if (allowed.includes(value)) return value;
  const shown = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, …` : allowed.join(', ');
  throw new UsageError(`unknown ${what}: "${value}" (expected one of ${shown})`, undefined, 404);
}

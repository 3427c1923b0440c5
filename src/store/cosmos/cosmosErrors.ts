import { ErrorResponse } from '@azure/cosmos';

export const NOT_FOUND = 404;
export const CONFLICT = 409;
export const PRECONDITION_FAILED = 412;
/** A batch operation not run because another one in the batch failed. */
export const FAILED_DEPENDENCY = 424;

export function isStatus(err: unknown, code: number): boolean {
  return err instanceof ErrorResponse && err.code === code;
}

/** The SDK's codes for "the database did not answer": network failures, its own timeout, and throttling or unavailability it gave up retrying. */
const UNAVAILABLE = new Set<string | number>([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'REQUEST_SEND_ERROR',
  'TimeoutError',
  408,
  429,
  503,
]);

/**
 * Whether an error means the database is away (down, unreachable, too slow, overloaded) rather
 * than that the request was wrong. The first is worth a "try again in a moment"; the second is a bug.
 */
export function isUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, name } = err as { code?: unknown; name?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  return (typeof code === 'string' || typeof code === 'number') && UNAVAILABLE.has(code);
}

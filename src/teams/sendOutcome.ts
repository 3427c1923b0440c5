import type { SendOutcome } from '../usecases/reminders/deliverReminders';

interface HttpFailure {
  statusCode?: number;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** Retry-After is seconds or an HTTP date; without one, wait a second. */
function retryAfterMs(header: string | undefined, now: number): number {
  if (!header) return 1_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : 1_000;
}

/** What a failed proactive send means for the outbox: throttled, gone, a passing failure, or a real one. */
export function outcomeOf(err: unknown): SendOutcome {
  const e = err as HttpFailure;
  const status = e?.statusCode;
  if (status === 429) return { kind: 'throttled', retryAfterMs: retryAfterMs(e.response?.headers?.get?.('retry-after'), Date.now()) };
  if (status === 403 || status === 404) return { kind: 'gone', status };
  if (status !== undefined && status >= 500) return { kind: 'serverError', status };
  // No status: the connection failed; treat it as a passing server error.
  if (status === undefined) return { kind: 'serverError', status: 0 };
  return { kind: 'failed', status, message: e.message ?? `HTTP ${status}` };
}

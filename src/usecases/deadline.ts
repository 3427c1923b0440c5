/** The error `withinMs` rejects with when the work took longer than allowed. */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Waits for `work` at most `ms`. The work itself goes on (a promise cannot be cancelled); only the
 * waiting stops, so a user hears back within Teams' budget however long the database's own
 * retries take. Hand-written because p-timeout, the maintained package for this, is ESM-only,
 * which this CommonJS build and jest cannot require.
 */
export async function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(ms)), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

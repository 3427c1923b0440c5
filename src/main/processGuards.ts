import type { Logger } from '../logging/logger';

/**
 * What the process does with an error nobody caught.
 *
 * An unhandled promise rejection is logged and the process keeps serving. Every request already
 * ends in its own error handling (Express 5 sends a rejected route to the error handler, a turn's
 * error goes to onTurnError), so a rejection that gets this far is background work (a timer, a
 * fire-and-forget write) whose failure nobody awaited. The throw unwound an async function, so
 * no half-done synchronous state is left behind; exiting would only cut off the turns in flight
 * on this instance and lose nothing more.
 *
 * An uncaught exception is different: it escaped a synchronous call stack midway, and Node's own
 * documentation says the process is then in an undefined state. It is logged, the server stops
 * taking requests and finishes those in flight (giving the planning lease back), and the process
 * exits with 1 so App Service starts a fresh one.
 */
export function installProcessGuards(logger: Logger, shutdown: () => Promise<void>): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason, policy: 'keep serving' }, 'unhandled promise rejection');
  });
  let exiting = false;
  process.on('uncaughtException', (err, origin) => {
    logger.error({ err, origin, policy: 'stop and restart' }, 'uncaught exception');
    if (exiting) return;
    exiting = true;
    // Should the graceful stop hang, do not wait for ever.
    setTimeout(() => process.exit(1), 10_000).unref();
    void shutdown()
      .catch((stopErr: unknown) => logger.error({ err: stopErr }, 'shutdown after an uncaught exception failed'))
      .finally(() => process.exit(1));
  });
}

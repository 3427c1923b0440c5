/** Production entry point: configuration from the environment, telemetry, then the server. */
import { ConfigError, parseConfig } from '../config/config';
import { startTelemetry } from './telemetry';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  // Telemetry first: its instrumentations patch pino, http and the Cosmos SDK as they are
  // loaded, so the logger and the server are imported only after it has started.
  const telemetry = await startTelemetry(config.telemetry.connectionString);
  const { createLogger } = await import('../logging/logger');
  const { startServer } = await import('../server');
  const { installProcessGuards } = await import('./processGuards');
  const logger = createLogger(config.logLevel);
  logger.info({ telemetry: telemetry ? 'Application Insights' : 'off' }, 'telemetry');
  // The guards go in before the server starts, so they cover its start-up too.
  const running: { server?: Awaited<ReturnType<typeof startServer>> } = {};
  // Stops the scheduler (its tick finishes and the planning lease is given back), lets the turns
  // in flight finish, closes the database, then flushes telemetry.
  const stop = async () => {
    await running.server?.stop();
    await telemetry?.stop();
  };
  installProcessGuards(logger, stop);
  running.server = await startServer(config, { logger });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'lukker ned / shutting down');
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});

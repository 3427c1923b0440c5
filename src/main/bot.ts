/** Production entry point: configuration from the environment, telemetry, then the server. */
import { ConfigError, parseConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { startServer } from '../server';
import { startTelemetry } from './telemetry';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel);
  const telemetry = await startTelemetry(config.telemetry.connectionString);
  logger.info({ telemetry: telemetry ? 'Application Insights' : 'off' }, 'telemetry');
  const server = await startServer(config, { logger });
  const shutdown = async (signal: string) => {
    // Stops the scheduler (its tick finishes and the planning lease is given back), lets the
    // turns in flight finish, closes the database, then flushes telemetry.
    logger.info({ signal }, 'lukker ned / shutting down');
    await server.stop();
    await telemetry?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});

/** Production entry point: configuration from the environment, then the server. */
import { ConfigError, parseConfig } from '../config/config';
import { startServer } from '../server';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const server = await startServer(config);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: lukker ned`);
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});

/**
 * The bot in a process of its own, configured from its environment (for settings that only
 * take effect at process start, such as NODE_EXTRA_CA_CERTS), so that a crash shows as an exit.
 * Imports the demo plan into an in-memory embedded database and prints its URL as JSON. With
 * LOG_LEVEL set (not silent), logs go to stderr as JSON lines; the process guards are installed
 * as in production (src/main/bot.ts).
 */
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config';
import { ManualClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logging/logger';
import { installProcessGuards } from '../../src/main/processGuards';
import { startServer } from '../../src/server';
import { readPlanFile } from '../../src/store/planFile';
import { importPlan } from '../../src/usecases/importPlan';

async function main(): Promise<void> {
  const clock = new ManualClock(process.env.NOW ?? '2025-06-16T10:00:00+02:00');
  const config = parseConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0' });
  const logger = createLogger(config.logLevel, process.stderr);
  const server = await startServer(config, { clock, logger });
  installProcessGuards(logger, () => server.stop());
  const { raw } = await readPlanFile(join(__dirname, '..', '..', 'plans', 'husum-tingbjerg-2024-2028.yaml'));
  await importPlan(server.repos, clock, raw);
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

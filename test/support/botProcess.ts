/**
 * The bot in a process of its own, configured from its environment (for settings that only
 * take effect at process start, such as NODE_EXTRA_CA_CERTS). Imports the demo plan into an
 * in-memory embedded database and prints its URL as JSON.
 */
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config';
import { ManualClock } from '../../src/domain/clock';
import { silentLogger } from '../../src/logging/logger';
import { startServer } from '../../src/server';
import { readPlanFile } from '../../src/store/planFile';
import { importPlan } from '../../src/usecases/importPlan';

async function main(): Promise<void> {
  const clock = new ManualClock(process.env.NOW ?? '2025-06-16T10:00:00+02:00');
  const server = await startServer(parseConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0' }), { clock, logger: silentLogger });
  const { raw } = await readPlanFile(join(__dirname, '..', '..', 'plans', 'husum-tingbjerg-2024-2028.yaml'));
  await importPlan(server.repos, clock, raw);
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

/**
 * The bot in a process of its own (tsx), for the benchmarks that time or weigh it from outside
 * (memory, card submit): the demo plan with MEMORY_USERS extra people, each a member and leader
 * (they log sessions and ask for status). The database is the one COSMOS_ENDPOINT names, else the
 * embedded server in this process (as `npm start` runs it). Prints its URL as JSON; over the IPC
 * channel it answers `peaks` with the heap's peaks since the last `reset` (bench/heapPeaks.ts),
 * and `settle` once the writes left running after answers are done.
 */
import { parseConfig } from '../src/config/config';
import { ManualClock } from '../src/domain/clock';
import { silentLogger } from '../src/logging/logger';
import { startServer } from '../src/server';
import { importPlan } from '../src/usecases/importPlan';
import { rawPlan } from '../test/fixtures/plans';
import { DEMO_PLAN } from '../test/support/botHarness';
import { sampleHeap } from './heapPeaks';
import { memoryUser } from './memoryUsers';

async function main(): Promise<void> {
  const clock = new ManualClock('2025-06-16T10:00:00+02:00');
  // With COSMOS_ENDPOINT (the benchmark's database process) the bot holds no database, as in production.
  const database = process.env.COSMOS_ENDPOINT ? { COSMOS_ENDPOINT: process.env.COSMOS_ENDPOINT, COSMOS_KEY: process.env.COSMOS_KEY ?? '' } : {};
  const server = await startServer(parseConfig({ PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent', ...database }), { clock, logger: silentLogger });
  const plan = rawPlan(DEMO_PLAN) as { members: unknown[] };
  const count = Number(process.env.MEMORY_USERS ?? 50);
  plan.members.push(...Array.from({ length: count }, (_, i) => ({ id: `bruger-${i}`, name: memoryUser(i).name, aadObjectId: memoryUser(i).aadObjectId, roles: ['member', 'leader'] })));
  const imported = await importPlan(server.repos, clock, plan);
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues.slice(0, 3)));
  const heap = await sampleHeap();
  process.on('message', (message: unknown) => {
    if (message === 'settle') {
      void server.store.settle().then(() => process.send?.('settled'));
      return;
    }
    if (message === 'reset') heap.reset();
    process.send?.(message === 'peaks' ? heap.peaks() : 'ok');
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

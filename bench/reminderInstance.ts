/**
 * One more bot instance for the reminder benchmark, in a process of its own: it connects (its own
 * SDK client) to the database the benchmark started, says `ready`, waits for `go` on stdin, runs
 * one scheduler tick as every instance's timer would, and prints the tick's report (`report <json>`).
 */
import { once } from 'node:events';
import { ManualClock } from '../src/domain/clock';
import { startServer } from '../src/server';
import { connectToEmbedded } from '../src/store/cosmos/connect';
import { harnessConfig, harnessLogger } from '../test/support/botHarness';
import { BENCH_REQUEST_TIMEOUT_MS } from './reminderThroughput';

async function main(): Promise<void> {
  const { COSMOS_BENCH_ENDPOINT, COSMOS_BENCH_KEY, NOW, INSTANCE_ID } = process.env;
  if (!COSMOS_BENCH_ENDPOINT || !COSMOS_BENCH_KEY || !NOW || !INSTANCE_ID) throw new Error('COSMOS_BENCH_ENDPOINT, COSMOS_BENCH_KEY, NOW and INSTANCE_ID are needed');
  const store = await connectToEmbedded(COSMOS_BENCH_ENDPOINT, COSMOS_BENCH_KEY, 'logbog', BENCH_REQUEST_TIMEOUT_MS);
  const server = await startServer(harnessConfig(), { store, clock: new ManualClock(NOW), logger: harnessLogger(), scheduler: { instanceId: INSTANCE_ID } });
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const report = await server.scheduler.tick();
  process.stdout.write(`report ${JSON.stringify({ instanceId: INSTANCE_ID, delivery: report.delivery, planning: report.planning })}\n`);
  await server.stop();
  await store.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

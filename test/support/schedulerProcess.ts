/**
 * A second bot instance in its own process, for the crash test: it connects to the embedded
 * database the test started, ticks the scheduler once, and is killed by the test mid-send.
 */
import { ManualClock } from '../../src/domain/clock';
import { startServer } from '../../src/server';
import { connectToEmbedded } from '../../src/store/cosmos/connect';
import { harnessConfig, harnessLogger } from './botHarness';

async function main(): Promise<void> {
  const { COSMOS_TEST_ENDPOINT, COSMOS_TEST_KEY, NOW, INSTANCE_ID, SENDER_LEASE_MS } = process.env;
  if (!COSMOS_TEST_ENDPOINT || !COSMOS_TEST_KEY || !NOW || !INSTANCE_ID) throw new Error('COSMOS_TEST_ENDPOINT, COSMOS_TEST_KEY, NOW and INSTANCE_ID are needed');
  const config = harnessConfig();
  const store = await connectToEmbedded(COSMOS_TEST_ENDPOINT, COSMOS_TEST_KEY, config.cosmos.database);
  const server = await startServer(config, { store, clock: new ManualClock(NOW), logger: harnessLogger(), scheduler: { instanceId: INSTANCE_ID, ...senderLease(SENDER_LEASE_MS) } });
  process.stdout.write('ticking\n');
  await server.scheduler.tick();
  process.stdout.write('done\n');
  await server.stop();
  await store.close();
}

/** A short sender lease, so a test need not wait 15 s for a killed holder's lease to run out. */
function senderLease(ms: string | undefined) {
  const leaseMs = Number(ms);
  return leaseMs > 0 ? { delivery: { senderLease: { leaseMs, renewBeforeMs: (leaseMs * 2) / 3, quietMs: Math.min(1_100, leaseMs / 3) } } } : {};
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

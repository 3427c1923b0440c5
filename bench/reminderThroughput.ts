import { performance } from 'node:perf_hooks';
import { connectToEmbedded } from '../src/store/cosmos/connect';
import { startCosmosProcess } from './cosmosProcess';
import { users } from '../test/support/activities';
import { BotHarness } from '../test/support/botHarness';
import { CaptureConnector } from '../test/support/captureConnector';

const PLAN = 'husum-tingbjerg-2024-2028';

export interface ReminderBench {
  conversations: number;
  planned: number;
  planningSeconds: number;
  deliverySeconds: number;
  delivered: number;
  requestsPerSecond: number;
  /** Delivered requests per second as a share of Teams' 50 per tenant. */
  fractionOf50rps: number;
  limitViolations: number;
  lost: number;
  duplicates: number;
}

/**
 * 5,000 reminders to 5,000 conversations: that many Teams channels linked to Din Fritid-netværket,
 * the morning its meeting is three days off. A local connector enforces Teams' limits (it answers
 * 429 to any request past 7/s per conversation or 50/s per tenant, counted on arrival) and the
 * bot's scheduler plans and sends everything in one tick. The embedded database runs in its own
 * process, as a real one would be elsewhere.
 */
export async function benchReminderThroughput(count: number): Promise<ReminderBench> {
  const cosmos = await startCosmosProcess();
  const store = await connectToEmbedded(cosmos.endpoint, cosmos.key, 'logbog');
  const harness = new BotHarness('2025-10-29T09:00:00+01:00');
  // The enforcing connector replaces the harness's plain one.
  (harness as unknown as { connector: CaptureConnector }).connector = new CaptureConnector({
    perConversation: [
      { ms: 1_000, max: 7 },
      { ms: 2_000, max: 8 },
      { ms: 30_000, max: 60 },
    ],
    perTenant: [{ ms: 1_000, max: 50 }],
  });
  await harness.start(undefined, store);
  try {
    await harness.say(users.alex, 'hjælp');
    const reference = (conversationId: string) => ({ channelId: 'msteams', serviceUrl: harness.connector.url, conversation: { id: conversationId, conversationType: 'channel', tenantId: 'tenant-1' }, bot: { id: '28:bot' } });
    for (let i = 0; i < count; i++) {
      const conversationId = `19:bench-${i}@thread.tacv2`;
      await harness.repos.channels.link({ conversationId, planId: PLAN, networkId: 'din-fritid-netvaerk', linkedBy: 'alex-wilber', linkedAt: '2025-10-01T10:00:00Z' });
      await harness.repos.channels.remember({ conversationId, conversationType: 'channel', tenantId: 'tenant-1', reference: reference(conversationId), updatedAt: '2025-10-01T10:00:00Z' });
    }
    harness.connector.clear();

    const started = performance.now();
    const report = await harness.tick();
    const elapsed = (performance.now() - started) / 1000;
    const outbox = await harness.repos.outbox.listAll(PLAN);
    const toChannels = outbox.filter((i) => i.recipient.kind === 'channel');
    const messages = harness.connector.messages().filter((m) => m.conversationId.startsWith('19:bench-'));
    // The tenant's budget is shared with the plan members' own reminders, so all requests count.
    const arrivals = [...harness.connector.messages(), ...harness.connector.rejected].map((m) => m.at).sort((a, b) => a - b);
    const deliverySeconds = (arrivals[arrivals.length - 1]! - arrivals[0]!) / 1000;
    const unique = new Set(messages.map((m) => m.conversationId));
    const rps = (arrivals.length - 1) / deliverySeconds;
    if (report.planning[0]?.kind !== 'planned') throw new Error('the bench tick did not plan');
    return {
      conversations: count,
      planned: toChannels.length,
      planningSeconds: Math.round((elapsed - deliverySeconds) * 10) / 10,
      deliverySeconds: Math.round(deliverySeconds * 10) / 10,
      delivered: messages.length,
      requestsPerSecond: Math.round(rps * 10) / 10,
      fractionOf50rps: Math.round((rps / 50) * 100) / 100,
      limitViolations: harness.connector.violations,
      lost: toChannels.length - unique.size,
      duplicates: messages.length - unique.size,
    };
  } finally {
    await harness.stop();
    await store.close();
    cosmos.child.kill();
  }
}

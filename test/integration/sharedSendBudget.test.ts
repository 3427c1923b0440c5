import { CosmosClient } from '@azure/cosmos';
import { ManualClock } from '../../src/domain/clock';
import { outboxItemId, type OutboxItem } from '../../src/domain/reminders/outbox';
import { SendLimiter, type SendLimits } from '../../src/domain/reminders/sendLimits';
import type { SenderLeaseTiming } from '../../src/domain/reminders/senderLease';
import { repositoriesFor } from '../../src/store/cosmos/connect';
import type { Repositories } from '../../src/usecases/ports';
import { deliverDueReminders, type DeliveryOptions, type ProactiveSender, type SendOutcome } from '../../src/usecases/reminders/deliverReminders';
import { loadDemoPlan } from '../fixtures/plans';
import { openTestStore } from '../support/embeddedStore';
import { VirtualPace } from '../support/virtualPace';

const MORNING = '2025-10-29T08:00:00.000Z';
const TENANT = 'tenant-1';
/** A small tenant budget, so a few hundred requests fill many windows. */
const LIMITS: SendLimits = {
  perConversation: [
    { ms: 1_000, max: 7 },
    { ms: 2_000, max: 8 },
    { ms: 30_000, max: 60 },
  ],
  perTenant: [{ ms: 1_000, max: 10 }],
};
const LEASE: SenderLeaseTiming = { leaseMs: 4_000, renewBeforeMs: 3_000, quietMs: 1_100 };

interface Arrival {
  instanceId: string;
  conversationId: string;
  itemId: string;
  at: number;
}

/**
 * Teams as every instance sees it: a request arrives some virtual milliseconds after it leaves,
 * is answered some more later, and is counted on arrival. `hangAfter` makes an instance's sends
 * stop arriving and never come back (a process frozen mid-send).
 */
function teams(pace: VirtualPace, arrivals: Arrival[], random: () => number) {
  return (instanceId: string, hangAfter = Infinity): ProactiveSender => {
    let sends = 0;
    return {
      async send(address, card): Promise<SendOutcome> {
        if (++sends > hangAfter) return new Promise<never>(() => undefined);
        await pace.sleep(1 + random() * 30);
        arrivals.push({ instanceId, conversationId: address.conversationId, itemId: (card as { itemId: string }).itemId, at: pace.now() });
        await pace.sleep(1 + random() * 20);
        return { kind: 'sent' };
      },
    };
  };
}

/** The most arrivals in any window of `ms`, over all instances, per key. */
function busiestWindow(arrivals: Arrival[], ms: number, key: (a: Arrival) => string): number {
  const byKey = new Map<string, number[]>();
  for (const a of arrivals) byKey.set(key(a), [...(byKey.get(key(a)) ?? []), a.at]);
  let most = 0;
  for (const times of byKey.values()) {
    times.sort((x, y) => x - y);
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= ms) j++;
      most = Math.max(most, i - j + 1);
    }
  }
  return most;
}

function seeded(seed: number): () => number {
  return () => (seed = (seed * 16807) % 2147483647) / 2147483647;
}

describe('instances sharing one database share the tenant\'s send budget', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  const clients: CosmosClient[] = [];
  const plan = loadDemoPlan();

  /** Another instance: its own Cosmos client on the same database. */
  const instanceRepos = (): Repositories => {
    const client = new CosmosClient({ endpoint: store.server.endpoint, key: store.server.key, connectionPolicy: { enableEndpointDiscovery: false } });
    clients.push(client);
    return repositoriesFor(client.database(store.database.id));
  };

  /** `perConversation` reminders to each of `conversations` linked channels of one tenant. */
  async function outboxOf(conversations: number, perConversation: number): Promise<OutboxItem[]> {
    const items: OutboxItem[] = [];
    for (let c = 0; c < conversations; c++) {
      const conversationId = `19:kanal-${c}@thread.tacv2`;
      await store.repos.channels.remember({ conversationId, conversationType: 'channel', tenantId: TENANT, reference: {}, updatedAt: MORNING });
      for (let n = 0; n < perConversation; n++) {
        const recipient = { kind: 'channel' as const, conversationId, networkId: 'din-fritid-netvaerk' };
        const reminderId = `upcoming:din-fritid-netvaerk:2025-11-0${n + 1}`;
        items.push({ id: outboxItemId(reminderId, recipient), type: 'outbox', planId: plan.id, reminderId, kind: 'upcomingMeeting', recipient, about: { networkId: 'din-fritid-netvaerk', date: `2025-11-0${n + 1}` }, status: 'pending', plannedAt: MORNING, notBefore: MORNING, attempts: 0 });
      }
    }
    await store.repos.outbox.createMissing(items);
    return items;
  }

  beforeEach(async () => {
    store = await openTestStore();
    await store.repos.plans.save(plan, MORNING);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.dispose();
    await store.close();
  });

  function deliver(repos: Repositories, clock: ManualClock, pace: VirtualPace, sender: ProactiveSender, instanceId: string, senderLease = LEASE) {
    const options: DeliveryOptions = { instanceId, claimMs: 5 * 60_000, concurrency: 8, attemptsPerRun: 5, maxAttempts: 15, retryLaterMs: 10 * 60_000, senderLease };
    // Each instance has its own limiter, as each process has.
    return deliverDueReminders({ repos, clock, pace, sender, limiter: new SendLimiter(LIMITS, 0), compose: (item) => ({ itemId: item.id }) }, options, () => false, [plan.id]);
  }

  it('three instances delivering at once never put more than the tenant budget into any second, and send each item once', async () => {
    const items = await outboxOf(40, 3);
    const pace = new VirtualPace();
    const clock = new ManualClock(MORNING);
    const arrivals: Arrival[] = [];
    const sender = teams(pace, arrivals, seeded(11));
    const reports = await Promise.all(['a', 'b', 'c'].map((id) => deliver(instanceRepos(), clock, pace, sender(id), id)));

    expect(arrivals).toHaveLength(items.length);
    expect(new Set(arrivals.map((a) => a.itemId)).size).toBe(items.length);
    expect(busiestWindow(arrivals, 1_000, () => TENANT)).toBeLessThanOrEqual(10);
    expect(busiestWindow(arrivals, 1_000, (a) => a.conversationId)).toBeLessThanOrEqual(7);
    expect(busiestWindow(arrivals, 2_000, (a) => a.conversationId)).toBeLessThanOrEqual(8);
    // The budget is used, not wasted: 120 requests at 10 a second take about 12 seconds, not 36.
    const span = Math.max(...arrivals.map((a) => a.at)) - Math.min(...arrivals.map((a) => a.at));
    expect(span).toBeLessThan(20_000);
    const statuses = (await store.repos.outbox.listAll(plan.id)).map((i) => i.status);
    expect(statuses.every((s) => s === 'sent')).toBe(true);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(items.length);
    // The instances that found the tenant's lease held left their items to its holder.
    expect(reports.filter((r) => r.sent > 0).length + reports.filter((r) => r.leftToOtherSender > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('an instance that freezes while holding the lease is taken over once its lease runs out, with no window over budget and nothing sent twice', async () => {
    const items = await outboxOf(30, 2);
    const pace = new VirtualPace();
    const clock = new ManualClock(MORNING);
    const arrivals: Arrival[] = [];
    const sender = teams(pace, arrivals, seeded(5));
    // Instance a sends 25 requests, then freezes in the middle of its next sends (they never arrive).
    // Its lease always has 7 s or more left while it works.
    void deliver(instanceRepos(), clock, pace, sender('a', 25), 'a', { leaseMs: 10_000, renewBeforeMs: 7_000, quietMs: 1_100 });
    while (arrivals.length < 25) await pace.sleep(10);
    expect((await store.repos.senderLeases.get(TENANT))?.record.holder).toBe('a');

    // While a's lease holds, b sends nothing to the tenant.
    const early = await deliver(instanceRepos(), clock, pace, sender('b'), 'b');
    expect(early.sent).toBe(0);
    expect(early.leftToOtherSender).toBeGreaterThan(0);

    // Once it has run out, b takes the lease and sends all but what a had claimed...
    for (let lease = await store.repos.senderLeases.get(TENANT); pace.now() < lease!.record.expiresAt; lease = await store.repos.senderLeases.get(TENANT)) await pace.sleep(100);
    const takeover = await deliver(instanceRepos(), clock, pace, sender('b'), 'b');
    expect(takeover.sent).toBeGreaterThan(0);
    // ...and those once a's claims run out.
    clock.advance(6 * 60_000);
    await deliver(instanceRepos(), clock, pace, sender('c'), 'c');

    expect(new Set(arrivals.map((a) => a.itemId)).size).toBe(items.length);
    expect(arrivals).toHaveLength(items.length);
    expect(busiestWindow(arrivals, 1_000, () => TENANT)).toBeLessThanOrEqual(10);
    expect(busiestWindow(arrivals, 1_000, (a) => a.conversationId)).toBeLessThanOrEqual(7);
    expect((await store.repos.outbox.listAll(plan.id)).every((i) => i.status === 'sent')).toBe(true);
  });
});

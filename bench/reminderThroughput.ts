import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { connectToEmbedded } from '../src/store/cosmos/connect';
import type { DeliveryReport } from '../src/usecases/reminders/deliverReminders';
import type { PlanningResult } from '../src/usecases/reminders/planReminders';
import { startCosmosProcess } from './cosmosProcess';
import { users } from '../test/support/activities';
import { BotHarness } from '../test/support/botHarness';
import { CaptureConnector } from '../test/support/captureConnector';

const PLAN = 'husum-tingbjerg-2024-2028';
const MORNING = '2025-10-29T09:00:00+01:00';
export const BENCH_REQUEST_TIMEOUT_MS = 10 * 60_000;
const SETUP_BATCH = 100;

export interface ReminderBench {
  /** Bot instances sharing the database and the tenant, each with its own process and SDK client. */
  instances: number;
  conversations: number;
  planned: number;
  /** From the ticks' start to the first request at the connector. */
  firstRequestSeconds: number;
  deliverySeconds: number;
  delivered: number;
  requestsPerSecond: number;
  /** Delivered requests per second as a share of Teams' 50 per tenant. */
  fractionOf50rps: number;
  limitViolations: number;
  lost: number;
  duplicates: number;
  /** The most requests that arrived in any one second: 50 means the limit, not the bot, set the pace then. */
  busiestSecond: number;
  /** The machine's one-minute load average at the end (2 cores shared with other work: above 2, everything waits for a CPU). */
  loadAverage: number;
  /** Messages each instance sent (the tenant's sender lease holder sends them all). */
  sentBy: Record<string, number>;
}

/**
 * 5,000 reminders to 5,000 conversations: that many Teams channels linked to Din Fritid-netværket,
 * the morning its meeting is three days off. One local connector enforces Teams' limits for all
 * instances (it answers 429 to any request past 7/s per conversation or 50/s per tenant, counted
 * on arrival). The benchmark's own bot and `instances - 1` more, each in a process of its own
 * with its own Cosmos client, tick at the same moment, as their timers would: one plans, and all
 * of them deliver. The embedded database runs in its own process, as a real one would be elsewhere.
 */
export async function benchReminderThroughput(count: number, instances: number): Promise<ReminderBench> {
  const cosmos = await startCosmosProcess();
  // A busy shared machine can keep a query over 50,000 reminders waiting past the usual 60 s.
  const store = await connectToEmbedded(cosmos.endpoint, cosmos.key, 'logbog', BENCH_REQUEST_TIMEOUT_MS);
  const harness = new BotHarness(MORNING);
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
  const others: Instance[] = [];
  try {
    await harness.say(users.alex, 'hjælp');
    const reference = (conversationId: string) => ({ channelId: 'msteams', serviceUrl: harness.connector.url, conversation: { id: conversationId, conversationType: 'channel', tenantId: 'tenant-1' }, bot: { id: '28:bot' } });
    // Linked in parallel batches: one by one, 50,000 channels took a quarter of an hour to set up.
    for (let from = 0; from < count; from += SETUP_BATCH) {
      const batch = Array.from({ length: Math.min(SETUP_BATCH, count - from) }, (_, k) => `19:bench-${from + k}@thread.tacv2`);
      await Promise.all(
        batch.map(async (conversationId) => {
          await harness.repos.channels.link({ conversationId, planId: PLAN, networkId: 'din-fritid-netvaerk', linkedBy: 'alex-wilber', linkedAt: '2025-10-01T10:00:00Z' });
          await harness.repos.channels.remember({ conversationId, conversationType: 'channel', tenantId: 'tenant-1', reference: reference(conversationId), updatedAt: '2025-10-01T10:00:00Z' });
        }),
      );
    }
    for (let i = 2; i <= instances; i++) others.push(await startInstance(cosmos, `bench-${i}`));
    harness.connector.clear();

    const started = performance.now();
    const startedAt = Date.now();
    for (const other of others) other.child.stdin!.write('go\n');
    // Straight to the scheduler, not through its HTTP trigger: 50,000 reminders take longer than fetch waits for an answer.
    const [own, ...rest] = await Promise.all([harness.server.scheduler.tick().then((r) => ({ instanceId: 'instance-a', delivery: r.delivery, planning: r.planning })), ...others.map((o) => o.report)]);
    const elapsed = (performance.now() - started) / 1000;
    const reports = [own!, ...rest];
    if (!reports.some((r) => r.planning.some((p) => p.kind === 'planned'))) {
      throw new Error(`no instance planned in the bench tick; each instance's planning: ${JSON.stringify(reports.map((r) => ({ instanceId: r.instanceId, planning: r.planning })))}`);
    }

    const outbox = await harness.repos.outbox.listAll(PLAN);
    const toChannels = outbox.filter((i) => i.recipient.kind === 'channel');
    const messages = harness.connector.messages().filter((m) => m.conversationId.startsWith('19:bench-'));
    // The tenant's budget is shared with the plan members' own reminders, so all requests count.
    const arrivals = [...harness.connector.messages(), ...harness.connector.rejected].map((m) => m.at).sort((a, b) => a - b);
    const deliverySeconds = (arrivals[arrivals.length - 1]! - arrivals[0]!) / 1000;
    const unique = new Set(messages.map((m) => m.conversationId));
    // A duplicate is the same card twice in one conversation: members who never opened Logbog get
    // their own reminders posted in the network's first linked channel, which is a bench channel too.
    const cards = new Set(messages.map((m) => `${m.conversationId} ${JSON.stringify(m.activity.attachments)}`));
    const rps = (arrivals.length - 1) / deliverySeconds;
    return {
      instances,
      conversations: count,
      planned: toChannels.length,
      firstRequestSeconds: Math.round(((arrivals[0]! - startedAt) / 1000) * 10) / 10,
      deliverySeconds: Math.round(Math.min(deliverySeconds, elapsed) * 10) / 10,
      delivered: messages.length,
      requestsPerSecond: Math.round(rps * 10) / 10,
      fractionOf50rps: Math.round((rps / 50) * 1000) / 1000,
      limitViolations: harness.connector.violations,
      lost: toChannels.length - unique.size,
      duplicates: messages.length - cards.size,
      busiestSecond: busiest(arrivals, 1_000),
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
      sentBy: Object.fromEntries(reports.map((r) => [r.instanceId, r.delivery.sent + r.delivery.postedInChannel])),
    };
  } finally {
    for (const other of others) other.child.kill();
    await harness.stop();
    await store.close();
    cosmos.child.kill();
  }
}

/** The most of the (sorted) instants inside any window of `ms`, as the connector counts them. */
function busiest(times: number[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

interface InstanceReport {
  instanceId: string;
  delivery: DeliveryReport;
  planning: PlanningResult[];
}

interface Instance {
  child: ChildProcess;
  report: Promise<InstanceReport>;
}

/** Starts another bot instance in its own process; resolves once it is ready to tick. */
async function startInstance(cosmos: { endpoint: string; key: string }, instanceId: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'reminderInstance.ts')], {
    env: { ...process.env, COSMOS_BENCH_ENDPOINT: cosmos.endpoint, COSMOS_BENCH_KEY: cosmos.key, NOW: MORNING, INSTANCE_ID: instanceId },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  // The instance's log (TEST_LOG_LEVEL) shares its stdout: passed on to stderr, between the protocol's lines.
  const next = async (): Promise<string> => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`bench instance ${instanceId} ended early`);
      const line = value as string;
      if (line === 'ready' || line.startsWith('report ')) return line;
      process.stderr.write(`[${instanceId}] ${line}\n`);
    }
  };
  // An instance that fails to start is not in the caller's list yet, so it is stopped here.
  const first = await next().catch((err: unknown) => {
    child.kill();
    throw err;
  });
  if (first !== 'ready') {
    child.kill();
    throw new Error(`bench instance ${instanceId} did not start`);
  }
  return { child, report: next().then((line) => JSON.parse(line.slice('report '.length)) as InstanceReport) };
}

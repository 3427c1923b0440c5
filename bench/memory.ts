import { performance } from 'node:perf_hooks';
import { cardVerbs } from '../src/cards/verbs';
import { importPlan } from '../src/usecases/importPlan';
import type { TestUser } from '../test/support/activities';
import { BotHarness, cardOf, DEMO_PLAN, executeDataOf } from '../test/support/botHarness';
import { rawPlan } from '../test/fixtures/plans';

export interface MemoryResult {
  users: number;
  turns: number;
  /** Peak resident set size of the process (bot and embedded database together, as `npm start` runs them). */
  rssMb: number;
  /** Before the users started: the process with the plan imported. */
  rssBeforeMb: number;
  heapUsedPeakMb: number;
  heapUsedAfterGcMb?: number;
  rssAfterGcMb?: number;
  durationMs: number;
  /** Submits answered "saved" within Teams' time; the rest were told "not confirmed yet", none failed. */
  confirmed: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Memory under load: `users` people of one plan at once, each opening the attendance card,
 * saving it and asking for status, `rounds` times, over HTTP against one process that holds the
 * bot and the embedded database. The resident set size is sampled every 20 ms; its peak is the figure.
 */
export async function benchMemory(users = 50, rounds = 10): Promise<MemoryResult> {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  await harness.start([]);
  const people: TestUser[] = Array.from({ length: users }, (_, i) => ({ id: `user-m${i}`, name: `Bruger ${i}`, aadObjectId: `memory-${String(i).padStart(3, '0')}` }) as unknown as TestUser);
  try {
    for (const p of people) harness.connector.members.set(p.id, p);
    const plan = rawPlan(DEMO_PLAN) as { members: unknown[]; activities: { id: string }[] };
    plan.members.push(...people.map((p, i) => ({ id: `bruger-${i}`, name: p.name, aadObjectId: p.aadObjectId, roles: ['member', 'leader'] })));
    const imported = await importPlan(harness.repos, harness.clock, plan);
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues.slice(0, 3)));
    const activityId = plan.activities[0]!.id;

    const before = process.memoryUsage();
    let rssPeak = before.rss;
    let heapPeak = before.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      rssPeak = Math.max(rssPeak, now.rss);
      heapPeak = Math.max(heapPeak, now.heapUsed);
    }, 20);
    let turns = 0;
    let confirmed = 0;
    const start = performance.now();
    try {
      await Promise.all(
        people.map(async (user, u) => {
          for (let r = 0; r < rounds; r++) {
            const card = cardOf((await harness.say(user, 'log fremmøde'))[0]);
            turns += 1;
            // Under this load a turn can pass Teams' time and get the "not confirmed yet" answer instead of its card.
            if (!card) continue;
            const form = executeDataOf(card, cardVerbs.saveAttendance);
            const saved = await harness.execute(user, cardVerbs.saveAttendance, { ...form, activityId, date: `2025-06-${String(((u + r) % 14) + 1).padStart(2, '0')}`, headcount: String(5 + (r % 9)) });
            if (JSON.stringify(saved.body?.value ?? '').includes('gemt')) confirmed++;
            await harness.say(user, 'status');
            turns += 2;
          }
        }),
      );
    } finally {
      clearInterval(sampler);
    }
    const durationMs = Math.round(performance.now() - start);
    // What is still held once the garbage is collected (only with node --expose-gc): the live set, not the heap's slack.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const after = process.memoryUsage();
    return { users, turns, rssMb: mb(rssPeak), rssBeforeMb: mb(before.rss), heapUsedPeakMb: mb(heapPeak), ...(gc ? { heapUsedAfterGcMb: mb(after.heapUsed), rssAfterGcMb: mb(after.rss) } : {}), durationMs, confirmed };
  } finally {
    await harness.stop();
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cardVerbs } from '../src/cards/verbs';
import { silentLogger } from '../src/logging/logger';
import { openCosmosStore } from '../src/store/cosmos/connect';
import { users } from '../test/support/activities';
import { BotHarness, cardOf, executeDataOf } from '../test/support/botHarness';
import { summarise, type LatencySummary } from './stats';

/**
 * What durability costs: the same card submit against the embedded database with a data folder
 * (every write in the write-ahead log and fsync'ed before the answer) and without one (memory
 * only, as the tests run), interleaved so both see the same machine.
 */
export async function benchDurability(rounds: number): Promise<{ withLog: LatencySummary; memoryOnly: LatencySummary; costP50Ms: number; costP95Ms: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'logbog-bench-wal-'));
  const logged = await openCosmosStore({ kind: 'embedded', port: 0, dataDir, database: 'logbog' }, silentLogger);
  const durable = await new BotHarness().start(undefined, logged);
  const memory = await new BotHarness().start();
  try {
    const submitter = async (h: BotHarness) => {
      const base = executeDataOf(cardOf((await h.say(users.alex, 'log fremmøde'))[0]), cardVerbs.saveAttendance);
      return async () => {
        const start = performance.now();
        const res = await h.execute(users.alex, cardVerbs.saveAttendance, { ...base, submissionId: crypto.randomUUID(), activityId: 'legepatrulje', date: '2025-06-10', headcount: '12' });
        if (res.body?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error('submit did not return a card');
        return performance.now() - start;
      };
    };
    const a = await submitter(durable);
    const b = await submitter(memory);
    for (let i = 0; i < 20; i++) await Promise.all([a(), b()].map((p) => p.catch(() => 0)));
    const withLog: number[] = [];
    const memoryOnly: number[] = [];
    for (let i = 0; i < rounds; i++) {
      withLog.push(await a());
      memoryOnly.push(await b());
    }
    const w = summarise(withLog);
    const m = summarise(memoryOnly);
    return { withLog: w, memoryOnly: m, costP50Ms: Math.round((w.p50 - m.p50) * 100) / 100, costP95Ms: Math.round((w.p95 - m.p95) * 100) / 100 };
  } finally {
    await durable.stop();
    await logged.close();
    await memory.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

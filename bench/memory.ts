import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cardVerbs } from '../src/cards/verbs';
import { executeActivity, messageActivity, type TestUser } from '../test/support/activities';
import { cardOf, executeDataOf } from '../test/support/botHarness';
import type { HeapPeaks } from './heapPeaks';
import { CaptureConnector } from '../test/support/captureConnector';
import { startCosmosProcess } from './cosmosProcess';
import { memoryUser } from './memoryUsers';
import { summarise, type LatencySummary } from './stats';

export interface MemoryResult {
  users: number;
  turns: number;
  /** Peak resident set size of the bot's process, from the kernel's high-water mark. */
  rssMb: number;
  /** `separate`: the database in a process of its own, as in production (the figure is the bot's alone); `in process`: as `npm start` runs it. */
  database: 'separate' | 'in process';
  /** `node`: compiled JavaScript, as production runs (`npm run start:prod`); `tsx`: as `npm start` runs. */
  runtime: 'node' | 'tsx';
  /** The same process before the users started, with the plan imported. */
  rssBeforeMb: number;
  durationMs: number;
  /** Submits answered "saved" within Teams' time; the others were told "not confirmed yet" or timed out, none failed. */
  confirmed: number;
  /** Node options the bot ran with (before the script, as `start:prod` gives them), if any. */
  nodeOptions: string;
  /** Peaks sampled inside the bot while the users were at it (bench/heapPeaks.ts). */
  heap: HeapPeaks;
  /** Time of every turn (card, save, status) as the users saw it, HTTP included. */
  turnMs: LatencySummary;
}

/** VmRSS and VmHWM (peak) of a process, in MB, from Linux's /proc. */
async function rssOf(pid: number): Promise<{ now: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { now: Math.round(kb('VmRSS') / 102.4) / 10, peak: Math.round(kb('VmHWM') / 102.4) / 10 };
}

/**
 * Memory under load: `users` people of one plan at once, each opening the attendance card,
 * saving it and asking for status, `rounds` times, over HTTP against the bot in a process of
 * its own (bench/memoryBot.ts, compiled or under tsx), the database in another (as in
 * production) or in the bot's (as `npm start`). The figure is the bot process's peak resident set size; the
 * benchmark's own process (connector, bookkeeping) is not in it.
 */
export async function benchMemory(users: number, rounds: number, database: MemoryResult['database'], nodeOptions: string[], compiledBot?: string): Promise<MemoryResult> {
  const cosmos = database === 'separate' ? await startCosmosProcess() : undefined;
  const connector = new CaptureConnector();
  await connector.start();
  const people: TestUser[] = Array.from({ length: users }, (_, i) => memoryUser(i));
  for (const p of people) connector.members.set(p.id, p);
  const bot = spawn(process.execPath, [...nodeOptions, ...(compiledBot ? [compiledBot] : ['--import', 'tsx', join(__dirname, 'memoryBot.ts')])], {
    // Options on the command line, as start:prod gives them; none inherited from this process.
    env: { ...process.env, MEMORY_USERS: String(users), NODE_OPTIONS: '', ...(cosmos ? { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key } : {}) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const ask = async <T>(message: 'reset' | 'peaks'): Promise<T> => {
    const answer = once(bot, 'message') as Promise<[T]>;
    bot.send(message);
    return (await answer)[0];
  };
  try {
    const [line] = (await once(bot.stdout!, 'data')) as [Buffer];
    const url = (JSON.parse(line.toString()) as { url: string }).url;
    const turnMs: number[] = [];
    const post = async (activity: unknown) => {
      const sent = performance.now();
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      turnMs.push(performance.now() - sent);
      return text ? (JSON.parse(text) as { value?: unknown }) : undefined;
    };
    const say = async (user: TestUser, text: string) => {
      const conversation = `conv-${user.id}`;
      const before = connector.messagesTo(conversation).length;
      await post(messageActivity(user, connector.url, conversation, text));
      return connector.messagesTo(conversation).slice(before);
    };
    const before = await rssOf(bot.pid!);
    await ask('reset');
    let turns = 0;
    let confirmed = 0;
    const start = performance.now();
    await Promise.all(
      people.map(async (user, u) => {
        for (let r = 0; r < rounds; r++) {
          const card = cardOf((await say(user, 'log fremmøde'))[0]);
          turns += 1;
          // Under this load a turn can pass Teams' time and get the "not confirmed yet" answer instead of its card.
          if (!card) continue;
          const form = executeDataOf(card, cardVerbs.saveAttendance);
          const data = { ...form, activityId: 'legepatrulje', date: `2025-06-${String(((u + r) % 14) + 1).padStart(2, '0')}`, headcount: String(5 + (r % 9)) };
          const saved = await post(executeActivity(user, connector.url, `conv-${user.id}`, cardVerbs.saveAttendance, data));
          if (JSON.stringify(saved?.value ?? '').includes('gemt')) confirmed++;
          await say(user, 'status');
          turns += 2;
        }
      }),
    );
    const durationMs = Math.round(performance.now() - start);
    const after = await rssOf(bot.pid!);
    const heap = await ask<HeapPeaks>('peaks');
    return { users, turns, rssMb: after.peak, database, runtime: compiledBot ? 'node' : 'tsx', rssBeforeMb: before.now, durationMs, confirmed, nodeOptions: nodeOptions.join(' '), heap, turnMs: summarise(turnMs) };
  } finally {
    bot.kill('SIGTERM');
    await once(bot, 'exit').catch(() => undefined);
    await connector.stop();
    cosmos?.child.kill('SIGTERM');
  }
}

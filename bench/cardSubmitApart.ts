import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cardVerbs } from '../src/cards/verbs';
import { executeActivity, messageActivity } from '../test/support/activities';
import { cardOf, executeDataOf } from '../test/support/botHarness';
import { CaptureConnector } from '../test/support/captureConnector';
import { startCosmosProcess } from './cosmosProcess';
import { memoryUser } from './memoryUsers';
import { summarise, type LatencySummary } from './stats';

export interface CardSubmitApart {
  submit: LatencySummary;
  echo: LatencySummary;
  ratioP50: number;
  ratioP95: number;
}

/**
 * The same card submit and echo turn as bench/cardSubmit.ts, timed from outside the bot: the bot
 * in a process of its own (bench/memoryBot.ts), the database in another, this process as Teams
 * and the connector, as in production. In one process the work a submit leaves running after
 * its answer (the rollup increments) runs on the event loop the waiting client needs to read
 * that answer, so it lands in the submit's time; here it does not, and, as there, it is waited
 * for (untimed) before the next echo turn.
 */
export async function benchCardSubmitApart(rounds: number): Promise<CardSubmitApart> {
  const cosmos = await startCosmosProcess();
  const connector = new CaptureConnector();
  await connector.start();
  const user = memoryUser(0);
  connector.members.set(user.id, user);
  const bot = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'memoryBot.ts')], {
    env: { ...process.env, MEMORY_USERS: '1', NODE_OPTIONS: '', COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const settled = async () => {
    const answer = once(bot, 'message');
    bot.send('settle');
    await answer;
  };
  try {
    const [line] = (await once(bot.stdout!, 'data')) as [Buffer];
    const url = (JSON.parse(line.toString()) as { url: string }).url;
    const post = async (activity: unknown) => {
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      return text ? (JSON.parse(text) as { type?: string; value?: unknown }) : undefined;
    };
    const conversation = `conv-${user.id}`;
    const say = async (text: string) => {
      const before = connector.messagesTo(conversation).length;
      await post(messageActivity(user, connector.url, conversation, text));
      return connector.messagesTo(conversation).slice(before);
    };
    const form = executeDataOf(cardOf((await say('log fremmøde'))[0]), cardVerbs.saveAttendance);
    const submitOnce = async () => {
      const start = performance.now();
      const answer = await post(executeActivity(user, connector.url, conversation, cardVerbs.saveAttendance, { ...form, submissionId: crypto.randomUUID(), activityId: 'legepatrulje', date: '2025-06-10', headcount: '12' }));
      const ms = performance.now() - start;
      if (answer?.type !== 'application/vnd.microsoft.card.adaptive' || !JSON.stringify(answer.value).includes('gemt')) throw new Error('submit was not saved');
      await settled();
      return ms;
    };
    const echoOnce = async () => {
      const start = performance.now();
      const replies = await say('ekko');
      const ms = performance.now() - start;
      if (replies.length !== 1) throw new Error('echo did not answer once');
      return ms;
    };
    // Warm-up: JIT, connection pools, the template cache, the membership's grant.
    for (let i = 0; i < 50; i++) {
      await submitOnce();
      await echoOnce();
    }
    const submit: number[] = [];
    const echo: number[] = [];
    for (let i = 0; i < rounds; i++) {
      submit.push(await submitOnce());
      echo.push(await echoOnce());
    }
    const s = summarise(submit);
    const e = summarise(echo);
    return { submit: s, echo: e, ratioP50: Math.round((s.p50 / e.p50) * 100) / 100, ratioP95: Math.round((s.p95 / e.p95) * 100) / 100 };
  } finally {
    bot.kill('SIGTERM');
    await once(bot, 'exit').catch(() => undefined);
    await connector.stop();
    cosmos.child.kill('SIGTERM');
  }
}

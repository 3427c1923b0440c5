import { performance } from 'node:perf_hooks';
import { cardVerbs } from '../src/cards/verbs';
import { users } from '../test/support/activities';
import { BotHarness, cardOf, executeDataOf } from '../test/support/botHarness';
import { HeldRequests, openCountingStore, type CountedRequest } from '../test/support/countingStore';
import { summarise, type LatencySummary } from './stats';

/**
 * A card submit (Action.Execute invoke: validate, store in Cosmos, render the confirmation)
 * against a bare echo turn (a text message answered with text, no database) on the same server,
 * both timed from the request until the answer is back. The database requests each submit sends
 * are counted by the SDK's request hook (test/support/countingStore.ts), not estimated: all of
 * them, and those the answer waits for (the rest are held until the answer is back, which it
 * could not be if it waited for them). The rollup increments a submit leaves running after its
 * answer are waited for before the next echo turn (untimed), so the echo does not share the
 * process with them; `untilWritten` times a submit until they are done.
 */
export async function benchCardSubmit(rounds: number): Promise<{
  submit: LatencySummary;
  /** From the request until the submit's rollups are written too (after the answer). */
  untilWritten: LatencySummary;
  echo: LatencySummary;
  ratioP50: number;
  ratioP95: number;
  roundTripsPerSubmit: number;
  roundTripsOfOneSubmit: string[];
  roundTripsBeforeAnswer: string[];
}> {
  const { store, counter } = await openCountingStore();
  const harness = await new BotHarness().start(undefined, store);
  try {
    const plan = (await harness.repos.plans.get('husum-tingbjerg-2024-2028'))!.plan;
    const activityId = plan.activities[0]!.id;
    const formCard = cardOf((await harness.say(users.alex, 'log fremmøde'))[0]);
    const base = executeDataOf(formCard, cardVerbs.saveAttendance);

    const written: number[] = [];
    const execute = () => harness.execute(users.alex, cardVerbs.saveAttendance, { ...base, submissionId: crypto.randomUUID(), activityId, date: '2025-06-10', headcount: '12' });
    const submitOnce = async () => {
      counter.enabled = true;
      const start = performance.now();
      const res = await execute();
      const ms = performance.now() - start;
      await store.settle();
      written.push(performance.now() - start);
      counter.enabled = false;
      if (res.body?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error('submit did not return a card');
      return ms;
    };
    const echoOnce = async () => {
      const start = performance.now();
      const replies = await harness.say(users.alex, 'ekko');
      const ms = performance.now() - start;
      if (replies.length !== 1) throw new Error('echo did not answer once');
      return ms;
    };

    // Warm-up: JIT, connection pools and the template cache.
    for (let i = 0; i < 20; i++) {
      await submitOnce();
      await echoOnce();
    }
    counter.reset();
    written.length = 0;
    const submit: number[] = [];
    const echo: number[] = [];
    // Interleaved so both see the same machine conditions.
    for (let i = 0; i < rounds; i++) {
      submit.push(await submitOnce());
      echo.push(await echoOnce());
      harness.connector.clear();
    }
    const roundTripsPerSubmit = Math.round((counter.count / rounds) * 100) / 100;
    const untilWritten = summarise(written);
    counter.reset();
    await submitOnce();
    const roundTripsOfOneSubmit = counter.requests.map(named);
    // The requests the answer waits for: the rollup increments and the marker's removal are held
    // until the answer is back, which it could not be if it waited for them (then the run fails).
    const held = new HeldRequests((r) => (r.operation === 'patch' && r.container === 'rollups') || r.operation === 'delete');
    counter.reset();
    counter.hold = held;
    counter.enabled = true;
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('a submit waited for its rollup writes')), 10_000).unref());
    const answer = await Promise.race([execute(), timeout]).finally(() => held.release());
    if (answer.body?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error('submit did not return a card');
    const roundTripsBeforeAnswer = counter.requests.filter((r) => !held.held.includes(r)).map(named);
    await store.settle();
    counter.enabled = false;
    counter.hold = undefined;
    const s = summarise(submit);
    const e = summarise(echo);
    return { submit: s, untilWritten, echo: e, ratioP50: Math.round((s.p50 / e.p50) * 100) / 100, ratioP95: Math.round((s.p95 / e.p95) * 100) / 100, roundTripsPerSubmit, roundTripsOfOneSubmit, roundTripsBeforeAnswer };
  } finally {
    await harness.stop();
    await store.close();
  }
}

const named = (r: CountedRequest) => `${r.operation} ${r.container}`;

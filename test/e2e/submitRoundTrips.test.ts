import { cardVerbs } from '../../src/cards/verbs';
import type { CosmosStore } from '../../src/store/cosmos/connect';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf } from '../support/botHarness';
import { openCountingStore, type RequestCounter } from '../support/countingStore';

const PLAN = 'husum-tingbjerg-2024-2028';

/**
 * What a card submit costs the database, counted by the SDK's request hook on every network
 * request the bot sends while the submit is answered over HTTP (docs/storage.md, "Submit cost").
 */
describe('the database round trips of a card submit', () => {
  jest.setTimeout(60_000);
  const harness = new BotHarness();
  let store: CosmosStore;
  let counter: RequestCounter;
  let form: Record<string, unknown>;

  beforeAll(async () => {
    ({ store, counter } = await openCountingStore());
    await harness.start(undefined, store);
    form = executeDataOf(cardOf((await harness.say(users.alex, 'log fremmøde'))[0]), cardVerbs.saveAttendance);
    await harness.grantsWritten();
  });
  afterAll(async () => {
    await harness.stop();
    await store.close();
  });

  const submit = async (submissionId: string, headcount = '12') => {
    const res = await harness.execute(users.alex, cardVerbs.saveAttendance, { ...form, submissionId, activityId: 'legepatrulje', date: '2025-06-10', headcount });
    expect(res.body?.type).toBe('application/vnd.microsoft.card.adaptive');
  };
  const counted = async (action: () => Promise<void>) => {
    counter.reset();
    counter.enabled = true;
    await action();
    counter.enabled = false;
    return [...counter.requests];
  };

  it('answers after 1 round trip (one batch: the membership\'s proof, the record, its audit entry and the rollup marker), then sends the increments of the year summary and the month\'s day counters together and removes the marker: 4 in all', async () => {
    // The month's first session creates its summary documents; the claim is for the ones after.
    await submit(crypto.randomUUID());
    await store.settle();
    const requests = await counted(async () => {
      await submit(crypto.randomUUID());
      await store.settle();
    });
    expect(requests.length).toBeLessThanOrEqual(4);
    expect(requests).toEqual([
      { operation: 'batch', container: 'records' },
      { operation: 'patch', container: 'rollups' },
      { operation: 'patch', container: 'rollups' },
      { operation: 'delete', container: 'records' },
    ]);
    // Which of them the answer waits for is shown in submitWriteBehind.test.ts: it comes while the last three are held.
  });

  it('reads nothing on a submit: the plan, preferences and conversation come from the caches, the membership from the form\'s turn (proven in the batch)', async () => {
    const requests = await counted(() => submit(crypto.randomUUID()));
    expect(requests.filter((r) => r.operation === 'read' || r.operation === 'query')).toEqual([]);
    expect(requests.filter((r) => ['plans', 'conversations'].includes(r.container))).toEqual([]);
  });

  it('stores one record and one audit entry when Teams retries the same submit, in 2 round trips and no rollup write', async () => {
    const submissionId = crypto.randomUUID();
    await submit(submissionId, '12');
    await store.settle();
    const requests = await counted(async () => {
      await submit(submissionId, '99');
      await store.settle();
    });
    // The batch fails on the stored record (no marker stored either), which is read and returned.
    expect(requests).toEqual([
      { operation: 'batch', container: 'records' },
      { operation: 'read', container: 'records' },
    ]);
    const id = `attendance-${submissionId}`;
    expect((await harness.repos.records.get(PLAN, id))?.record).toMatchObject({ headcount: 12 });
    expect((await harness.repos.audit.listForRecord(PLAN, id)).map((e) => e.action)).toEqual(['create']);
  });
});

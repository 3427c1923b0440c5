import { cardVerbs } from '../../src/cards/verbs';
import { rollupsFromRecords } from '../../src/domain/status/rollups';
import type { CosmosStore } from '../../src/store/cosmos/connect';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { repairRollups } from '../../src/usecases/repairRollups';
import { users, type TestUser } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, textsOf } from '../support/botHarness';
import { HeldRequests, openCountingStore, type CountedRequest, type RequestCounter } from '../support/countingStore';

const PLAN = 'husum-tingbjerg-2024-2028';
const everything = { from: '0000-01-01', to: '9999-12-31' };
/** What a saved record leaves to do after its answer: the summary increments and the marker's removal. */
const afterTheAnswer = (r: CountedRequest) => (r.operation === 'patch' && r.container === 'rollups') || r.operation === 'delete';

/**
 * A card submit answers once its record, audit entry and rollup change marker are stored (one
 * transactional batch); the summary increments and the marker's removal follow. Shown over HTTP
 * with the real SDK and the embedded server, by holding those requests on their way to the
 * database: the answer comes while they are held; failed, the marker is left for the repair.
 */
describe('a card submit answers before its rollups are written', () => {
  jest.setTimeout(90_000);
  const harness = new BotHarness();
  let store: CosmosStore;
  let counter: RequestCounter;

  beforeAll(async () => {
    ({ store, counter } = await openCountingStore());
    await harness.start(undefined, store);
  });
  afterEach(() => {
    // A test that failed half way must not leave requests held for ever (stopping waits for them).
    counter.hold?.release();
    counter.hold = undefined;
  });
  afterAll(async () => {
    await harness.stop();
    await store.close();
  });

  const openForm = async (user: TestUser) => {
    const form = executeDataOf(cardOf((await harness.say(user, 'log fremmøde'))[0]), cardVerbs.saveAttendance);
    await harness.grantsWritten();
    return form;
  };
  const save = async (user: TestUser, form: Record<string, unknown>, activityId: string, headcount = '12') => {
    const res = await harness.execute(user, cardVerbs.saveAttendance, { ...form, activityId, date: '2025-06-10', headcount });
    expect(textsOf(res.body?.value)[0]).toBe('✅ Fremmøde gemt');
    return `attendance-${String(form.submissionId)}`;
  };
  const submit = async (user: TestUser, activityId: string, headcount = '12') => save(user, await openForm(user), activityId, headcount);
  const markersInRecords = async () =>
    (await store.database.container(containerDefinitions.records.id).items.query({ query: "SELECT c.id FROM c WHERE c.planId = @plan AND c.type = 'rollupChange'", parameters: [{ name: '@plan', value: PLAN }] }).fetchAll()).resources;
  const sessions = async (activityId: string) => (await harness.repos.rollups.inRange(PLAN, '2025-06', '2025-06')).find((r) => r.scope === `activity:${activityId}`)?.counters.sessions ?? 0;
  const exact = async () => {
    const records = (await Promise.all((['attendance', 'meeting', 'referral', 'outcome', 'assessment'] as const).map((t) => harness.repos.records.listInRange(PLAN, t, everything)))).flat();
    const recomputed = [...rollupsFromRecords(PLAN, records).values()].sort((a, b) => a.id.localeCompare(b.id));
    expect((await harness.repos.rollups.inRange(PLAN, '0000-00', '9999-99')).sort((a, b) => a.id.localeCompare(b.id))).toEqual(recomputed);
  };

  it('answers while the increments and the marker removal are held, with the marker stored in the record\'s batch; once they are sent the figures count it and the marker is gone', async () => {
    await submit(users.alex, 'din-fritid'); // the month's summary documents exist from here on
    const before = await sessions('din-fritid');
    const held = new HeldRequests(afterTheAnswer);
    counter.hold = held;
    const form = await openForm(users.alex);
    counter.reset();
    counter.enabled = true;
    const id = await save(users.alex, form, 'din-fritid');
    counter.enabled = false;
    // Answered: the record is stored, and so is its marker, beside it in the plan's partition.
    expect((await harness.repos.records.get(PLAN, id))?.record).toMatchObject({ headcount: 12 });
    expect(await markersInRecords()).toHaveLength(1);
    // One: the batch proves the membership read for the form (rememberedMembershipSubmit.test.ts).
    expect(counter.requests.filter((r) => !afterTheAnswer(r))).toEqual([{ operation: 'batch', container: 'records' }]);
    held.release();
    await store.settle();
    expect(await sessions('din-fritid')).toBe(before + 1);
    expect(await markersInRecords()).toEqual([]);
    expect(await harness.repos.rollups.openChanges(PLAN)).toEqual([]);
  });

  it('leaves the marker when the increments fail after the answer (the process or the database gone), and the repair uses it to make the figures exact', async () => {
    const held = new HeldRequests(afterTheAnswer);
    counter.hold = held;
    const id = await submit(users.alex, 'legestue-tingbjerg', '7');
    held.fail();
    await store.settle();
    counter.hold = undefined;
    expect((await harness.repos.records.get(PLAN, id))?.record).toMatchObject({ headcount: 7 });
    expect(await markersInRecords()).toHaveLength(1);
    expect(await sessions('legestue-tingbjerg')).toBe(0);

    const report = await repairRollups(harness.repos, PLAN, new Date(Date.now() + 5 * 60_000));
    expect(report.repaired).toBe(1);
    expect(await sessions('legestue-tingbjerg')).toBe(1);
    await exact();
    expect(await markersInRecords()).toEqual([]);
  });

  it('counts a session in the status asked for right after its save, while its increments are still under way', async () => {
    const before = textsOf(cardOf((await harness.say(users.alex, 'status legepatrulje'))[0]));
    expect(before).toContain('Gange logget: 0');
    // The increments are held until the status turn is reading: a status that did not wait for them would miss the session.
    let statusAsked = false;
    const held: HeldRequests = new HeldRequests((r) => {
      if (statusAsked && (r.container === 'plans' || r.container === 'reminders')) held.release();
      return afterTheAnswer(r);
    });
    counter.hold = held;
    await submit(users.alex, 'legepatrulje', '15');
    statusAsked = true;
    // Should a later status read nothing outside the rollups, they are let go after a while instead of never.
    const fallback = setTimeout(() => held.release(), 2_000);
    const texts = textsOf(cardOf((await harness.say(users.alex, 'status legepatrulje'))[0]));
    clearTimeout(fallback);
    expect(held.held.length).toBeGreaterThan(0);
    expect(texts).toEqual(expect.arrayContaining(['Gange logget: 1', 'Gns. fremmøde: 15']));
  });

  it('counts both of two submits sent at once while their increments are held, and leaves no marker', async () => {
    const before = await sessions('legepatrulje');
    // (Forms are opened one after another: replies are read back per conversation.)
    const forms = [await openForm(users.alex), await openForm(users.megan)];
    const held = new HeldRequests(afterTheAnswer);
    counter.hold = held;
    await Promise.all([save(users.alex, forms[0]!, 'legepatrulje'), save(users.megan, forms[1]!, 'legepatrulje')]);
    expect(await markersInRecords()).toHaveLength(2);
    held.release();
    await store.settle();
    expect(await sessions('legepatrulje')).toBe(before + 2);
    await exact();
    expect(await markersInRecords()).toEqual([]);
  });
});

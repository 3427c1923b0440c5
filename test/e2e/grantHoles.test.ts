import { cardVerbs } from '../../src/cards/verbs';
import { peopleOfPlan, type Person } from '../../src/domain/people/person';
import type { CosmosStore } from '../../src/store/cosmos/connect';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf } from '../support/botHarness';
import { HeldRequests, openCountingStore, type CountedRequest, type RequestCounter } from '../support/countingStore';

const PLAN = 'husum-tingbjerg-2024-2028';

/**
 * Found by a review of the first version of membership grants: ways a grant of an old membership
 * version could outlive the removal that made it old, so that a removed member's submit would be
 * stored. Each fault is injected with HeldRequests (a request held, then sent or failed as if the
 * database went away), nothing mocked.
 */
describe('a removed member cannot save on a membership version whose grant outlived the removal', () => {
  jest.setTimeout(60_000);
  let harness: BotHarness;
  let store: CosmosStore;
  let counter: RequestCounter;
  let people: Person[];

  beforeEach(async () => {
    ({ store, counter } = await openCountingStore());
    harness = await new BotHarness().start(undefined, store);
    people = peopleOfPlan((await harness.repos.plans.get(PLAN))!.plan).map((p) => (p.email === users.alex.email ? { ...p, aadObjectId: users.alex.aadObjectId } : p));
  });
  afterEach(async () => {
    counter.hold?.release();
    counter.hold = undefined;
    await harness.stop();
    await store.close();
  });

  const formOf = async (res: Promise<unknown[]>) => executeDataOf(cardOf((await res)[0] as never), cardVerbs.saveAttendance);
  const submit = (form: Record<string, unknown>, submissionId = crypto.randomUUID()) =>
    harness.execute(users.alex, cardVerbs.saveAttendance, { ...form, submissionId, activityId: 'legepatrulje', date: '2025-06-10', headcount: '12' }).then((res) => ({ res, submissionId }));
  const stored = async (submissionId: string) => (await store.repositories.records.get(PLAN, `attendance-${submissionId}`))?.record;
  const withoutAlex = () => people.filter((p) => p.aadObjectId !== users.alex.aadObjectId);
  const grantsOfAlex = async () =>
    (
      await store.database
        .container(containerDefinitions.records.id)
        .items.query<{ id: string }>({ query: "SELECT c.id FROM c WHERE c.type = 'membershipGrant' AND c.aadObjectId = @a", parameters: [{ name: '@a', value: users.alex.aadObjectId }] })
        .fetchAll()
    ).resources;

  it('a grant whose check read failed is not trusted: removal completes, then the delayed grant lands and its second read fails', async () => {
    // The form's turn reads Alex's membership (v1); its grant is written after the turn. That
    // create is slow (held) and lands only after the removal below has completed.
    const grantCreate = new HeldRequests((r: CountedRequest) => r.operation === 'create' && r.container === 'records');
    counter.hold = grantCreate;
    const form = await formOf(harness.say(users.alex, 'log fremmøde'));
    await grantCreate.holding(1);

    // Another instance removes Alex; replaceForPlan returns: the removal is complete.
    await store.repositories.memberships.replaceForPlan(PLAN, withoutAlex());
    expect(await store.repositories.memberships.forUser(users.alex.aadObjectId)).toEqual([]);

    // The grant create lands; its check (a read of the membership) fails once, as a transient
    // database error would. The version is not made provable here, and what was written is deleted.
    const checkRead = new HeldRequests((r: CountedRequest) => r.operation === 'read' && r.container === 'members');
    counter.hold = checkRead;
    grantCreate.release();
    await checkRead.holding(1);
    checkRead.fail();
    await harness.grantsWritten();
    counter.hold = undefined;
    expect(await grantsOfAlex()).toEqual([]);

    const { res, submissionId } = await submit(form);
    expect(await stored(submissionId)).toBeUndefined();
    expect(res.body?.type).not.toBe('application/vnd.microsoft.card.adaptive');
  });

  it('a removal whose grant revocation failed is mended by running the same removal again', async () => {
    const form = await formOf(harness.say(users.alex, 'log fremmøde'));
    await harness.grantsWritten();
    // This window's and the next.
    expect(await grantsOfAlex()).toHaveLength(2);

    // Removal on another instance: the membership is deleted, then the query of grants fails
    // (database error, or the process dies here). replaceForPlan throws.
    const revokeQuery = new HeldRequests((r: CountedRequest) => r.operation === 'query' && r.container === 'records');
    counter.hold = revokeQuery;
    const removal = store.repositories.memberships.replaceForPlan(PLAN, withoutAlex());
    await revokeQuery.holding(1);
    revokeQuery.fail();
    await expect(removal).rejects.toThrow();
    counter.hold = undefined;

    // Run again (a retried import, the next roster change): it succeeds, and the removal is complete.
    await store.repositories.memberships.replaceForPlan(PLAN, withoutAlex());
    expect(await store.repositories.memberships.forUser(users.alex.aadObjectId)).toEqual([]);

    const { res, submissionId } = await submit(form);
    expect(await stored(submissionId)).toBeUndefined();
    expect(res.body?.type).not.toBe('application/vnd.microsoft.card.adaptive');
    expect(await grantsOfAlex()).toEqual([]);
  });

  it('keeps a single-batch submit for a member whose new version was granted while a change revoked their grants', async () => {
    await harness.say(users.alex, 'hjælp');
    await harness.grantsWritten();
    // A harmless change on another instance; its revocation (the query of grants) is slow.
    const revokeQuery = new HeldRequests((r: CountedRequest) => r.operation === 'query' && r.container === 'records');
    counter.hold = revokeQuery;
    const change = store.repositories.memberships.replaceForPlan(PLAN, people.map((p) => (p.aadObjectId === users.alex.aadObjectId ? { ...p, name: 'Alex W.' } : p)));
    await revokeQuery.holding(1);
    counter.hold = undefined;
    // Meanwhile this instance reads the new version and grants it (created, checked, kept).
    const form = await formOf(harness.say(users.alex, 'log fremmøde'));
    await harness.grantsWritten();
    revokeQuery.release();
    await change;
    // The revocation deleted the new version's grant too; this instance never writes it again.
    await submit(form);
    await store.settle();
    counter.reset();
    counter.enabled = true;
    await submit(form);
    await store.settle();
    counter.enabled = false;
    expect(counter.requests.filter((r) => r.operation === 'batch' && r.container === 'records')).toHaveLength(1);
  });
});

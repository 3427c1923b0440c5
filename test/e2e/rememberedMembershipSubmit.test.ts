import { cardVerbs } from '../../src/cards/verbs';
import { peopleOfPlan, type Person } from '../../src/domain/people/person';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import type { CosmosStore } from '../../src/store/cosmos/connect';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf } from '../support/botHarness';
import { HeldRequests, openCountingStore, type CountedRequest, type RequestCounter } from '../support/countingStore';

const PLAN = 'husum-tingbjerg-2024-2028';

/**
 * A card submit acts on the membership the bot read when it drew the form, and proves it inside
 * its own batch (store/cosmos/membershipGrants.ts). Another instance, the bare repositories on
 * the same database, changes the membership in between: the change must hold at once.
 */
describe('a submit on the membership remembered from the form’s turn', () => {
  jest.setTimeout(60_000);
  let harness: BotHarness;
  let store: CosmosStore;
  let counter: RequestCounter;
  let people: Person[];

  beforeEach(async () => {
    ({ store, counter } = await openCountingStore());
    harness = await new BotHarness().start(undefined, store);
    // Alex is named by e-mail in the plan; his first turn gave the membership his object id.
    people = peopleOfPlan((await harness.repos.plans.get(PLAN))!.plan).map((p) => (p.email === users.alex.email ? { ...p, aadObjectId: users.alex.aadObjectId } : p));
  });
  afterEach(async () => {
    // A test that failed half way must not leave requests held for ever (stopping waits for them).
    counter.hold?.release();
    counter.hold = undefined;
    await harness.stop();
    await store.close();
  });

  const drawForm = async () => {
    const form = executeDataOf(cardOf((await harness.say(users.alex, 'log fremmøde'))[0]), cardVerbs.saveAttendance);
    // The version read for the form is made provable after that turn.
    await harness.grantsWritten();
    return form;
  };
  const submit = (form: Record<string, unknown>, submissionId = crypto.randomUUID()) =>
    harness.execute(users.alex, cardVerbs.saveAttendance, { ...form, submissionId, activityId: 'legepatrulje', date: '2025-06-10', headcount: '12' }).then((res) => ({ res, submissionId }));
  const stored = async (submissionId: string) => (await store.repositories.records.get(PLAN, `attendance-${submissionId}`))?.record;
  const elsewhere = (change: (p: Person) => Person | undefined) =>
    store.repositories.memberships.replaceForPlan(
      PLAN,
      people.flatMap((p) => (p.aadObjectId === users.alex.aadObjectId ? (change(p) ?? []) : [p])),
    );
  const counted = async <T>(action: () => Promise<T>) => {
    counter.reset();
    counter.enabled = true;
    const out = await action();
    await store.settle();
    counter.enabled = false;
    return { out, requests: counter.requests.map((r) => `${r.operation} ${r.container}`) };
  };

  it('is answered after one round trip, the batch that stores the record and proves the membership', async () => {
    const form = await drawForm();
    // The month's first session creates its summary documents; the claim is for the ones after.
    await submit(form);
    await store.settle();
    const { out, requests } = await counted(() => submit(form));
    expect(out.res.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await stored(out.submissionId)).toMatchObject({ headcount: 12, loggedBy: 'alex-wilber' });
    expect(requests).toEqual(['batch records', 'patch rollups', 'patch rollups', 'delete records']);
  });

  it('refuses a member taken out of the plan on another instance after the form was drawn, and stores nothing', async () => {
    const form = await drawForm();
    await elsewhere(() => undefined);
    expect(await store.repositories.memberships.forUser(users.alex.aadObjectId)).toEqual([]);
    const { res, submissionId } = await submit(form);
    expect(JSON.stringify(res.body)).toContain('ikke');
    expect(res.body?.type).not.toBe('application/vnd.microsoft.card.adaptive');
    expect(await stored(submissionId)).toBeUndefined();
  });

  it('refuses a member whose logging role was taken away on another instance, and stores nothing', async () => {
    const form = await drawForm();
    await elsewhere((p) => ({ ...p, roles: ['admin'] }));
    expect((await store.repositories.memberships.forUser(users.alex.aadObjectId))[0]?.roles).toEqual(['admin']);
    const { res, submissionId } = await submit(form);
    expect(res.body?.type).not.toBe('application/vnd.microsoft.card.adaptive');
    expect(await stored(submissionId)).toBeUndefined();
  });

  it('saves, on a fresh read, for a member whose membership changed elsewhere in a way that keeps the right', async () => {
    const form = await drawForm();
    await elsewhere((p) => ({ ...p, name: 'Alex W.' }));
    const { out, requests } = await counted(() => submit(form));
    expect(out.res.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await stored(out.submissionId)).toMatchObject({ headcount: 12 });
    // The proof fails and stores nothing; the membership is read, and the record stored by a second batch.
    expect(requests[0]).toBe('batch records');
    expect(requests.filter((r) => r === 'batch records')).toHaveLength(2);
    expect(requests).toContain('read members');
  });

  it('saves, on a fresh read, when the membership has no grant (stored before grants existed)', async () => {
    const form = await drawForm();
    const records = store.database.container(containerDefinitions.records.id);
    const { resources } = await records.items.query<{ id: string }>({ query: "SELECT c.id FROM c WHERE c.type = 'membershipGrant'" }).fetchAll();
    expect(resources.length).toBeGreaterThan(0);
    for (const grant of resources) await records.item(grant.id, PLAN).delete();
    const { out } = await counted(() => submit(form));
    expect(await stored(out.submissionId)).toMatchObject({ headcount: 12 });
  });

  it('stores a retried submit once, whichever way its membership was read', async () => {
    const form = await drawForm();
    const { submissionId } = await submit(form);
    await elsewhere((p) => ({ ...p, name: 'Alex W.' }));
    const again = await submit(form, submissionId);
    expect(again.res.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await store.repositories.audit.listForRecord(PLAN, `attendance-${submissionId}`)).map((e) => e.action)).toEqual(['create']);
  });

  /**
   * Faults injected on the way to the database (HeldRequests: a request held, then sent or failed
   * as if the database went away), found by a review of the first version of grants: ways a grant
   * of an old version could have outlived the removal that made it old.
   */
  describe('when the database fails part way', () => {
    const formOf = async (res: Promise<unknown[]>) => executeDataOf(cardOf((await res)[0] as never), cardVerbs.saveAttendance);
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
      await elsewhere(() => undefined);
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
      const removal = elsewhere(() => undefined);
      await revokeQuery.holding(1);
      revokeQuery.fail();
      await expect(removal).rejects.toThrow();
      counter.hold = undefined;

      // Run again (a retried import, the next roster change): it succeeds, and the removal is complete.
      await elsewhere(() => undefined);
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
      const change = elsewhere((p) => ({ ...p, name: 'Alex W.' }));
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
});

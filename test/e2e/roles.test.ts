import { cardVerbs } from '../../src/cards/verbs';
import { users, type TestUser } from '../support/activities';
import { BotHarness, cardOf, executeDataOf } from '../support/botHarness';

/**
 * Roles come from the plan file and are checked on the server for every message and invoke,
 * whatever a card shows. Demo roles: Alex member+coordinator+leader, Megan member,
 * Adele member+coordinator, Isaiah admin only.
 */
describe('roles enforced on the server', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const planId = 'husum-tingbjerg-2024-2028';

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function everything() {
    const range = { from: '2024-01-01', to: '2028-12-31' };
    return [...(await harness.repos.records.listInRange(planId, 'attendance', range)), ...(await harness.repos.records.listInRange(planId, 'referral', range))];
  }

  /** A valid payload for each save verb, taken from a card drawn for someone allowed. */
  async function validPayload(verb: string) {
    if (verb === cardVerbs.saveAttendance) {
      const data = executeDataOf(cardOf((await harness.say(users.alex, 'log fremmøde'))[0]), verb);
      return { ...data, activityId: 'legepatrulje', date: '2025-06-10', headcount: '12' };
    }
    const data = executeDataOf(cardOf((await harness.say(users.alex, 'log henvisning'))[0]), verb);
    return { ...data, from: 'activity:din-fritid', to: 'offer:forening', ageBand: '6-12', consentBasis: 'anonymous', date: '2025-06-10' };
  }

  const refusal = /^Det har du ikke adgang til: .+ kræver rollen .+ i planen\. Intet er ændret\./;

  describe.each<[string, string, TestUser[]]>([
    ['log fremmøde', 'at logge fremmøde', [users.isaiah]],
    ['log henvisning', 'at logge henvisninger', [users.isaiah]],
    ['mine henvisninger', 'at logge henvisninger', [users.isaiah]],
    ['status', 'at se status', [users.megan, users.isaiah]],
  ])('the command "%s"', (command, actionName, wrongUsers) => {
    it.each(wrongUsers.map((u) => [u.name, u] as const))('is refused in Danish for %s, and nothing is stored', async (_name, user) => {
      const before = await everything();
      const [reply] = await harness.say(user, command);
      expect(reply!.text).toMatch(refusal);
      expect(reply!.text).toContain(actionName);
      expect(await everything()).toEqual(before);
    });
  });

  describe.each([cardVerbs.saveAttendance, cardVerbs.saveReferral])('the card action %s', (verb) => {
    it('is refused for an admin-only user even with a valid forged card, and nothing is stored', async () => {
      const payload = await validPayload(verb);
      const before = await everything();
      const res = await harness.execute(users.isaiah, verb, payload);
      expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(refusal) });
      expect(await everything()).toEqual(before);
    });

    it('is refused for someone in no plan, and nothing is stored', async () => {
      const payload = await validPayload(verb);
      const before = await everything();
      const res = await harness.execute(users.outsider, verb, payload);
      expect(res.body).toMatchObject({ value: expect.stringMatching(/^Du er ikke med i nogen boligsocial helhedsplan/) });
      expect(await everything()).toEqual(before);
    });
  });

  it('refuses the status card action for a member, as it refuses the command', async () => {
    const res = await harness.execute(users.megan, cardVerbs.showStatus, {});
    expect(res.body).toMatchObject({ value: expect.stringMatching(/kræver rollen tovholder eller leder i planen/) });
  });
});

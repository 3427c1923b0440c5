import { cardVerbs } from '../../src/cards/verbs';
import { calendarYear } from '../../src/domain/calendar';
import type { ReferralRecord } from '../../src/domain/records/referral';
import { planStatus } from '../../src/domain/status/planStatus';
import { rollupsFromRecords } from '../../src/domain/status/rollups';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf } from '../support/botHarness';

/**
 * Person codes are kept 24 months (the plan's setting); then the job strips them and keeps the
 * counts. The clock stands at 20 November 2026, so the cutoff is 20 November 2024.
 */
describe('the retention job for person codes', () => {
  const harness = new BotHarness('2026-11-20T09:00:00+01:00');
  const planId = 'husum-tingbjerg-2024-2028';
  const range = { from: '2024-01-01', to: '2028-12-31' };

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function logSession(date: string, headcount: string, participantCodes: string) {
    const data = executeDataOf(cardOf((await harness.say(users.alex, 'log fremmøde'))[0]), cardVerbs.saveAttendance);
    await harness.execute(users.alex, cardVerbs.saveAttendance, { ...data, activityId: 'legepatrulje', date, headcount, participantCodes });
  }
  async function logReferral(date: string, personCode: string) {
    const data = executeDataOf(cardOf((await harness.say(users.alex, 'log henvisning'))[0]), cardVerbs.saveReferral);
    await harness.execute(users.alex, cardVerbs.saveReferral, { ...data, from: 'activity:din-fritid', to: 'offer:forening', ageBand: '6-12', consentBasis: 'consent', date, personCode });
  }

  it('strips codes from records older than 24 months, keeps newer ones, and leaves every count unchanged', async () => {
    await logSession('2024-10-02', '12', 'KB17 MH22 AB33');
    await logSession('2024-11-19', '9', 'KB17');
    await logSession('2024-11-20', '11', 'KB17 MH22'); // on the cutoff: kept
    await logReferral('2024-09-15', 'CD44');
    await logReferral('2025-02-01', 'EF55');

    const plan = (await harness.repos.plans.get(planId))!.plan;
    // Every figure but those counted from the codes themselves (unique and repeat participants).
    const statusOf = async (year: number) => {
      const rollups = [...rollupsFromRecords(planId, await harness.repos.records.listInRange(planId, 'attendance', calendarYear(year))).values()];
      const status = planStatus({ plan, scope: { kind: 'plan' }, period: calendarYear(year), today: '2026-11-20', rollups });
      return status.targets.filter((t) => t.target.kind !== 'uniquePeople' && t.target.kind !== 'repeatParticipation').map((t) => [t.key, t.actual, t.judgement]);
    };
    const before = { status: await statusOf(2024), sessions: await harness.repos.records.listInRange(planId, 'attendance', range), referrals: await harness.repos.records.listInRange(planId, 'referral', range) };

    const [reply] = await harness.say(users.isaiah, 'slet gamle koder');
    expect(reply!.text).toBe('Deltagerkoder er fjernet fra 3 registrering(er) dateret før 20.11.2024. Antal, datoer og forløb er bevaret.');

    const sessions = await harness.repos.records.listInRange(planId, 'attendance', range);
    const byDate = Object.fromEntries(sessions.map((s) => [s.date, s]));
    expect(byDate['2024-10-02']).not.toHaveProperty('participantCodes');
    expect(byDate['2024-10-02']).toMatchObject({ headcount: 12, participantCodesStripped: 3 });
    expect(byDate['2024-11-19']).not.toHaveProperty('participantCodes');
    expect(byDate['2024-11-20']!.participantCodes).toEqual(['KB17', 'MH22']);
    const referrals = await harness.repos.records.listInRange(planId, 'referral', range);
    expect(referrals.find((r) => r.date === '2024-09-15')).not.toHaveProperty('personCode');
    expect(referrals.find((r) => r.date === '2025-02-01')!.personCode).toBe('EF55');

    // The counts the plan is measured on are the same before and after.
    expect(await statusOf(2024)).toEqual(before.status);
    expect(sessions.map((s) => [s.id, s.headcount, s.date]).sort()).toEqual(before.sessions.map((s) => [s.id, s.headcount, s.date]).sort());
    const path = (r: ReferralRecord) => [r.id, r.status, r.date, r.followUpDate, r.history.length];
    expect(referrals.map(path).sort()).toEqual(before.referrals.map(path).sort());

    // Running it again finds nothing more to do.
    const [again] = await harness.say(users.isaiah, 'slet gamle koder');
    expect(again!.text).toMatch(/^Deltagerkoder er fjernet fra 0 registrering/);
    const audit = await harness.repos.audit.listForRecord(planId, byDate['2024-10-02']!.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'stripPersonCodes']);
  });

  it('may only be run by an admin', async () => {
    const [reply] = await harness.say(users.alex, 'slet gamle koder');
    expect(reply!.text).toMatch(/^Det har du ikke adgang til: at slette gamle deltagerkoder kræver rollen administrator/);
  });

  it('runs every morning from the scheduler, which strips what has aged past the cutoff since', async () => {
    await logSession('2024-11-25', '7', 'KB17 ZZ99');
    harness.clock.set('2026-11-26T08:00:00+01:00');
    const report = await harness.tick();
    expect(report.retention).toEqual([{ kind: 'done', planId, cutoff: '2024-11-26', stripped: 2, skipped: 0 }]);
    const again = await harness.tick();
    expect(again.retention).toEqual([]);
  });
});

import type { AttendanceRecord } from '../../../src/domain/attendance/attendance';
import type { Plan, Target } from '../../../src/domain/plan/schema';
import type { MeetingRecord } from '../../../src/domain/records/meeting';
import type { ReferralRecord, ReferralStatus } from '../../../src/domain/records/referral';
import { indicatorJudgement, planStatus, type StatusScope, type TargetStatus } from '../../../src/domain/status/planStatus';
import { rollupsFromRecords } from '../../../src/domain/status/rollups';
import { loadDemoPlan, loadPlanFile, planFiles } from '../../fixtures/plans';

/**
 * The arithmetic of every target kind, against figures worked out by hand from the demo plans' own
 * targets: Husum-Tingbjerg's, and the tryghedsplan's for its 2024 deliverables (Husum-Tingbjerg
 * carries those for 2024 only). Records go through the rollups exactly as the app's writes do.
 */
const plan = loadDemoPlan();
const tryghed = loadPlanFile(planFiles.tryghedsplan);
const husumNord = loadPlanFile(planFiles.husumNord);
const year2024 = { from: '2024-01-01', to: '2024-12-31' };
let n = 0;
const session = (activityId: string, date: string, headcount: number, extra: Partial<AttendanceRecord> = {}): AttendanceRecord => ({ id: `s${n++}`, planId: plan.id, type: 'attendance', activityId, date, headcount, loggedBy: 'alex-wilber', loggedAt: `${date}T18:00:00Z`, ...extra });
const meeting = (networkId: string, date: string, organisations: string[] = []): MeetingRecord => ({ id: `m${n++}`, planId: plan.id, type: 'meeting', networkId, date, participants: [], organisations, othersCount: 0, followUps: [], loggedBy: 'alex-wilber', loggedAt: `${date}T18:00:00Z` });
const referral = (activityId: string, offerId: string, steps: [ReferralStatus, string][]): ReferralRecord => ({
  id: `r${n++}`, planId: plan.id, type: 'referral', from: { activityId }, to: { offerId }, ageBand: '6-12', consentBasis: 'consent', date: steps[0]![1], status: steps[steps.length - 1]![0],
  history: steps.map(([status, date]) => ({ status, date, by: 'alex-wilber' })), followUpDate: '2026-01-01', loggedBy: 'alex-wilber', loggedAt: `${steps[0]![1]}T10:00:00Z`,
});

function statusOf(records: (AttendanceRecord | MeetingRecord | ReferralRecord)[], today: string, scope: StatusScope = { kind: 'plan' }, period = { from: '2025-01-01', to: '2025-12-31' }, p: Plan = plan) {
  return planStatus({ plan: p, scope, period, today, rollups: [...rollupsFromRecords(p.id, records).values()] });
}
const target = (targets: TargetStatus[], activityId: string, targetId: string) => {
  const t = targets.find((x) => x.holder.id === activityId && x.target.id === targetId);
  if (!t) throw new Error(`no target ${activityId}/${targetId}`);
  return t;
};

describe('status arithmetic for every target kind', () => {
  it('averageAttendance: Legepatrulje "i gennemsnit 15 børn pr. gang" averages 2025 only: (12+15+21)/3 = 16, on track', () => {
    const s = statusOf([session('legepatrulje', '2025-04-02', 12), session('legepatrulje', '2025-04-09', 15), session('legepatrulje', '2025-04-16', 21), session('legepatrulje', '2024-09-25', 40)], '2025-04-28');
    const t = target(s.targets, 'legepatrulje', s.targets.find((x) => x.target.kind === 'averageAttendance' && x.holder.id === 'legepatrulje')!.target.id);
    expect([t.actual, t.judgement]).toEqual([16, 'onTrack']);
  });

  it('sessionsPerWeek: Legepatrulje\'s season starts 1 April, so by 28 April (4 weeks) 3 sessions are 0.8 a week, behind "én gang om ugen"', () => {
    const s = statusOf([session('legepatrulje', '2025-03-20', 9), session('legepatrulje', '2025-04-02', 12), session('legepatrulje', '2025-04-09', 15), session('legepatrulje', '2025-04-16', 21)], '2025-04-28');
    const t = s.targets.find((x) => x.holder.id === 'legepatrulje' && x.target.kind === 'sessionsPerWeek')!;
    expect([t.actual, t.judgement]).toEqual([0.8, 'behind']);
  });

  it('count of events of one kind: the tryghedsplan\'s "2 gange Feriecamp" counts Feriecamp sessions only; by 1 July one is on track, and a quarter\'s target is scaled to 0.5', () => {
    const records = [session('din-fritid', '2024-02-10', 80, { sessionKind: 'feriecamp' }), session('din-fritid', '2024-06-20', 300, { sessionKind: 'festival' }), session('din-fritid', '2024-03-05', 12)];
    const year = target(statusOf(records, '2024-07-01', { kind: 'plan' }, year2024, tryghed).targets, 'din-fritid', 'feriecamps');
    expect([year.actual, year.goal, year.judgement]).toEqual([1, { min: 2 }, 'onTrack']);
    const q1 = target(statusOf(records, '2024-07-01', { kind: 'activity', id: 'din-fritid' }, { from: '2024-01-01', to: '2024-03-31' }, tryghed).targets, 'din-fritid', 'feriecamps');
    expect([q1.actual, q1.goal, q1.judgement]).toEqual([1, { min: 0.5 }, 'onTrack']);
    // The festival is its own target: the Feriecamp and the ordinary session do not count for it.
    expect(target(statusOf(records, '2024-07-01', { kind: 'plan' }, year2024, tryghed).targets, 'din-fritid', 'festival').actual).toBe(1);
  });

  it('a carried one-year figure is "ikke aktiv" after its year: Husum-Tingbjerg\'s Feriecamps are the tryghedsplan\'s 2024 deliverable', () => {
    const records = [session('din-fritid', '2025-07-10', 40, { sessionKind: 'feriecamp' })];
    expect(target(statusOf(records, '2025-12-31').targets, 'din-fritid', 'feriecamps').judgement).toBe('inactive');
  });

  it('count at the year\'s edges: a session on 31 December belongs to that year, not the next', () => {
    const records = [session('kompetenceudvikling-og-kurser', '2025-12-31', 8), session('kompetenceudvikling-og-kurser', '2026-01-01', 9)];
    const y2025 = target(statusOf(records, '2026-01-05').targets, 'kompetenceudvikling-og-kurser', 'undervisningsgange');
    const y2026 = target(statusOf(records, '2026-01-05', { kind: 'plan' }, { from: '2026-01-01', to: '2026-12-31' }).targets, 'kompetenceudvikling-og-kurser', 'undervisningsgange');
    expect([y2025.actual, y2026.actual]).toEqual([1, 1]);
    // 2 hold á 20 = 40 in 2025, all of the year passed: 1 is behind.
    expect(y2025.judgement).toBe('behind');
  });

  it('count in a leap year: a session on 29 February 2028 is in February and in the plan\'s last year', () => {
    const s = statusOf([session('kompetenceudvikling-og-kurser', '2028-02-29', 10)], '2028-03-01', { kind: 'plan' }, { from: '2028-02-01', to: '2028-02-29' });
    expect(target(s.targets, 'kompetenceudvikling-og-kurser', 'undervisningsgange').actual).toBe(1);
  });

  it('count across summer time: sessions on 30 March and 26 October, the days the clocks change, count in their own quarter', () => {
    const records = [session('kompetenceudvikling-og-kurser', '2025-03-30', 8), session('kompetenceudvikling-og-kurser', '2025-03-31', 8), session('kompetenceudvikling-og-kurser', '2025-10-26', 9)];
    const q = (from: string, to: string) => target(statusOf(records, '2025-12-31', { kind: 'plan' }, { from, to }).targets, 'kompetenceudvikling-og-kurser', 'undervisningsgange').actual;
    expect([q('2025-01-01', '2025-03-31'), q('2025-04-01', '2025-06-30'), q('2025-10-01', '2025-12-31')]).toEqual([2, undefined, 1]);
    // "siden 30. marts" starts on the day itself.
    expect(q('2025-03-30', '2025-03-30')).toBe(1);
  });

  it('count of new participants: "minimum 40 nye lommepengejobbere" sums the new ones (42), not the headcount (45)', () => {
    const s = statusOf([session('lommepenge-og-fritidsjob', '2024-03-01', 20, { newParticipants: 12 }), session('lommepenge-og-fritidsjob', '2024-09-01', 25, { newParticipants: 30 })], '2024-12-31', { kind: 'plan' }, year2024, tryghed);
    const t = target(s.targets, 'lommepenge-og-fritidsjob', 'nye-lommepengejobbere');
    expect([t.actual, t.judgement]).toEqual([42, 'onTrack']); // met, with the whole year passed
  });

  it('uniquePeople per month, averaged: Videnshuset\'s "100 unikke beboere om måneden i gennemsnit" de-duplicates codes within each month', () => {
    const codes = (from: number, count: number) => Array.from({ length: count }, (_, i) => `VH${from + i}`);
    const s = statusOf(
      [
        session('videnshuset', '2024-01-08', 60, { participantCodes: codes(10, 60) }),
        session('videnshuset', '2024-01-22', 70, { participantCodes: codes(40, 70) }), // 30 seen before: 100 unique in January
        session('videnshuset', '2024-02-05', 90, { participantCodes: codes(10, 90) }), // 90 in February
      ],
      '2024-02-29',
      { kind: 'plan' },
      year2024,
      tryghed,
    );
    const t = target(s.targets, 'videnshuset', 'unikke-beboere-pr-maaned');
    expect([t.actual, t.judgement]).toEqual([95, 'behind']);
  });

  it('uniquePeople per year: "mindst 30 unge … pr. år" counts each code once across the year', () => {
    // Carried from the tryghedsplan for 2024, the plan's first four months.
    const s = statusOf([session('vejledningscafe-voldparken', '2024-09-10', 3, { participantCodes: ['AB12', 'CD34', 'EF56'] }), session('vejledningscafe-voldparken', '2024-11-01', 2, { participantCodes: ['AB12', 'GH78'] })], '2024-12-31', { kind: 'plan' }, year2024);
    expect(target(s.targets, 'vejledningscafe-voldparken', 'unge-18-24-vejledt').actual).toBe(4);
  });

  it('repeatParticipation: "50 % kommer mere end 3 gange årligt": 2 of 4 codes came 4 times, 50 %', () => {
    const withRepeat: Plan = {
      ...plan,
      activities: plan.activities.map((a) => (a.id === 'legestue-tingbjerg' ? { ...a, targets: [{ id: 'gentagelse', kind: 'repeatParticipation', text: '50 % kommer mere end 3 gange årligt', moreThanSessions: 3, per: 'year', sharePercent: { min: 50 } } as Target] } : a)),
    };
    const days = ['2025-01-07', '2025-01-14', '2025-01-21', '2025-01-28'];
    const records = days.map((d, i) => session('legestue-tingbjerg', d, 3, { participantCodes: i === 0 ? ['AA11', 'BB22', 'CC33', 'DD44'] : ['AA11', 'BB22'] }));
    const t = target(statusOf(records, '2025-03-01', { kind: 'plan' }, undefined, withRepeat).targets, 'legestue-tingbjerg', 'gentagelse');
    expect([t.actual, t.unit, t.judgement]).toEqual([50, 'percent', 'onTrack']);
  });

  it('referrals: the tryghedsplan\'s "75 børn er begyndt i en foreningsaktivitet" counts referrals that reached startet in the year, to that offer', () => {
    const records = [
      referral('din-fritid', 'forening', [['referred', '2024-01-10'], ['started', '2024-02-01']]),
      referral('din-fritid', 'forening', [['referred', '2023-12-10'], ['started', '2024-01-05'], ['retained', '2024-07-05']]), // started in 2024: counts
      referral('din-fritid', 'forening', [['referred', '2023-11-10'], ['started', '2023-12-20']]), // started in 2023: not this year
      referral('din-fritid', 'forening', [['referred', '2024-03-10']]), // only referred
      referral('din-fritid', 'fritidsjob', [['referred', '2024-03-10'], ['started', '2024-04-01']]), // another offer
    ];
    const t = target(statusOf(records, '2024-12-31', { kind: 'plan' }, year2024, tryghed).targets, 'din-fritid', 'indmeldt-i-forening');
    expect([t.actual, t.judgement]).toEqual([2, 'behind']);
  });

  it('retention: "30 unikke deltagere om året er fastholdt i en forening efter 6 måneder" follows the cohort that started 6 months before the period', () => {
    const records = [
      referral('fritidsvejledning', 'forening', [['referred', '2024-07-01'], ['started', '2024-08-01'], ['retained', '2025-02-01']]),
      referral('fritidsvejledning', 'forening', [['referred', '2024-07-01'], ['started', '2024-09-01'], ['interrupted', '2024-10-01']]),
      referral('fritidsvejledning', 'forening', [['referred', '2025-01-01'], ['started', '2025-02-01'], ['retained', '2025-08-01']]),
      referral('fritidsvejledning', 'forening', [['referred', '2025-09-01'], ['started', '2025-10-01']]), // cohort of 2026's status
    ];
    const t = target(statusOf(records, '2025-12-31').targets, 'fritidsvejledning', 'fastholdt-i-forening-6-mdr');
    // Cohort started July 2024 – June 2025: 3 started, 2 retained.
    expect([t.actual, t.judgement]).toEqual([2, 'behind']);
  });

  it('pointInTime in an offer: "løbende 5 beboere i småjob" counts those started in the offer and not ended, not the garden\'s sessions', () => {
    const inJob = (start: string, end?: string): ReferralRecord => referral('faelleshaven', 'smaajob-faelleshaven', end ? [['referred', start], ['started', start], ['completed', end]] : [['referred', start], ['started', start]]);
    const records = [inJob('2024-02-01'), inJob('2024-03-01'), inJob('2024-03-15', '2024-05-01'), inJob('2024-04-01'), inJob('2024-05-10'), session('faelleshaven', '2024-05-20', 40)];
    const t = target(statusOf(records, '2024-06-01', { kind: 'plan' }, year2024, tryghed).targets, 'faelleshaven', 'smaajob-loebende');
    expect([t.actual, t.judgement]).toEqual([4, 'behind']);
  });

  it('pointInTime without an offer: Børnebestyrelsen\'s "12 børn er medlemmer" reads the latest meeting\'s headcount, not a sum', () => {
    const s = statusOf([session('boernebestyrelsen', '2018-03-06', 10), session('boernebestyrelsen', '2018-04-03', 12)], '2018-06-01', { kind: 'plan' }, { from: '2018-01-01', to: '2018-12-31' }, husumNord);
    const t = target(s.targets, 'boernebestyrelsen', 'medlemmer');
    expect([t.actual, t.judgement]).toEqual([12, 'onTrack']);
  });

  it('meetingsHeld: "10 Din Fritid netværksmøder" counts logged meetings against the year and shows the cadence\'s planned count', () => {
    const records = ['2024-01-02', '2024-02-01', '2024-03-04', '2024-04-01', '2024-05-02'].map((d) => meeting('din-fritid-netvaerk', d));
    const t = statusOf(records, '2024-06-30', { kind: 'plan' }, year2024, tryghed).targets.find((x) => x.target.kind === 'meetingsHeld' && x.holder.id === 'din-fritid')!;
    // Monthly except July and December: 1 January to 1 June = 6 planned; 5 held, 10 × 182/366 = 5 expected.
    expect([t.actual, t.planned, t.judgement]).toEqual([5, 6, 'onTrack']);
  });

  it('organisationsInvolved at one kind of session: "4 daginstitutioner" counts distinct day-care organisations at the festival, not at the network\'s meetings', () => {
    const records = [
      session('din-fritid', '2024-08-28', 250, { sessionKind: 'festival', organisations: ['klynge-bv-a', 'copenhagen-cricket-club'] }),
      session('din-fritid', '2024-08-29', 180, { sessionKind: 'festival', organisations: ['klynge-bv-a', 'tingbjerg-skole'] }),
      session('din-fritid', '2024-07-10', 40, { sessionKind: 'feriecamp', organisations: ['klynge-bv-a'] }),
      meeting('din-fritid-netvaerk', '2024-03-01', ['klynge-bv-a', 'ecv']),
    ];
    const t = target(statusOf(records, '2024-12-31', { kind: 'plan' }, year2024, tryghed).targets, 'din-fritid', 'festival-daginstitutioner');
    expect([t.actual, t.judgement]).toEqual([1, 'behind']);
  });

  it('population indicators: judged by the latest value entered against the baseline and direction', () => {
    const indicators = plan.focusAreas.flatMap((f) => f.goals.flatMap((g) => g.indicators));
    const byId = (id: string) => indicators.find((i) => i.id === id)!;
    const reading = (value: number) => ({ indicatorId: 'x', period: '2025', value, source: 'KK' });
    // "sprogvurdering … falder" from 37.36 %
    expect(indicatorJudgement(byId('ul-1a-foerskriftsprog'), reading(30.1))).toBe('onTrack');
    expect(indicatorJudgement(byId('ul-1a-foerskriftsprog'), reading(38))).toBe('behind');
    // "fastholdes på niveau med KK" (89.01 % against KK 90.01 %): at KK's level (within one per cent) or above is ahead, three points below is behind
    expect(indicatorJudgement(byId('ul-3-i-ungdomsuddannelse-15-mdr'), reading(89.5))).toBe('ahead');
    expect(indicatorJudgement(byId('ul-3-i-ungdomsuddannelse-15-mdr'), reading(87))).toBe('behind');
    // "til niveau for KK" for a school already above it (Husum 82 % against 81 %): falling to 81 % is not progress
    expect(indicatorJudgement(byId('k-2a-3-kl-husum'), reading(83))).toBe('ahead');
    // "fastholdes" on the area's own level (Husum for Alle: 90 % of 1-5-årige i pasningstilbud): within five per cent
    const pasning = husumNord.focusAreas.flatMap((f) => f.goals.flatMap((g) => g.indicators)).find((i) => i.id === 'pasningstilbud-1-5')!;
    expect(indicatorJudgement(pasning, reading(87))).toBe('onTrack');
    // "til niveau med KK" 65 % towards 81 %
    expect(indicatorJudgement(byId('k-2a-3-kl-tingbjerg'), reading(72))).toBe('onTrack');
    expect(indicatorJudgement(byId('k-2a-3-kl-tingbjerg'), reading(81))).toBe('ahead');
    // No baseline in the plan ("afventer data"): nothing to judge against.
    expect(indicatorJudgement(byId('frivilligt-arbejde-over-18'), reading(30))).toBe('noData');
    expect(indicatorJudgement(byId('ul-1a-foerskriftsprog'), undefined)).toBe('noData');
  });

  it('scopes: a focus area holds its activities\' targets and its goals\' indicators; a network its meeting targets', () => {
    const fa = plan.focusAreas[0]!;
    const s = statusOf([], '2025-06-01', { kind: 'focusArea', id: fa.id });
    expect(s.targets.every((t) => t.holder.focusAreaIds.includes(fa.id))).toBe(true);
    expect(s.indicators.length).toBe(fa.goals.flatMap((g) => g.indicators).length);
    const network = statusOf([], '2025-06-01', { kind: 'network', id: 'din-fritid-netvaerk' });
    expect(network.targets.some((t) => t.target.kind === 'meetingsHeld')).toBe(true);
  });
});

import type { AttendanceRecord } from '../../../src/domain/attendance/attendance';
import type { AssessmentRecord } from '../../../src/domain/records/assessment';
import type { MeetingRecord } from '../../../src/domain/records/meeting';
import type { OutcomeRecord } from '../../../src/domain/records/outcome';
import type { ReferralRecord, ReferralStatus } from '../../../src/domain/records/referral';
import { planStatus, type IndicatorReading, type ReportedFigure, type StatusScope } from '../../../src/domain/status/planStatus';
import { rollupsFromRecords } from '../../../src/domain/status/rollups';
import { criteriaPlanFile, loadPlanFile } from '../../fixtures/plans';

/**
 * The arithmetic of every criterion kind the plan format has, against figures worked out by hand.
 * The plan (test/fixtures/criteriaPlan.yaml) is built from real criteria in the digests; records go
 * through the rollups exactly as the app's writes do.
 */
const plan = loadPlanFile(criteriaPlanFile);
type AnyRecord = AttendanceRecord | MeetingRecord | ReferralRecord | OutcomeRecord | AssessmentRecord;
let n = 0;
const by = { loggedBy: 'alex-wilber', loggedAt: '2025-01-01T10:00:00Z' };
const session = (activityId: string, date: string, headcount: number, extra: Partial<AttendanceRecord> = {}): AttendanceRecord => ({ id: `s${n++}`, planId: plan.id, type: 'attendance', activityId, date, headcount, ...by, ...extra });
const sessions = (activityId: string, dates: string[], extra: Partial<AttendanceRecord> = {}) => dates.map((d) => session(activityId, d, 10, extra));
const outcome = (outcomeId: string, date: string, count: number, activityId = 'beboerraadgivning'): OutcomeRecord => ({ id: `o${n++}`, planId: plan.id, type: 'outcome', activityId, outcomeId, date, count, ...by });
const meeting = (networkId: string, date: string, cadenceId?: string): MeetingRecord => ({ id: `m${n++}`, planId: plan.id, type: 'meeting', networkId, date, participants: [], organisations: [], othersCount: 0, followUps: [], ...(cadenceId ? { cadenceId } : {}), ...by });
const referral = (activityId: string, offerId: string, steps: [ReferralStatus, string][]): ReferralRecord => ({
  id: `r${n++}`, planId: plan.id, type: 'referral', from: { activityId }, to: { offerId }, ageBand: '15-17', consentBasis: 'consent', date: steps[0]![1], status: steps.at(-1)![0],
  history: steps.map(([status, date]) => ({ status, date, by: 'alex-wilber' })), followUpDate: '2026-01-01', ...by,
});
const assessment = (targetKey: string, date: string, asked: number, agreeing: number): AssessmentRecord => ({ id: `a${n++}`, planId: plan.id, type: 'assessment', targetKey, date, asked, agreeing, source: 'netværksmøde', ...by });
const year = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });

function statusOf(records: AnyRecord[], today: string, period = year(Number(today.slice(0, 4))), extra: { indicatorValues?: IndicatorReading[]; reportedFigures?: ReportedFigure[]; scope?: StatusScope } = {}) {
  return planStatus({ plan, scope: extra.scope ?? { kind: 'plan' }, period, today, rollups: [...rollupsFromRecords(plan.id, records).values()], indicatorValues: extra.indicatorValues ?? [], reportedFigures: extra.reportedFigures ?? [] });
}
const targetIn = (s: ReturnType<typeof statusOf>, key: string) => {
  const t = s.targets.find((x) => x.key === key);
  if (!t) throw new Error(`no target ${key}`);
  return t;
};
const reading = (indicatorId: string, period: string, value: number, comparison?: number): IndicatorReading => ({ indicatorId, period, value, source: 'test', ...(comparison !== undefined ? { comparison } : {}) });

describe('change against a baseline year', () => {
  const visits2025 = outcome('henvendelser', '2025-06-01', 120);

  it('"20 % færre henvendelser end i 2025": 120 in 2025 makes 2026 at most 96; 50 by 1 July is more than the 47,9 due by then, so behind', () => {
    const t = targetIn(statusOf([visits2025, outcome('henvendelser', '2026-03-01', 50)], '2026-07-01'), 'beboerraadgivning/faerre-henvendelser');
    // 1 January to 1 July 2026 is 182 of 365 days: 96 × 182/365 = 47,9.
    expect([t.actual, t.goal, t.judgement]).toEqual([50, { max: 96 }, 'behind']);
    // The year's pace, 50 / (182/365) = 100,3 a year, is 16,4 % below the 120 of 2025.
    expect(t.extra).toEqual({ kind: 'change', baselineYear: 2025, baseline: 120, changePercent: -16.4 });
  });

  it('is on track at 45 by 1 July, and not judged in the baseline year itself', () => {
    expect(targetIn(statusOf([visits2025, outcome('henvendelser', '2026-03-01', 45)], '2026-07-01'), 'beboerraadgivning/faerre-henvendelser').judgement).toBe('onTrack');
    expect(targetIn(statusOf([visits2025], '2025-12-31'), 'beboerraadgivning/faerre-henvendelser').judgement).toBe('inactive');
  });

  it('has no baseline while the baseline year is still running', () => {
    const t = targetIn(statusOf([visits2025], '2025-12-30', year(2026)), 'beboerraadgivning/faerre-henvendelser');
    expect([t.judgement, t.extra]).toEqual(['noData', { kind: 'change', baselineYear: 2025, baseline: undefined, changePercent: undefined }]);
  });

  it('"stiger med 5 % om året" compounds: from an entered 100 sessions in 2025, 2027 needs 100 × 1,05² = 110,3', () => {
    const dates = (count: number) => Array.from({ length: count }, (_, i) => `2027-${String((i % 12) + 1).padStart(2, '0')}-${String(Math.floor(i / 12) + 1).padStart(2, '0')}`);
    const on = targetIn(statusOf(sessions('lektiecafe', dates(111)), '2027-12-31'), 'lektiecafe/flere-gange');
    const off = targetIn(statusOf(sessions('lektiecafe', dates(108)), '2027-12-31'), 'lektiecafe/flere-gange');
    expect([on.goal, on.actual, on.judgement]).toEqual([{ min: 110.3 }, 111, 'onTrack']);
    expect([off.actual, off.judgement]).toEqual([108, 'behind']);
  });

  it('"10 % fald i perioden 2026–2028 sammenholdt med 2025" for an indicator: 40 children in 2025, 35 in 2027 is at most 36, on track (-12,5 %); 2025 is not active', () => {
    const values = [reading('sprogstimulering', '2025', 40), reading('sprogstimulering', '2027', 35)];
    const t = targetIn(statusOf([], '2028-01-15', year(2027), { indicatorValues: values }), 'faerre-utrygge/sprog-fald');
    expect([t.actual, t.goal, t.judgement, t.extra]).toEqual([35, { max: 36 }, 'onTrack', { kind: 'change', baselineYear: 2025, baseline: 40, changePercent: -12.5 }]);
    expect(targetIn(statusOf([], '2028-01-15', year(2025), { indicatorValues: values }), 'faerre-utrygge/sprog-fald').judgement).toBe('inactive');
  });
});

describe('averages over several years', () => {
  const started = (date: string) => referral('lommepengejob', 'fritidsjob', [['referred', date], ['started', date]]);

  it('"gennemsnitligt 3 sager om året i perioden 2026–2028": 2 in 2026 and 5 in 2027 average 3,5 a year by the end of 2027', () => {
    const records = [started('2026-03-01'), started('2026-09-01'), ...['2027-01-10', '2027-02-10', '2027-03-10', '2027-04-10', '2027-05-10'].map(started), started('2025-05-01')];
    const t = targetIn(statusOf(records, '2027-12-31'), 'lommepengejob/sager');
    expect([t.actual, t.judgement, t.extra]).toEqual([3.5, 'onTrack', { kind: 'years', from: 2026, to: 2028 }]);
  });

  it('is not active in a year outside 2026–2028', () => {
    expect(targetIn(statusOf([started('2025-05-01')], '2025-12-31'), 'lommepengejob/sager').judgement).toBe('inactive');
  });
});

describe('the gap to a comparison group', () => {
  // Baseline 2024: 9 % feel unsafe against the city's 6,4 %: a gap of 2,6 points, lower is better.
  it('"forskellen halveres" by the plan\'s last year (2028): 2026 may be at most 2,6 × (1 - ½ × 2/4) = 1,95; 8,0 against 6,5 is 1,5, on track', () => {
    const t = targetIn(statusOf([], '2027-01-10', year(2026), { indicatorValues: [reading('utrygge-beboere', '2026', 8.0, 6.5)] }), 'faerre-utrygge/gap-halveres');
    expect([t.actual, t.goal, t.judgement, t.unit]).toEqual([1.5, { max: 2 }, 'onTrack', 'points']);
    expect(t.extra).toEqual({ kind: 'gap', year: 2026, baselineGap: 2.6 });
  });

  it('"mindskes med 1 procentpoint om året": 2026 may be at most 2,6 - 2 = 0,6, so 1,5 is behind', () => {
    const t = targetIn(statusOf([], '2027-01-10', year(2026), { indicatorValues: [reading('utrygge-beboere', '2026', 8.0, 6.5)] }), 'faerre-utrygge/gap-1-point');
    expect([t.actual, t.goal, t.judgement]).toEqual([1.5, { max: 0.6 }, 'behind']);
  });

  it('"i gennemsnit højst 2 procentpoint": gaps of 2,5 (2025) and 1,2 (2026) average 1,85, on track; the comparison is entered each year', () => {
    const values = [reading('utrygge-beboere', '2025', 9.0, 6.5), reading('utrygge-beboere', '2026', 7.8, 6.6)];
    const t = targetIn(statusOf([], '2027-01-10', year(2026), { indicatorValues: values }), 'faerre-utrygge/gap-hoejst-gennemsnit');
    expect([t.actual, t.goal, t.judgement]).toEqual([1.9, { max: 2 }, 'onTrack']);
  });

  it('has no data until a value with its comparison is entered', () => {
    expect(targetIn(statusOf([], '2027-01-10', year(2026), { indicatorValues: [reading('utrygge-beboere', '2026', 8.0)] }), 'faerre-utrygge/gap-halveres').judgement).toBe('noData');
  });
});

describe('shares along a funnel', () => {
  it('"35 % af de opsøgende besøg fører til et besøg i tilbuddet": 6 of 20 is 30 %, behind', () => {
    const t = targetIn(statusOf([outcome('opsoegende-besoeg', '2025-03-01', 12), outcome('opsoegende-besoeg', '2025-04-01', 8), outcome('besoeg-i-tilbuddet', '2025-04-15', 6)], '2025-12-31'), 'beboerraadgivning/opsoegende-til-tilbud');
    expect([t.actual, t.judgement, t.extra]).toEqual([30, 'behind', { kind: 'share', part: 6, whole: 20 }]);
  });

  it('"90 % af lommepengejobberne kommer videre i fritidsjob": 9 started in a leisure job of 10 new pocket-money jobbers, on track', () => {
    const records = [session('lommepengejob', '2025-02-01', 12, { newParticipants: 10 }), ...Array.from({ length: 9 }, (_, i) => referral('lommepengejob', 'fritidsjob', [['referred', '2025-05-01'], ['started', `2025-06-${String(i + 1).padStart(2, '0')}`]]))];
    const t = targetIn(statusOf(records, '2025-12-31'), 'lommepengejob/videre-i-fritidsjob');
    expect([t.actual, t.judgement]).toEqual([90, 'onTrack']);
  });

  it('follows the cohort when both steps are referrals: of 4 referred in March, 3 started (one in April), 75 %', () => {
    const records = [
      referral('lommepengejob', 'fritidsjob', [['referred', '2025-03-03'], ['started', '2025-03-20']]),
      referral('lommepengejob', 'fritidsjob', [['referred', '2025-03-10'], ['started', '2025-04-02']]),
      referral('lommepengejob', 'fritidsjob', [['referred', '2025-03-17'], ['started', '2025-03-30']]),
      referral('lommepengejob', 'fritidsjob', [['referred', '2025-03-24']]),
    ];
    expect(targetIn(statusOf(records, '2025-05-01', { from: '2025-03-01', to: '2025-03-31' }), 'lommepengejob/henvist-til-start').actual).toBe(75);
  });
});

describe('people meeting a repetition rule', () => {
  // 2025: two people, neither more than 3 times. 2026: three people, two of them 4 times.
  const records = [
    ...sessions('lektiecafe', ['2025-02-01', '2025-03-01'], { participantCodes: ['AB11'] }),
    ...sessions('lektiecafe', ['2025-02-02', '2025-03-02', '2025-04-02'], { participantCodes: ['CD22'] }),
    ...sessions('lektiecafe', ['2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05'], { participantCodes: ['AB11', 'CD22'] }),
    session('lektiecafe', '2026-05-05', 1, { participantCodes: ['EF33'] }),
  ];

  it('counts repetitions within each year, never across two: over 2025–2026 it is 2 of 5 people-years (40 %), not the 2 of 3 people a two-year count gives', () => {
    const s = statusOf(records, '2026-12-31', { from: '2025-01-01', to: '2026-12-31' });
    expect(targetIn(s, 'lektiecafe/trofaste-andel').actual).toBe(40);
    expect(targetIn(statusOf(records, '2026-12-31', year(2025)), 'lektiecafe/trofaste-andel').actual).toBe(0);
    expect(targetIn(statusOf(records, '2026-12-31', year(2026)), 'lektiecafe/trofaste-andel').actual).toBe(66.7);
  });

  it('"50 deltagere, der kommer mere end 3 gange årligt" counts the people, with today\'s share beside', () => {
    const t = targetIn(statusOf(records, '2026-12-31', year(2026)), 'lektiecafe/trofaste');
    expect([t.actual, t.goal, t.judgement, t.extra]).toEqual([2, { min: 50 }, 'behind', { kind: 'share', part: 2, whole: 3 }]);
  });
});

describe('unique people across several activities and the whole plan period', () => {
  it('"200 forældre over de 4 år" counts each code once across the three activities and the years so far, against 200 prorated', () => {
    const records = [
      session('foraeldrecafe', '2024-10-01', 3, { participantCodes: ['AA10', 'BB20', 'CC30'] }),
      session('familieudflugter', '2025-06-01', 3, { participantCodes: ['BB20', 'DD40', 'EE50'] }),
      session('moedregruppe', '2026-02-01', 2, { participantCodes: ['AA10', 'FF60'] }),
      session('lektiecafe', '2026-02-01', 1, { participantCodes: ['GG70'] }),
    ];
    const t = targetIn(statusOf(records, '2026-03-01', year(2026)), 'faerre-utrygge/foraeldre-over-perioden');
    expect([t.actual, t.goal, t.prorated]).toEqual([6, { min: 200 }, true]);
    expect(t.judgement).toBe('behind');
  });
});

describe('assessed and surveyed shares', () => {
  it('an assessment describes the group as it is: the latest one stands (12 of 16 in September is 75 %, on track)', () => {
    const records = [assessment('faerre-utrygge/risikogruppe-vurdering', '2025-03-10', 16, 10), assessment('faerre-utrygge/risikogruppe-vurdering', '2025-09-10', 16, 12)];
    const t = targetIn(statusOf(records, '2025-12-31'), 'faerre-utrygge/risikogruppe-vurdering');
    expect([t.actual, t.judgement, t.extra]).toEqual([75, 'onTrack', { kind: 'share', part: 12, whole: 16 }]);
  });

  it('a survey pools its answers: 31 of 40 and 10 of 20 are 41 of 60, 68,3 %, behind 70 %', () => {
    const records = [assessment('faerre-utrygge/foraeldre-tilfredse', '2025-04-01', 40, 31), assessment('faerre-utrygge/foraeldre-tilfredse', '2025-10-01', 20, 10)];
    const t = targetIn(statusOf(records, '2025-12-31'), 'faerre-utrygge/foraeldre-tilfredse');
    expect([t.actual, t.judgement]).toEqual([68.3, 'behind']);
  });
});

describe('figures a partner reports', () => {
  const logged = [referral('lommepengejob', 'fritidsjob', [['referred', '2025-02-01'], ['started', '2025-03-01']])];
  const reported: ReportedFigure[] = [{ targetKey: 'lommepengejob/i-job-fra-kommunen', year: 2025, value: 12, source: 'Ungeenhedens opgørelse 2025' }, { targetKey: 'lommepengejob/i-job-beside', year: 2025, value: 12, source: 'Ungeenhedens opgørelse 2025' }];

  it('instead of the logbook: the unit\'s 12 is the figure, judged against the whole year\'s 10', () => {
    const t = targetIn(statusOf(logged, '2025-12-31', year(2025), { reportedFigures: reported }), 'lommepengejob/i-job-fra-kommunen');
    expect([t.actual, t.judgement, t.reported]).toEqual([12, 'onTrack', { value: 12, years: [2025], sources: ['Ungeenhedens opgørelse 2025'], use: 'instead' }]);
  });

  it('beside the logbook: the logged 1 is judged, the unit\'s 12 is shown with it', () => {
    const t = targetIn(statusOf(logged, '2025-12-31', year(2025), { reportedFigures: reported }), 'lommepengejob/i-job-beside');
    expect([t.actual, t.judgement, t.reported?.value]).toEqual([1, 'behind', 12]);
  });

  it('has no figure until the partner\'s is entered', () => {
    expect(targetIn(statusOf(logged, '2025-12-31'), 'lommepengejob/i-job-fra-kommunen').judgement).toBe('noData');
  });
});

describe('outputs and contacts', () => {
  it('"70 opsøgende besøg om året": 30 by 30 June is behind the 34,7 due by then', () => {
    const t = targetIn(statusOf([outcome('opsoegende-besoeg', '2025-02-01', 18), outcome('opsoegende-besoeg', '2025-05-01', 12)], '2025-06-30'), 'beboerraadgivning/opsoegende');
    expect([t.actual, t.judgement]).toEqual([30, 'behind']);
  });

  it('"4 mikrovirksomheder oprettet i perioden": the whole plan\'s 4, for a year is its share', () => {
    const t = targetIn(statusOf([outcome('mikrovirksomheder', '2025-02-01', 1)], '2025-12-31'), 'beboerraadgivning/mikrovirksomheder');
    // 2025 is 365 of the plan's 1,461 days: 4 × 365/1461 = 1,0.
    expect([t.actual, t.goal, t.judgement]).toEqual([1, { min: 1 }, 'onTrack']);
  });
});

describe('targets, activities and networks valid only in some years', () => {
  it('"60 besøgte familier det første år" (1 September 2024 to 31 August 2025) is not active in 2026, and never behind there', () => {
    expect(targetIn(statusOf([], '2026-06-01'), 'familiebesoeg/besoegte-familier-foerste-aar').judgement).toBe('inactive');
  });

  it('an activity that runs 2025–2026 only: in 2025 its first-year target is judged on January to August (60 × 243/365 = 40 due)', () => {
    const t = targetIn(statusOf([session('familiebesoeg', '2025-03-01', 45)], '2025-12-31'), 'familiebesoeg/besoegte-familier-foerste-aar');
    expect([t.goal, t.judgement]).toEqual([{ min: 39.9 }, 'onTrack']);
  });

  it('a network active from 2026 has no cadence to keep in 2025', () => {
    expect(statusOf([], '2025-12-31').cadences.find((c) => c.network.id === 'arbejdsgruppen')?.judgement).toBe('inactive');
  });
});

describe('every network\'s cadence, without an invented target', () => {
  it('"mødes min. to gange årligt": 1 meeting by 1 July is on track against the prorated 2', () => {
    const c = statusOf([meeting('bestyrelsen', '2025-03-01')], '2025-07-01').cadences.find((x) => x.network.id === 'bestyrelsen')!;
    expect([c.held, c.goal, c.judgement]).toEqual([1, { min: 2 }, 'onTrack']);
  });

  it('a network with two cadences is judged on each: its monthly meetings and its quarterly report to the board', () => {
    // By 30 June 2025: monthly from 1 September 2024 gives January–June, 6 planned; quarterly gives March and June.
    const records = [...['2025-01-07', '2025-02-04', '2025-03-04', '2025-04-01', '2025-05-06'].map((d) => meeting('ssp-forum', d)), meeting('ssp-forum', '2025-03-20', 'afrapportering')];
    const cadences = statusOf(records, '2025-06-30').cadences.filter((x) => x.network.id === 'ssp-forum');
    expect(cadences.map((c) => [c.cadence.id, c.held, c.plannedSoFar, c.judgement])).toEqual([
      ['egne-moeder', 5, 6, 'behind'],
      ['afrapportering', 1, 2, 'behind'],
    ]);
  });

  it('"mødes imellem bestyrelsesmøderne" plans a meeting midway between two board meetings', () => {
    const c = statusOf([meeting('arbejdsgruppen', '2026-04-15')], '2026-12-31', year(2026)).cadences.find((x) => x.network.id === 'arbejdsgruppen')!;
    // The board's "min. 2 a year" spreads to January and July: midway is mid-April and mid-October.
    expect([c.plannedInPeriod, c.held, c.judgement]).toEqual([2, 1, 'behind']);
    // With no meeting logged at all it says "ingen data", not "bagud": nobody may have logged them yet.
    expect(statusOf([], '2026-12-31', year(2026)).cadences.find((x) => x.network.id === 'arbejdsgruppen')!.judgement).toBe('noData');
  });
});

describe('recurring milestones and plans that have ended', () => {
  it('a yearly milestone falls due each year of the plan, each on its own', () => {
    const s = statusOf([], '2026-05-15');
    expect(s.milestones.overdue.map((m) => m.id)).toEqual(['aarlig-revision@2025', 'workshop', 'aarlig-revision@2026']);
  });

  it('after the plan has ended, what was not done shows as not reached, not overdue, in the period asked about', () => {
    expect(statusOf([], '2029-02-01', year(2028)).milestones.notReached.map((m) => m.id)).toEqual(['aarlig-revision@2028']);
    const s = statusOf([], '2029-02-01', { from: '2024-09-01', to: '2028-08-31' });
    expect([s.ended, s.milestones.overdue.length, s.milestones.notReached.map((m) => m.id)]).toEqual([true, 0, ['aarlig-revision@2025', 'workshop', 'aarlig-revision@2026', 'raadgivning-evaluering', 'aarlig-revision@2027', 'aarlig-revision@2028']]);
  });
});

describe('the plan\'s own age bands, and counting only some kinds of session', () => {
  it('"mindst 30 børn på 10-14 år" sums the 10-14 column of the sessions split by age', () => {
    const records = [session('lektiecafe', '2025-03-01', 20, { byAgeBand: { '6-9': 8, '10-14': 12 } }), session('lektiecafe', '2025-04-01', 15, { byAgeBand: { '10-14': 15 } })];
    const s = statusOf(records, '2025-12-31');
    expect(targetIn(s, 'lektiecafe/boern-10-14').actual).toBe(27);
    expect(s.figures.find((f) => f.activity.id === 'lektiecafe')?.byAgeBand).toEqual([{ band: '6-9', participants: 8 }, { band: '10-14', participants: 27 }]);
  });

  it('"2 gange Feriecamp og 1 Festival" count only those sessions, and the festival\'s associations only at the festival', () => {
    const records = [
      session('din-fritid', '2025-03-01', 30, { organisations: ['bk-husum'] }),
      session('din-fritid', '2025-03-08', 30),
      session('din-fritid', '2025-07-01', 40, { sessionKind: 'feriecamp' }),
      session('din-fritid', '2025-08-20', 400, { sessionKind: 'festival', organisations: ['spejderne', 'bh-solsikken'] }),
    ];
    const s = statusOf(records, '2025-12-31');
    expect([targetIn(s, 'din-fritid/festival').actual, targetIn(s, 'din-fritid/feriecamps').actual, targetIn(s, 'din-fritid/festival-foreninger').actual]).toEqual([1, 1, 1]);
  });
});

describe('defects found when a real plan was checked', () => {
  it('a result inside a range target (2 of "1–2") is on track, not ahead', () => {
    const t = targetIn(statusOf([session('din-fritid', '2025-02-01', 10), session('din-fritid', '2025-03-01', 10)], '2025-06-01'), 'din-fritid/arrangementer');
    expect([t.actual, t.judgement]).toEqual([2, 'onTrack']);
  });

  it('an indicator shows the value for the period asked about, never a later year\'s', () => {
    const values = [reading('utrygge-beboere', '2025', 8.8), reading('utrygge-beboere', '2027', 6.4)];
    const in2025 = statusOf([], '2028-01-10', year(2025), { indicatorValues: values }).indicators.find((i) => i.indicator.id === 'utrygge-beboere')!;
    const in2026 = statusOf([], '2028-01-10', year(2026), { indicatorValues: values }).indicators.find((i) => i.indicator.id === 'utrygge-beboere')!;
    expect([in2025.latest?.value, in2026.latest?.value]).toEqual([8.8, 8.8]);
    expect(statusOf([], '2028-01-10', year(2024), { indicatorValues: values }).indicators.find((i) => i.indicator.id === 'utrygge-beboere')?.judgement).toBe('noData');
  });

  it('"til byens gennemsnit" for a value that should fall: reaching 6,4 or below is ahead', () => {
    const s = statusOf([], '2028-01-10', year(2027), { indicatorValues: [reading('utrygge-beboere', '2027', 6.2)] });
    expect(s.indicators.find((i) => i.indicator.id === 'utrygge-beboere')?.judgement).toBe('ahead');
  });
});

describe('pointInTime from the referrals in an offer', () => {
  it('"løbende 5 beboere i småjob": 3 started and 1 ended leaves 2 in the job at the period\'s end', () => {
    const records = [
      referral('lommepengejob', 'smaajob', [['referred', '2024-10-01'], ['started', '2024-10-15']]),
      referral('lommepengejob', 'smaajob', [['referred', '2025-01-01'], ['started', '2025-01-15'], ['completed', '2025-04-30']]),
      referral('lommepengejob', 'smaajob', [['referred', '2025-03-01'], ['started', '2025-03-10'], ['retained', '2025-09-10']]),
      referral('lommepengejob', 'smaajob', [['referred', '2025-05-01']]),
    ];
    const t = targetIn(statusOf(records, '2025-12-31'), 'lommepengejob/loebende-i-smaajob');
    expect([t.actual, t.judgement]).toEqual([2, 'behind']);
  });
});

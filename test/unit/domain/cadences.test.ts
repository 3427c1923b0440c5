import { mainCadence } from '../../../src/domain/plan/cadences';
import { plannedMeetings, nextMeeting } from '../../../src/domain/cadence/plannedMeetings';
import { isDanishPublicHoliday } from '../../../src/domain/cadence/publicHolidays';
import { zonedTimeToUtc } from '../../../src/domain/cadence/zonedTime';
import { calendarYear } from '../../../src/domain/calendar';
import type { Cadence, Plan } from '../../../src/domain/plan/schema';
import { loadPlanFile, planFiles } from '../../fixtures/plans';

const husum = loadPlanFile(planFiles.husumTingbjerg);
const tryghed = loadPlanFile(planFiles.tryghedsplan);
const cadenceOf = (plan: Plan, networkId: string): Cadence => mainCadence(plan.networks.find((n) => n.id === networkId)!);
const cph = 'Europe/Copenhagen';

describe('meeting dates from the plans\' own cadences', () => {
  it('plans the tryghedsplan\'s 10 Din Fritid network meetings a year: monthly, not July and December', () => {
    const meetings = plannedMeetings(cadenceOf(tryghed, 'din-fritid-netvaerk'), calendarYear(2024), tryghed.period.start, cph);
    expect(meetings.map((m) => m.date)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-08-01', '2024-09-01', '2024-10-01', '2024-11-01']);
    expect(meetings.every((m) => !m.approximate)).toBe(true);
  });

  it('plans Husum-Tingbjerg\'s Din Fritid network every month, as the 2024-28 plan says', () => {
    const meetings = plannedMeetings(cadenceOf(husum, 'din-fritid-netvaerk'), calendarYear(2025), husum.period.start, cph);
    expect(meetings).toHaveLength(12);
  });

  // "første tirsdag kl. 16-19 i hver måned" (Suppe og Strik, tryghedsplan l.1931) is a session of
  // the café in the plans, not a network; the rule is written out here.
  const firstTuesday: Cadence = { kind: 'monthlyWeekday', nth: 1, weekday: 'tuesday', start: '16:00', end: '19:00', skipPublicHolidays: false, text: 'første tirsdag kl. 16-19 i hver måned' };

  it('puts a first-Tuesday rule at 16-19 Copenhagen time, summer and winter alike', () => {
    const meetings = plannedMeetings(firstTuesday, { from: '2025-02-01', to: '2025-05-31' }, husum.period.start, cph);
    expect(meetings.map((m) => [m.date, m.startsAt!.toISOString(), m.endsAt!.toISOString()])).toEqual([
      ['2025-02-04', '2025-02-04T15:00:00.000Z', '2025-02-04T18:00:00.000Z'],
      ['2025-03-04', '2025-03-04T15:00:00.000Z', '2025-03-04T18:00:00.000Z'],
      // Summer time began on 30 March: 16:00 is now 14:00 UTC.
      ['2025-04-01', '2025-04-01T14:00:00.000Z', '2025-04-01T17:00:00.000Z'],
      ['2025-05-06', '2025-05-06T14:00:00.000Z', '2025-05-06T17:00:00.000Z'],
    ]);
    // And back to winter time after 26 October.
    const autumn = plannedMeetings(firstTuesday, { from: '2025-10-01', to: '2025-11-30' }, husum.period.start, cph);
    expect(autumn.map((m) => m.startsAt!.toISOString())).toEqual(['2025-10-07T14:00:00.000Z', '2025-11-04T15:00:00.000Z']);
  });

  it('skips a Danish public holiday when the rule says so, and keeps it when it does not', () => {
    const rule = (skip: boolean): Cadence => ({ kind: 'monthlyWeekday', nth: 1, weekday: 'tuesday', skipPublicHolidays: skip, text: 'første tirsdag' });
    // The first Tuesday of 2030 is New Year's Day.
    const january2030 = { from: '2030-01-01', to: '2030-02-28' };
    expect(plannedMeetings(rule(true), january2030, '2030-01-01', cph).map((m) => m.date)).toEqual(['2030-02-05']);
    expect(plannedMeetings(rule(false), january2030, '2030-01-01', cph).map((m) => m.date)).toEqual(['2030-01-01', '2030-02-05']);
  });

  it('knows the Danish public holidays, without Store Bededag from 2024', () => {
    expect(['2025-04-17', '2025-04-18', '2025-05-29', '2025-06-09', '2025-12-26'].every(isDanishPublicHoliday)).toBe(true);
    expect(isDanishPublicHoliday('2023-05-05')).toBe(true); // the last Store Bededag
    expect(isDanishPublicHoliday('2024-04-26')).toBe(false);
    expect(isDanishPublicHoliday('2025-06-10')).toBe(false);
  });

  it('plans "3-4 møder årligt" as four evenly spread, approximate dates', () => {
    const meetings = plannedMeetings(cadenceOf(husum, 'administrativ-foelgegruppe'), calendarYear(2026), husum.period.start, cph);
    expect(meetings.map((m) => m.date)).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
    expect(meetings.every((m) => m.approximate)).toBe(true);
  });

  it('plans a weekly cadence every week of 2024 from the plan start', () => {
    const weekly: Cadence = { kind: 'every', n: 1, unit: 'week', text: 'ugentligt' };
    const meetings = plannedMeetings(weekly, calendarYear(2024), tryghed.period.start, cph);
    expect(meetings).toHaveLength(53); // 1 January 2024 was a Monday; 30 December too
    expect(meetings[1]!.date).toBe('2024-01-08');
  });

  it('skips a month with no fifth Tuesday, plans dated one-offs, and nothing for "efter behov"', () => {
    const fifth: Cadence = { kind: 'monthlyWeekday', nth: 5, weekday: 'tuesday', skipPublicHolidays: false, text: 'femte tirsdag' };
    expect(plannedMeetings(fifth, { from: '2025-01-01', to: '2025-06-30' }, '2025-01-01', cph).map((m) => m.date)).toEqual(['2025-04-29']);
    const dated: Cadence = { kind: 'dated', dates: ['2024-10-18', '2024-08-31'], text: 'Kulturnatten' };
    expect(plannedMeetings(dated, calendarYear(2024), '2024-01-01', cph).map((m) => m.date)).toEqual(['2024-08-31', '2024-10-18']);
    expect(plannedMeetings({ kind: 'asNeeded', text: 'efter behov' }, calendarYear(2025), '2025-01-01', cph)).toEqual([]);
  });

  it('plans the quarterly Fritidsjobnetværket every third month from the plan start', () => {
    const meetings = plannedMeetings(cadenceOf(husum, 'fritidsjobnetvaerket'), calendarYear(2025), husum.period.start, cph);
    expect(meetings.map((m) => m.date)).toEqual(['2025-03-01', '2025-06-01', '2025-09-01', '2025-12-01']);
  });

  it('plans "mindst 2-3 årligt" (the local follow-up group) as three approximate dates a year', () => {
    const meetings = plannedMeetings(cadenceOf(husum, 'lokal-foelgegruppe'), calendarYear(2027), husum.period.start, cph);
    expect(meetings.map((m) => m.date)).toEqual(['2027-01-01', '2027-05-01', '2027-09-01']);
    expect(meetings.every((m) => m.approximate)).toBe(true);
  });

  it('finds the next meeting from a given day', () => {
    expect(nextMeeting(tryghed, cadenceOf(tryghed, 'din-fritid-netvaerk'), '2024-06-02')?.date).toBe('2024-08-01');
    expect(nextMeeting(husum, cadenceOf(husum, 'din-fritid-netvaerk'), '2025-06-02')?.date).toBe('2025-07-01');
  });
});

describe('wall-clock time to UTC in Copenhagen', () => {
  it.each([
    ['2025-03-29', '16:00', '2025-03-29T15:00:00.000Z'],
    ['2025-03-30', '16:00', '2025-03-30T14:00:00.000Z'], // the day summer time starts
    ['2025-10-26', '16:00', '2025-10-26T15:00:00.000Z'], // the day it ends
    ['2028-02-29', '09:30', '2028-02-29T08:30:00.000Z'],
  ])('%s %s is %s', (date, time, utc) => {
    expect(zonedTimeToUtc(date, time, 'Europe/Copenhagen').toISOString()).toBe(utc);
  });
});

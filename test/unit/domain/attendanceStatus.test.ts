import type { AttendanceRecord } from '../../../src/domain/attendance/attendance';
import { calendarYear, isoWeekDays, isoWeekNumber, localDate } from '../../../src/domain/calendar';
import { attendanceStatus, elapsedShare } from '../../../src/domain/status/attendanceStatus';
import { loadDemoPlan } from '../../fixtures/plans';

const plan = loadDemoPlan();
let n = 0;
function session(activityId: string, date: string, headcount: number, newParticipants?: number): AttendanceRecord {
  n++;
  return { id: `s${n}`, planId: plan.id, type: 'attendance', activityId, date, headcount, newParticipants, loggedBy: 'alex-wilber', loggedAt: `${date}T18:00:00Z` };
}

function statusOf(activityId: string, records: AttendanceRecord[], year: number, today: string) {
  const line = attendanceStatus(plan, records, calendarYear(year), today).find((a) => a.activity.id === activityId);
  if (!line) throw new Error(`${activityId} has no attendance target in the demo plan`);
  return line;
}

describe('attendance status against the Husum-Tingbjerg targets', () => {
  it('averages Legepatrulje over the year\'s sessions against "i gennemsnit 15 børn pr. gang"', () => {
    const records = [session('legepatrulje', '2025-04-02', 12), session('legepatrulje', '2025-04-09', 15), session('legepatrulje', '2025-04-16', 21)];
    const line = statusOf('legepatrulje', records, 2025, '2025-04-20');
    expect(line.sessions).toBe(3);
    expect(line.averageAttendance).toBe(16); // (12 + 15 + 21) / 3
    expect(line.targets.find((t) => t.target.id === 'boern-pr-gang')).toMatchObject({ actual: 16, judgement: 'onTrack' });
  });

  it('is behind on the average when the sessions are small', () => {
    const line = statusOf('legepatrulje', [session('legepatrulje', '2025-05-07', 10), session('legepatrulje', '2025-05-14', 13)], 2025, '2025-05-20');
    expect(line.targets.find((t) => t.target.id === 'boern-pr-gang')).toMatchObject({ actual: 11.5, judgement: 'behind' });
  });

  it('counts a session on 31 December in that year and not in the next', () => {
    const records = [session('legepatrulje', '2024-12-31', 30), session('legepatrulje', '2025-01-01', 10)];
    expect(statusOf('legepatrulje', records, 2024, '2025-01-02')).toMatchObject({ sessions: 1, averageAttendance: 30 });
    expect(statusOf('legepatrulje', records, 2025, '2025-01-02')).toMatchObject({ sessions: 1, averageAttendance: 10 });
  });

  it('judges the weekly Legepatrulje only on its season, 1 April to 30 September', () => {
    // Today 28 April 2025: 28 days of season have passed, so 4 weeks; 4 sessions is one a week.
    const weekly = ['2025-04-02', '2025-04-09', '2025-04-16', '2025-04-23'].map((d) => session('legepatrulje', d, 15));
    const target = (records: AttendanceRecord[]) => statusOf('legepatrulje', records, 2025, '2025-04-28').targets.find((t) => t.target.id === 'en-gang-om-ugen');
    expect(target(weekly)).toMatchObject({ actual: 1, judgement: 'onTrack' });
    expect(target(weekly.slice(0, 3))).toMatchObject({ actual: 0.8, judgement: 'behind' });
    // A session in March is outside the season and does not count towards the weekly rhythm.
    expect(target([session('legepatrulje', '2025-03-12', 15), ...weekly.slice(0, 3)])).toMatchObject({ actual: 0.8 });
  });

  it('prorates the yearly "2 hold om året á 20 undervisningsgange" by the share of the year passed', () => {
    const id = 'kompetenceudvikling-og-kurser';
    const target = plan.activities.find((a) => a.id === id)!.targets.find((t) => t.kind === 'count' && t.of === 'sessions')!;
    // 2 July 2025 is day 183 of 365: 40 × 183/365 = 20.05 sessions expected by then.
    const twenty = Array.from({ length: 20 }, (_, i) => session(id, `2025-03-${String(i + 1).padStart(2, '0')}`, 8));
    const judged = (records: AttendanceRecord[]) => statusOf(id, records, 2025, '2025-07-02').targets.find((t) => t.target.id === target.id);
    expect(judged(twenty)).toMatchObject({ actual: 20, judgement: 'behind' });
    expect(judged([...twenty, session(id, '2025-04-01', 8)])).toMatchObject({ actual: 21, judgement: 'onTrack' });
  });

  it('counts new participants for "minimum 40 nye lommepengejobbere" over a whole year', () => {
    const id = 'lommepengejob-og-fritidsjob';
    const records = [session(id, '2025-02-03', 12, 12), session(id, '2025-08-04', 20, 15), session(id, '2025-11-03', 25, 14)];
    const line = statusOf(id, records, 2025, '2026-01-10');
    expect(line.targets.find((t) => t.target.kind === 'count')).toMatchObject({ actual: 41, judgement: 'onTrack' });
  });

  it('says "no data" for an activity nobody has logged yet', () => {
    const line = statusOf('legepatrulje', [], 2025, '2025-06-16');
    expect(line).toMatchObject({ sessions: 0, averageAttendance: undefined });
    expect(line.targets.every((t) => t.judgement === 'noData')).toBe(true);
  });

  it('clips a year to the plan period: 2024 starts on 1 September', () => {
    expect(elapsedShare({ from: '2024-09-01', to: '2024-12-31' }, '2024-10-31')).toBeCloseTo(61 / 122, 5);
    expect(elapsedShare(calendarYear(2028), '2028-02-29')).toBeCloseTo(60 / 366, 5); // leap year
  });
});

describe('the local date in Copenhagen across summer-time changes', () => {
  it.each([
    ['2025-03-29T23:30:00Z', '2025-03-30'], // 00:30 CET, the night summer time starts
    ['2025-03-30T21:59:00Z', '2025-03-30'], // 23:59 CEST
    ['2025-10-25T21:30:00Z', '2025-10-25'], // 23:30 CEST, the night summer time ends
    ['2025-10-25T22:30:00Z', '2025-10-26'], // 00:30 CEST
    ['2025-12-31T23:00:00Z', '2026-01-01'], // midnight, New Year
  ])('%s is %s', (instant, date) => {
    expect(localDate(new Date(instant), 'Europe/Copenhagen')).toBe(date);
  });
});

describe('ISO weeks, as the plans number them ("uge 9")', () => {
  it.each([
    ['2025-06-12', 24, '2025-06-09', '2025-06-15'],
    ['2024-12-30', 1, '2024-12-30', '2025-01-05'], // Monday 30 December 2024 starts week 1 of 2025
    ['2021-01-03', 53, '2020-12-28', '2021-01-03'], // a Sunday still in week 53 of 2020
    ['2028-02-29', 9, '2028-02-28', '2028-03-05'], // leap day
  ])('%s is in week %i, from %s to %s', (date, week, monday, sunday) => {
    expect(isoWeekNumber(date)).toBe(week);
    const days = isoWeekDays(date);
    expect([days[0], days[6]]).toEqual([monday, sunday]);
  });
});

import type { AttendanceRecord } from '../attendance/attendance';
import { daysBetween, intersect, type DateRange, type IsoDate } from '../calendar';
import type { Activity, Plan, Target } from '../plan/schema';
import { judge, type Judgement } from './judge';

/** The attendance-based target kinds: the ones a session log alone can answer. */
export type AttendanceTarget = Extract<Target, { kind: 'averageAttendance' | 'sessionsPerWeek' | 'count' }>;

export interface TargetStatus {
  target: AttendanceTarget;
  actual: number | undefined;
  judgement: Judgement;
}

export interface ActivityAttendanceStatus {
  activity: Activity;
  sessions: number;
  totalHeadcount: number;
  averageAttendance: number | undefined;
  targets: TargetStatus[];
}

export function isAttendanceTarget(t: Target): t is AttendanceTarget {
  return t.kind === 'averageAttendance' || t.kind === 'sessionsPerWeek' || (t.kind === 'count' && (t.of === 'participants' || t.of === 'newParticipants' || t.of === 'sessions'));
}

/** Share of the range that has passed by `today` (inclusive of both ends), 0..1. */
export function elapsedShare(range: DateRange, today: IsoDate): number {
  const total = daysBetween(range.from, range.to) + 1;
  if (today < range.from) return 0;
  if (today >= range.to) return 1;
  return (daysBetween(range.from, today) + 1) / total;
}

function monthOf(date: IsoDate): number {
  return Number(date.slice(5, 7));
}

/** Days from `from` to `to` inclusive that fall outside the excluded months. */
function activeDays(from: IsoDate, to: IsoDate, excludedMonths: Set<number>): number {
  if (to < from) return 0;
  let count = 0;
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    if (!excludedMonths.has(new Date(t).getUTCMonth() + 1)) count++;
  }
  return count;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Status of every activity with an attendance target over a range (usually a calendar year),
 * from the sessions logged in that range. The range is clipped to the plan period.
 */
export function attendanceStatus(plan: Plan, records: AttendanceRecord[], range: DateRange, today: IsoDate): ActivityAttendanceStatus[] {
  const window = intersect(range, { from: plan.period.start, to: plan.period.end }) ?? range;
  const share = elapsedShare(window, today);
  const elapsedEnd = today < window.to ? today : window.to;

  const byActivity = new Map<string, AttendanceRecord[]>();
  for (const r of records) {
    if (r.date < window.from || r.date > window.to) continue;
    const list = byActivity.get(r.activityId) ?? [];
    list.push(r);
    byActivity.set(r.activityId, list);
  }

  return plan.activities
    .map((activity) => ({ activity, targets: activity.targets.filter(isAttendanceTarget) }))
    .filter(({ targets }) => targets.length > 0)
    .map(({ activity, targets }) => {
      const sessions = byActivity.get(activity.id) ?? [];
      const totalHeadcount = sessions.reduce((sum, s) => sum + s.headcount, 0);
      const totalNew = sessions.reduce((sum, s) => sum + (s.newParticipants ?? 0), 0);
      const averageAttendance = sessions.length ? round1(totalHeadcount / sessions.length) : undefined;
      return {
        activity,
        sessions: sessions.length,
        totalHeadcount,
        averageAttendance,
        targets: targets.map((target): TargetStatus => {
          switch (target.kind) {
            case 'averageAttendance':
              return { target, actual: averageAttendance, judgement: judge(averageAttendance, target.amount) };
            case 'sessionsPerWeek': {
              // A seasonal activity ("1. april - 30. september") is judged on its season only.
              const excluded = new Set(target.excludeMonths ?? []);
              const inSeason = sessions.filter((r) => !excluded.has(monthOf(r.date)));
              const weeks = activeDays(window.from, elapsedEnd, excluded) / 7;
              const perWeek = weeks >= 1 && inSeason.length ? round1(inSeason.length / weeks) : undefined;
              return { target, actual: perWeek, judgement: judge(perWeek, target.amount) };
            }
            case 'count': {
              const actual = target.of === 'sessions' ? sessions.length : target.of === 'newParticipants' ? totalNew : totalHeadcount;
              // Counts are per week/month/year in the plans; the status range is a year, so
              // yearly targets are prorated and others are compared per elapsed period.
              const periodsInRange = target.per === 'year' || target.per === 'plan' ? 1 : target.per === 'quarter' ? 4 : target.per === 'month' ? 12 : 52;
              const scaled = { ...target.amount };
              if (periodsInRange !== 1) {
                for (const k of ['min', 'max', 'approx'] as const) if (scaled[k] !== undefined) scaled[k] = scaled[k]! * periodsInRange;
              }
              return { target, actual: sessions.length ? actual : undefined, judgement: judge(sessions.length ? actual : undefined, scaled, share) };
            }
          }
        }),
      };
    });
}

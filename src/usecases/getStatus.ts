import { calendarYear, yearOf } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import type { Plan } from '../domain/plan/schema';
import { attendanceStatus, type ActivityAttendanceStatus } from '../domain/status/attendanceStatus';
import { authorize, isDenied, type Denied } from './authorize';
import type { Repositories } from './ports';

export type StatusResult = Denied | { kind: 'status'; plan: Plan; year: number; today: string; activities: ActivityAttendanceStatus[] };

/** This year's attendance against the plan's attendance targets, for every such activity. */
export async function getStatus(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<StatusResult> {
  const member = await authorize(repos, clock, aadObjectId, 'viewStatus');
  if (isDenied(member)) return member;
  const year = yearOf(member.today);
  const range = calendarYear(year);
  const records = await repos.records.listInRange(member.plan.id, 'attendance', range);
  return { kind: 'status', plan: member.plan, year, today: member.today, activities: attendanceStatus(member.plan, records, range, member.today) };
}

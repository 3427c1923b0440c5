import { isValidIsoDate, type IsoDate } from '../calendar';
import type { FieldError, Validated } from '../fieldErrors';
import type { Plan } from '../plan/schema';

/** One logged session of an activity: the unit the plan's attendance targets are counted from. */
export interface AttendanceRecord {
  id: string;
  planId: string;
  type: 'attendance';
  activityId: string;
  date: IsoDate;
  headcount: number;
  newParticipants?: number;
  loggedBy: string;
  loggedAt: string;
}

/** The values as typed into the card; all optional text until validated. */
export interface AttendanceEntry {
  activityId?: string;
  date?: string;
  headcount?: string;
  newParticipants?: string;
}

export interface AttendanceFacts {
  activityId: string;
  date: IsoDate;
  headcount: number;
  newParticipants?: number;
}

// A session bigger than this is a typing slip; Tingbjerg Challenge, the largest event, has ~1,000.
const MAX_HEADCOUNT = 5000;

function parseCount(field: string, raw: string | undefined, required: boolean, errors: FieldError[]): number | undefined {
  const text = raw?.trim() ?? '';
  if (text === '') {
    if (required) errors.push({ field, code: 'required' });
    return undefined;
  }
  if (!/^-?\d+$/.test(text)) {
    errors.push({ field, code: 'notAWholeNumber' });
    return undefined;
  }
  const value = Number(text);
  if (value < 0) errors.push({ field, code: 'negative' });
  else if (value > MAX_HEADCOUNT) errors.push({ field, code: 'tooLarge' });
  else return value;
  return undefined;
}

/** Checks an attendance entry against the plan and today's date in the plan's time zone. */
export function validateAttendance(entry: AttendanceEntry, plan: Plan, today: IsoDate): Validated<AttendanceFacts> {
  const errors: FieldError[] = [];
  const activityId = entry.activityId?.trim() ?? '';
  if (activityId === '') errors.push({ field: 'activityId', code: 'required' });
  else if (!plan.activities.some((a) => a.id === activityId)) errors.push({ field: 'activityId', code: 'unknownActivity' });

  const date = entry.date?.trim() ?? '';
  if (date === '') errors.push({ field: 'date', code: 'required' });
  else if (!isValidIsoDate(date)) errors.push({ field: 'date', code: 'invalidDate' });
  else if (date < plan.period.start) errors.push({ field: 'date', code: 'beforePlanPeriod' });
  else if (date > plan.period.end) errors.push({ field: 'date', code: 'afterPlanPeriod' });
  else if (date > today) errors.push({ field: 'date', code: 'inFuture' });

  const headcount = parseCount('headcount', entry.headcount, true, errors);
  const newParticipants = parseCount('newParticipants', entry.newParticipants, false, errors);
  if (headcount !== undefined && newParticipants !== undefined && newParticipants > headcount) {
    errors.push({ field: 'newParticipants', code: 'newExceedsHeadcount' });
  }
  if (errors.length || headcount === undefined) return { ok: false, errors };
  return { ok: true, value: { activityId, date, headcount, ...(newParticipants === undefined ? {} : { newParticipants }) } };
}

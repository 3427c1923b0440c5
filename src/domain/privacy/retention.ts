import type { AttendanceRecord } from '../attendance/attendance';
import { addMonths, type IsoDate } from '../calendar';
import type { Plan } from '../plan/schema';
import type { ReferralRecord } from '../records/referral';

/** Records dated before this day lose their person codes: today minus the plan's retention months. */
export function retentionCutoff(plan: Plan, today: IsoDate): IsoDate {
  return addMonths(today, -plan.settings.personCodeRetentionMonths);
}

/**
 * The record without person codes, counts untouched: a session keeps its headcount and the
 * number of codes it had, a referral keeps its path and dates.
 */
export function stripPersonCodes<R extends AttendanceRecord | ReferralRecord>(record: R): R {
  if (record.type === 'attendance') {
    const { participantCodes, ...rest } = record as AttendanceRecord;
    return (participantCodes ? { ...rest, participantCodesStripped: participantCodes.length } : record) as R;
  }
  const { personCode, ...rest } = record as ReferralRecord;
  return (personCode ? rest : record) as R;
}

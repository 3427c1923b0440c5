import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { validateAttendance, type AttendanceEntry, type AttendanceRecord } from '../domain/attendance/attendance';
import type { Clock } from '../domain/clock';
import type { FieldError } from '../domain/fieldErrors';
import type { Activity, Plan } from '../domain/plan/schema';
import { auditEntry } from '../domain/records/audit';
import { authorize, isDenied, type Denied } from './authorize';
import type { Repositories } from './ports';

/** What the attendance card sends back. Input values arrive as text (numbers too, in Teams). */
const text = (max: number) => z.union([z.string().max(max), z.number().finite()]).transform(String).optional();
export const attendanceSubmitSchema = z.object({
  planId: z.string().min(1).max(100),
  submissionId: z.string().uuid(),
  activityId: text(100),
  date: text(30),
  headcount: text(20),
  newParticipants: text(20),
});
export type AttendanceSubmit = z.output<typeof attendanceSubmitSchema>;

export interface AttendanceForm {
  plan: Plan;
  activities: Activity[];
  submissionId: string;
  values: AttendanceEntry;
  errors: FieldError[];
  /** Set when the card could not be read at all (tampered or truncated). */
  unreadable?: boolean;
}

export type LogAttendanceResult =
  | Denied
  | { kind: 'saved'; record: AttendanceRecord; activity: Activity; plan: Plan; alreadySaved: boolean }
  | { kind: 'invalid'; form: AttendanceForm };

/** Activities offered in the card: those the plan counts sessions for come first. */
function loggableActivities(plan: Plan): Activity[] {
  return [...plan.activities];
}

export async function prepareAttendanceForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<AttendanceForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'logAttendance');
  if (isDenied(member)) return member;
  return { plan: member.plan, activities: loggableActivities(member.plan), submissionId: randomUUID(), values: { date: member.today }, errors: [] };
}

function pickEntry(payload: unknown): AttendanceEntry {
  const source = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const entry: AttendanceEntry = {};
  for (const key of ['activityId', 'date', 'headcount', 'newParticipants'] as const) {
    const v = source[key];
    if (typeof v === 'string' || typeof v === 'number') entry[key] = String(v).slice(0, 100);
  }
  return entry;
}

/**
 * Saves one session's attendance from a card submit. The plan is taken from the user's own
 * membership: a payload naming another plan is treated as tampered and nothing is stored.
 */
export async function logAttendance(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<LogAttendanceResult> {
  const member = await authorize(repos, clock, aadObjectId, 'logAttendance');
  if (isDenied(member)) return member;
  const { plan, today, membership } = member;
  const values = pickEntry(payload);

  const parsed = attendanceSubmitSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== plan.id) {
    return { kind: 'invalid', form: { plan, activities: loggableActivities(plan), submissionId: randomUUID(), values, errors: [], unreadable: true } };
  }
  const submit = parsed.data;
  const checked = validateAttendance(submit, plan, today);
  if (!checked.ok) {
    return { kind: 'invalid', form: { plan, activities: loggableActivities(plan), submissionId: submit.submissionId, values, errors: checked.errors } };
  }
  const record: AttendanceRecord = {
    id: `attendance-${submit.submissionId}`,
    planId: plan.id,
    type: 'attendance',
    ...checked.value,
    loggedBy: membership.memberId,
    loggedAt: clock.now().toISOString(),
  };
  const { created, record: stored } = await repos.records.createOnce(record);
  await repos.audit.append(auditEntry({ planId: plan.id, at: stored.loggedAt, actor: membership.memberId, action: 'create', recordType: 'attendance', recordId: stored.id, discriminator: 'first', after: stored }));
  const activity = plan.activities.find((a) => a.id === stored.activityId)!;
  return { kind: 'saved', record: stored, activity, plan, alreadySaved: !created };
}

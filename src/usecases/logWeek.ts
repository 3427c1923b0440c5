import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { validateAttendance, type AttendanceRecord } from '../domain/attendance/attendance';
import { isoWeekDays, isValidIsoDate } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import type { FieldError } from '../domain/fieldErrors';
import type { Activity, Plan } from '../domain/plan/schema';
import { auditEntry } from '../domain/records/audit';
import { authorize, isDenied, type Denied } from './authorize';
import { cardText, formIdentity, keptIdentity, pickValues } from './cardSubmit';
import type { Form } from './forms';
import type { Repositories } from './ports';

const dayKeys = Array.from({ length: 7 }, (_, i) => [`day${i + 1}Headcount`, `day${i + 1}New`] as const).flat();
const entryKeys = ['activityId', 'weekOf', ...dayKeys] as const;
export type WeekEntry = Partial<Record<(typeof entryKeys)[number], string>>;

export const weekSubmitSchema = z.object({
  ...formIdentity,
  activityId: cardText(100),
  weekOf: cardText(30),
  ...Object.fromEntries(dayKeys.map((k) => [k, cardText(20)])),
});

export interface WeekForm extends Form<WeekEntry> {
  activities: Activity[];
  /** Monday to Sunday of the week shown. */
  days: string[];
}

export type LogWeekResult = Denied | { kind: 'saved'; plan: Plan; activity: Activity; records: AttendanceRecord[] } | { kind: 'invalid'; form: WeekForm };

/** Weekly activities first: "ugentligt" is what this card is for. */
function weeklyFirst(plan: Plan): Activity[] {
  return [...plan.activities.filter((a) => a.sessionCadence === 'weekly'), ...plan.activities.filter((a) => a.sessionCadence !== 'weekly')];
}

export async function prepareWeekForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<WeekForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'logAttendance');
  if (isDenied(member)) return member;
  return { plan: member.plan, activities: weeklyFirst(member.plan), submissionId: randomUUID(), days: isoWeekDays(member.today), values: { weekOf: member.today }, errors: [] };
}

/** The card as it was filled in, for when it could not be saved (the database did not answer). */
export function keptWeekForm(plan: Plan, payload: unknown, today: string): WeekForm {
  const values = pickValues(payload, entryKeys) as WeekEntry;
  const weekOf = values.weekOf && isValidIsoDate(values.weekOf) ? values.weekOf : today;
  return { plan, activities: weeklyFirst(plan), submissionId: keptIdentity(payload).submissionId, days: isoWeekDays(weekOf), values, errors: [], unavailable: true };
}

/**
 * Logs up to seven sessions of one activity for a week in one go: every day with a headcount
 * becomes a session. All days are checked first; one wrong day stores nothing.
 */
export async function logWeek(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<LogWeekResult> {
  const member = await authorize(repos, clock, aadObjectId, 'logAttendance');
  if (isDenied(member)) return member;
  const { plan, today, membership } = member;
  const values = pickValues(payload, entryKeys) as WeekEntry;
  const weekOf = values.weekOf && isValidIsoDate(values.weekOf) ? values.weekOf : today;
  const form = (errors: FieldError[], submissionId: string = randomUUID(), unreadable = false): LogWeekResult => ({
    kind: 'invalid',
    form: { plan, activities: weeklyFirst(plan), submissionId, days: isoWeekDays(weekOf), values, errors, unreadable },
  });
  const parsed = weekSubmitSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== plan.id) return form([], undefined, true);
  const submit = parsed.data as z.output<typeof weekSubmitSchema> & WeekEntry;

  const errors: FieldError[] = [];
  if (!submit.weekOf || !isValidIsoDate(submit.weekOf)) errors.push({ field: 'weekOf', code: submit.weekOf ? 'invalidDate' : 'required' });
  const days = isoWeekDays(weekOf);
  const facts = [];
  for (const [i, date] of days.entries()) {
    const headcount = submit[`day${i + 1}Headcount` as const]?.trim() ?? '';
    const newParticipants = submit[`day${i + 1}New` as const]?.trim() ?? '';
    if (!headcount && !newParticipants) continue;
    const checked = validateAttendance({ activityId: submit.activityId, date, headcount, newParticipants }, plan, today);
    if (checked.ok) facts.push(checked.value);
    // Day-level problems are reported on that day's row; activity problems once.
    else for (const e of checked.errors) errors.push(e.field === 'activityId' ? e : { field: `day${i + 1}`, code: e.code });
  }
  if (!facts.length && !errors.length) errors.push({ field: 'days', code: 'required' });
  if (errors.length) return form([...new Map(errors.map((e) => [`${e.field}:${e.code}`, e])).values()], submit.submissionId);

  const now = clock.now().toISOString();
  const records: AttendanceRecord[] = [];
  for (const f of facts) {
    const record: AttendanceRecord = { id: `attendance-${submit.submissionId}-${f.date}`, planId: plan.id, type: 'attendance', ...f, loggedBy: membership.memberId, loggedAt: now };
    const { record: stored } = await repos.records.createOnce(record);
    await repos.audit.append(auditEntry({ planId: plan.id, at: stored.loggedAt, actor: membership.memberId, action: 'create', recordType: 'attendance', recordId: stored.id, discriminator: 'first', after: stored }));
    records.push(stored);
  }
  return { kind: 'saved', plan, activity: plan.activities.find((a) => a.id === submit.activityId)!, records };
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { validateAttendance, type AttendanceRecord } from '../domain/attendance/attendance';
import { addDays, isoWeekDays, isValidIsoDate } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import type { FieldError } from '../domain/fieldErrors';
import type { Activity, Plan } from '../domain/plan/schema';
import { auditEntry } from '../domain/records/audit';
import { authorize, isDenied, type Denied, type MembershipSource } from './authorize';
import { savedOnRememberedMembership } from './savedOnRememberedMembership';
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
  /** The weeks to choose from, Mondays, newest first: this one and the previous ones. */
  weeks: string[];
  /** Another week was chosen than the one whose days the card showed: nothing was saved. */
  weekChanged?: boolean;
}

/** Weeks offered: this one and seven before it (Teams' forms cannot change their day labels by themselves). */
const WEEKS_OFFERED = 8;
const weeksBefore = (today: string) => Array.from({ length: WEEKS_OFFERED }, (_, i) => isoWeekDays(addDays(today, -7 * i))[0]!);

export type LogWeekResult = Denied | { kind: 'saved'; plan: Plan; activity: Activity; records: AttendanceRecord[] } | { kind: 'invalid'; form: WeekForm };

/** Weekly activities first: "ugentligt" is what this card is for. */
function weeklyFirst(plan: Plan): Activity[] {
  return [...plan.activities.filter((a) => a.sessionCadence === 'weekly'), ...plan.activities.filter((a) => a.sessionCadence !== 'weekly')];
}

/**
 * The week card, for this week, or for the week chosen on a card already open ("Vis ugen"): its
 * days are then that week's, and what was typed stays.
 */
export async function prepareWeekForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload?: unknown): Promise<WeekForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'logAttendance');
  if (isDenied(member)) return member;
  const typed = payload ? (pickValues(payload, entryKeys) as WeekEntry) : {};
  const weeks = weeksBefore(member.today);
  const monday = typed.weekOf && isValidIsoDate(typed.weekOf) ? isoWeekDays(typed.weekOf)[0]! : weeks[0]!;
  const submissionId = payload ? keptIdentity(payload).submissionId : randomUUID();
  return { plan: member.plan, activities: weeklyFirst(member.plan), submissionId, days: isoWeekDays(monday), weeks, values: { ...typed, weekOf: monday }, errors: [] };
}

/** The card as it was filled in, for when it could not be saved (the database did not answer). */
export function keptWeekForm(plan: Plan, payload: unknown, today: string): WeekForm {
  const values = pickValues(payload, entryKeys) as WeekEntry;
  const weekOf = values.weekOf && isValidIsoDate(values.weekOf) ? values.weekOf : today;
  return { plan, activities: weeklyFirst(plan), submissionId: keptIdentity(payload).submissionId, days: isoWeekDays(weekOf), weeks: weeksBefore(today), values, errors: [], unavailable: true };
}

/**
 * Logs up to seven sessions of one activity for a week in one go: every day with a headcount
 * becomes a session. All days are checked first; one wrong day stores nothing.
 */
export function logWeek(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<LogWeekResult> {
  return savedOnRememberedMembership(repos, (source) => logWeekOn(repos, clock, aadObjectId, payload, source));
}

async function logWeekOn(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown, source: MembershipSource): Promise<LogWeekResult> {
  const member = await authorize(repos, clock, aadObjectId, 'logAttendance', source);
  if (isDenied(member)) return member;
  const { plan, today, membership } = member;
  const values = pickValues(payload, entryKeys) as WeekEntry;
  const weekOf = values.weekOf && isValidIsoDate(values.weekOf) ? values.weekOf : today;
  const form = (errors: FieldError[], submissionId: string = randomUUID(), unreadable = false, weekChanged = false): LogWeekResult => ({
    kind: 'invalid',
    form: { plan, activities: weeklyFirst(plan), submissionId, days: isoWeekDays(weekOf), weeks: weeksBefore(today), values: { ...values, weekOf: isoWeekDays(weekOf)[0]! }, errors, unreadable, weekChanged },
  });
  const parsed = weekSubmitSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== plan.id) return form([], undefined, true);
  const submit = parsed.data as z.output<typeof weekSubmitSchema> & WeekEntry;
  // The days were typed against the dates the card showed; another week chosen since then is shown
  // first, with what was typed, and saved only when the user has seen its dates.
  const shown = typeof (payload as { shownWeek?: unknown }).shownWeek === 'string' ? (payload as { shownWeek: string }).shownWeek : undefined;
  if (shown && isValidIsoDate(shown) && isValidIsoDate(weekOf) && isoWeekDays(shown)[0] !== isoWeekDays(weekOf)[0]) return form([], submit.submissionId, false, true);

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
    const { record: stored } = await repos.records.createOnce(
      record,
      auditEntry({ planId: plan.id, at: now, actor: membership.memberId, action: 'create', recordType: 'attendance', recordId: record.id, discriminator: 'first', after: record }),
      member.proof,
    );
    records.push(stored);
  }
  return { kind: 'saved', plan, activity: plan.activities.find((a) => a.id === submit.activityId)!, records };
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ageInputId, genderInputId, genders, validateAttendance, type AttendanceEntry, type AttendanceFacts, type AttendanceRecord } from '../domain/attendance/attendance';
import { ageBandsOf } from '../domain/records/ageBands';
import type { Clock } from '../domain/clock';
import type { Activity, Plan } from '../domain/plan/schema';
import { auditEntry } from '../domain/records/audit';
import { authorize, isDenied, type Denied, type MembershipSource } from './authorize';
import { savedOnRememberedMembership } from './savedOnRememberedMembership';
import { correctRecord } from './correctRecord';
import type { MemberInPlan } from './resolveMember';
import { cardText, formIdentity, keptIdentity, pickValues } from './cardSubmit';
import type { Form, SaveResult } from './forms';
import type { Repositories } from './ports';

/** The split inputs of a plan's card: one per age band the plan uses, and one per gender. */
const splitKeysOf = (plan: Plan) => [...ageBandsOf(plan).map(ageInputId), ...genders.map(genderInputId)];
const fixedKeys = ['activityId', 'date', 'headcount', 'newParticipants', 'volunteers', 'placeId', 'sessionKind', 'organisations', 'participantCodes', 'note'] as const;
export const attendanceEntryKeysOf = (plan: Plan): string[] => [...fixedKeys, ...splitKeysOf(plan)];

/** What the attendance card sends back. Input values arrive as text (numbers too, in Teams). */
export const attendanceSubmitSchema = z.object({
  ...formIdentity,
  correcting: z.string().max(200).optional(),
  activityId: cardText(100),
  date: cardText(30),
  headcount: cardText(20),
  newParticipants: cardText(20),
  volunteers: cardText(20),
  placeId: cardText(100),
  sessionKind: cardText(100),
  organisations: cardText(4000),
  participantCodes: cardText(2000),
  note: cardText(2000),
});
/** The age split follows the plan's own bands, so its inputs are read per plan; built once per set of bands (a zod schema costs more to build than to use). */
const splitSchemaFor = (keys: string[]) => z.object(Object.fromEntries(keys.map((k) => [k, cardText(20)])));
const splitSchemas = new Map<string, ReturnType<typeof splitSchemaFor>>();
function splitSchemaOf(plan: Plan): ReturnType<typeof splitSchemaFor> {
  const keys = splitKeysOf(plan);
  const key = keys.join(' ');
  let schema = splitSchemas.get(key);
  if (!schema) splitSchemas.set(key, (schema = splitSchemaFor(keys)));
  return schema;
}
export type AttendanceSubmit = z.output<typeof attendanceSubmitSchema>;

export interface AttendanceForm extends Form<AttendanceEntry> {
  activities: Activity[];
}

export type LogAttendanceResult = SaveResult<AttendanceRecord, AttendanceForm, { activity: Activity }>;

/** Activities offered in the card: those the plan counts sessions for come first. */
function loggableActivities(plan: Plan): Activity[] {
  return [...plan.activities];
}

export async function prepareAttendanceForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined, prefill: { activityId?: string } = {}): Promise<AttendanceForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'logAttendance');
  if (isDenied(member)) return member;
  // From a "no attendance logged" reminder, its activity is preselected.
  const activityId = member.plan.activities.some((a) => a.id === prefill.activityId) ? prefill.activityId : undefined;
  return { plan: member.plan, activities: loggableActivities(member.plan), submissionId: randomUUID(), values: { date: member.today, ...(activityId ? { activityId } : {}) }, errors: [] };
}

/** The card as it was filled in, for when it could not be saved (the database did not answer). */
export function keptAttendanceForm(plan: Plan, payload: unknown): AttendanceForm {
  return { plan, activities: loggableActivities(plan), ...keptIdentity(payload), values: pickValues(payload, attendanceEntryKeysOf(plan)) as AttendanceEntry, errors: [], unavailable: true };
}

/**
 * Saves one session's attendance from a card submit. The plan is taken from the user's own
 * membership: a payload naming another plan is treated as tampered and nothing is stored.
 */
export function logAttendance(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<LogAttendanceResult> {
  return savedOnRememberedMembership(repos, (source) => logAttendanceOn(repos, clock, aadObjectId, payload, source));
}

async function logAttendanceOn(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown, source: MembershipSource): Promise<LogAttendanceResult> {
  const member = await authorize(repos, clock, aadObjectId, 'logAttendance', source);
  if (isDenied(member)) return member;
  const { plan, today, membership } = member;
  const values = pickValues(payload, attendanceEntryKeysOf(plan)) as AttendanceEntry;

  const parsed = attendanceSubmitSchema.safeParse(payload);
  const splits = splitSchemaOf(plan).safeParse(payload);
  if (!parsed.success || !splits.success || parsed.data.planId !== plan.id) {
    return { kind: 'invalid', form: { plan, activities: loggableActivities(plan), submissionId: randomUUID(), values, errors: [], unreadable: true } };
  }
  const submit = { ...parsed.data, ...splits.data };
  const checked = validateAttendance(submit as AttendanceEntry, plan, today);
  if (!checked.ok) {
    return { kind: 'invalid', form: { plan, activities: loggableActivities(plan), submissionId: submit.submissionId, values, errors: checked.errors, correcting: submit.correcting } };
  }
  if (submit.correcting) return correctAttendance(repos, clock, member, submit.correcting, submit.submissionId, checked.value);
  const record: AttendanceRecord = {
    id: `attendance-${submit.submissionId}`,
    planId: plan.id,
    type: 'attendance',
    ...checked.value,
    loggedBy: membership.memberId,
    loggedAt: clock.now().toISOString(),
  };
  // The audit entry is stored with the record in one batch; a retry finds the record and stores neither again.
  const { created, record: stored } = await repos.records.createOnce(
    record,
    auditEntry({ planId: plan.id, at: record.loggedAt, actor: membership.memberId, action: 'create', recordType: 'attendance', recordId: record.id, discriminator: 'first', after: record }),
    member.proof,
  );
  const activity = plan.activities.find((a) => a.id === stored.activityId)!;
  return { kind: 'saved', record: stored, activity, plan, alreadySaved: !created };
}

async function correctAttendance(
  repos: Repositories,
  clock: Clock,
  member: MemberInPlan,
  recordId: string,
  submissionId: string,
  facts: AttendanceFacts,
): Promise<LogAttendanceResult> {
  const { plan } = member;
  const result = await correctRecord(repos, clock, member, 'attendance', recordId, submissionId, (current: AttendanceRecord) => {
    const { id, planId, type, loggedBy, loggedAt, participantCodesStripped, correctedAt, correctedBy } = current;
    return { id, planId, type, loggedBy, loggedAt, ...facts, ...(participantCodesStripped ? { participantCodesStripped } : {}), ...(correctedAt ? { correctedAt, correctedBy } : {}) };
  });
  if (result.kind === 'refused') return result;
  const activity = plan.activities.find((a) => a.id === result.record.activityId)!;
  return { kind: 'saved', record: result.record, activity, plan, alreadySaved: result.alreadySaved, corrected: true };
}

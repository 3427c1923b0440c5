import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../domain/clock';
import type { ChangeDecision } from '../domain/permissions';
import type { Plan } from '../domain/plan/schema';
import { auditEntry } from '../domain/records/audit';
import { authorize, isDenied, type Denied } from './authorize';
import { changeDecision } from './changeRights';
import type { MeetingRecord } from '../domain/records/meeting';
import type { ReferralRecord } from '../domain/records/referral';
import { assessmentTargets, type AssessmentRecord } from '../domain/records/assessment';
import { outcomeChoice, type OutcomeRecord } from '../domain/records/outcome';
import { mayRecordAssessment, type AssessmentForm } from './logAssessment';
import type { AttendanceForm } from './logAttendance';
import type { OutcomeForm } from './logOutcome';
import type { MeetingForm } from './logMeeting';
import type { ReferralForm } from './logReferral';
import type { LoggedRecord, Repositories } from './ports';
import type { MemberInPlan } from './resolveMember';

const RECENT_ENTRIES = 10;

export interface EntryView {
  record: LoggedRecord;
  change: ChangeDecision;
}

export interface MyEntries {
  kind: 'entries';
  plan: Plan;
  entries: EntryView[];
  outcome?: { deleted: LoggedRecord } | { restored: LoggedRecord } | { refused: ChangeDecision | 'notFound' | 'changedMeanwhile' | 'unreadable' | 'undoExpired' };
}

/** How long a deletion can be undone; the trash keeps the record that long (Cosmos DB time to live). */
export const UNDO_HOURS = 24;

async function entriesOf(repos: Repositories, member: MemberInPlan, outcome?: MyEntries['outcome']): Promise<MyEntries> {
  const records = await repos.records.listByAuthor(member.plan.id, member.membership.memberId, RECENT_ENTRIES);
  return { kind: 'entries', plan: member.plan, entries: records.map((record) => ({ record, change: changeDecision(member, record) })), outcome };
}

export async function listMyEntries(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<MyEntries | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'viewOwnEntries');
  if (isDenied(member)) return member;
  return entriesOf(repos, member);
}

const entryActionSchema = z.object({ planId: z.string().min(1).max(100), recordId: z.string().min(1).max(200) });

/**
 * Deletes an entry: the author within the edit window, the network's coordinator or a leader
 * at any time. The audit log keeps what was deleted (person codes left out).
 */
export async function deleteEntry(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<MyEntries | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'viewOwnEntries');
  if (isDenied(member)) return member;
  const parsed = entryActionSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== member.plan.id) return entriesOf(repos, member, { refused: 'unreadable' });
  const found = await repos.records.get(member.plan.id, parsed.data.recordId);
  if (!found) return entriesOf(repos, member, { refused: 'notFound' });
  const decision = changeDecision(member, found.record);
  if (decision !== 'allowed') return entriesOf(repos, member, { refused: decision });
  // Kept a day first, whole (person codes too), so "Fortryd" can put it back as it was.
  const now = clock.now().toISOString();
  await repos.trash.put(member.plan.id, { record: found.record, deletedBy: member.membership.memberId, deletedAt: now });
  if ((await repos.records.remove(member.plan.id, found.record.id, found.etag)) === 'conflict') {
    await repos.trash.remove(member.plan.id, found.record.id);
    return entriesOf(repos, member, { refused: 'changedMeanwhile' });
  }
  await repos.audit.append(
    auditEntry({ planId: member.plan.id, at: clock.now().toISOString(), actor: member.membership.memberId, action: 'delete', recordType: found.record.type, recordId: found.record.id, discriminator: 'deleted', before: found.record }),
  );
  return entriesOf(repos, member, { deleted: found.record });
}

/** "Fortryd": puts a deleted record back, by whoever deleted it, within a day. */
export async function undoDelete(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<MyEntries | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'viewOwnEntries');
  if (isDenied(member)) return member;
  const parsed = entryActionSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== member.plan.id) return entriesOf(repos, member, { refused: 'unreadable' });
  const trashed = await repos.trash.get(member.plan.id, parsed.data.recordId);
  const expired = trashed && Date.parse(trashed.deletedAt) + UNDO_HOURS * 3_600_000 < clock.now().getTime();
  if (!trashed || expired) return entriesOf(repos, member, { refused: 'undoExpired' });
  if (trashed.deletedBy !== member.membership.memberId) return entriesOf(repos, member, { refused: 'notYours' });
  const restored = trashed.record;
  const { record } = await repos.records.createOnce(
    restored,
    auditEntry({ planId: member.plan.id, at: clock.now().toISOString(), actor: member.membership.memberId, action: 'create', recordType: restored.type, recordId: restored.id, discriminator: `restored-${trashed.deletedAt}`, after: restored }),
  );
  await repos.trash.remove(member.plan.id, record.id);
  return entriesOf(repos, member, { restored: record });
}

/** The attendance card again, filled in from a stored session, to correct it. */
export async function prepareAttendanceCorrection(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<AttendanceForm | MyEntries | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'logAttendance');
  if (isDenied(member)) return member;
  const parsed = entryActionSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== member.plan.id) return entriesOf(repos, member, { refused: 'unreadable' });
  const found = await repos.records.get(member.plan.id, parsed.data.recordId);
  if (!found || found.record.type !== 'attendance') return entriesOf(repos, member, { refused: 'notFound' });
  const decision = changeDecision(member, found.record);
  if (decision !== 'allowed') return entriesOf(repos, member, { refused: decision });
  const r = found.record;
  const str = (n: number | undefined) => (n === undefined ? undefined : String(n));
  return {
    plan: member.plan,
    activities: member.plan.activities,
    submissionId: randomUUID(),
    correcting: r.id,
    errors: [],
    values: {
      activityId: r.activityId,
      date: r.date,
      headcount: String(r.headcount),
      newParticipants: str(r.newParticipants),
      volunteers: str(r.volunteers),
      placeId: r.placeId,
      sessionKind: r.sessionKind,
      organisations: r.organisations?.join(','),
      participantCodes: r.participantCodes?.join(' '),
      note: r.note,
      ...Object.fromEntries(Object.entries(r.byAgeBand ?? {}).map(([k, v]) => [`age_${k}`, String(v)])),
      ...Object.fromEntries(Object.entries(r.byGender ?? {}).map(([k, v]) => [`gender_${k}`, String(v)])),
    },
  };
}

/** The meeting card again, filled in from a stored meeting, to correct it. */
export async function prepareMeetingCorrection(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<MeetingForm | MyEntries | Denied> {
  const found = await correctable(repos, clock, aadObjectId, payload, 'logMeeting', 'meeting');
  if (!('record' in found)) return found;
  const r = found.record as MeetingRecord;
  return {
    plan: found.member.plan,
    submissionId: randomUUID(),
    correcting: r.id,
    errors: [],
    values: {
      networkId: r.networkId,
      cadenceId: r.cadenceId,
      date: r.date,
      startTime: r.startTime,
      participants: r.participants.join(','),
      organisations: r.organisations.join(','),
      othersCount: String(r.othersCount),
      summary: r.summary,
      decisions: r.decisions,
      ...Object.fromEntries(r.followUps.flatMap((f, i) => [[`followUp${i + 1}Text`, f.text], [`followUp${i + 1}Owner`, f.owner], [`followUp${i + 1}Due`, f.due]])),
    },
  };
}

/** The referral card again, filled in from a stored referral, to correct it. */
export async function prepareReferralCorrection(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<ReferralForm | MyEntries | Denied> {
  const found = await correctable(repos, clock, aadObjectId, payload, 'logReferral', 'referral');
  if (!('record' in found)) return found;
  const r = found.record as ReferralRecord;
  const ref = (x: { activityId?: string; organisationId?: string; offerId?: string }) =>
    x.activityId ? `activity:${x.activityId}` : x.offerId ? `offer:${x.offerId}` : x.organisationId ? `organisation:${x.organisationId}` : undefined;
  return {
    plan: found.member.plan,
    submissionId: randomUUID(),
    correcting: r.id,
    errors: [],
    values: { from: ref(r.from), to: ref(r.to), toText: r.to.text, personCode: r.personCode, ageBand: r.ageBand, consentBasis: r.consentBasis, date: r.date },
  };
}

/** The outcome card again, filled in from a stored outcome, to correct it. */
export async function prepareOutcomeCorrection(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<OutcomeForm | MyEntries | Denied> {
  const found = await correctable(repos, clock, aadObjectId, payload, 'logOutcome', 'outcome');
  if (!('record' in found)) return found;
  const r = found.record as OutcomeRecord;
  return { plan: found.member.plan, submissionId: randomUUID(), correcting: r.id, errors: [], values: { outcome: outcomeChoice(r.activityId, r.outcomeId), date: r.date, count: String(r.count), note: r.note } };
}

/** The assessment card again, filled in from a stored assessment, to correct it. */
export async function prepareAssessmentCorrection(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<AssessmentForm | MyEntries | Denied> {
  const found = await correctable(repos, clock, aadObjectId, payload, 'logAssessment', 'assessment');
  if (!('record' in found)) return found;
  const r = found.record as AssessmentRecord;
  const { member } = found;
  const targets = assessmentTargets(member.plan).filter((t) => mayRecordAssessment(member, t) || t.key === r.targetKey);
  return { plan: member.plan, targets, submissionId: randomUUID(), correcting: r.id, errors: [], values: { targetKey: r.targetKey, date: r.date, asked: String(r.asked), agreeing: String(r.agreeing), source: r.source, note: r.note } };
}

/** A stored record of the given type the member may change now, or the list with the reason not. */
async function correctable(
  repos: Repositories,
  clock: Clock,
  aadObjectId: string | undefined,
  payload: unknown,
  action: 'logMeeting' | 'logReferral' | 'logOutcome' | 'logAssessment',
  type: 'meeting' | 'referral' | 'outcome' | 'assessment',
): Promise<{ member: MemberInPlan; record: LoggedRecord } | MyEntries | Denied> {
  const member = await authorize(repos, clock, aadObjectId, action);
  if (isDenied(member)) return member;
  const parsed = entryActionSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== member.plan.id) return entriesOf(repos, member, { refused: 'unreadable' });
  const found = await repos.records.get(member.plan.id, parsed.data.recordId);
  if (!found || found.record.type !== type) return entriesOf(repos, member, { refused: 'notFound' });
  const decision = changeDecision(member, found.record);
  if (decision !== 'allowed') return entriesOf(repos, member, { refused: decision });
  return { member, record: found.record };
}

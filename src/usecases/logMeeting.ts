import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isValidIsoDate } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import type { Plan } from '../domain/plan/schema';
import { auditEntry } from '../domain/records/audit';
import { FOLLOW_UP_ROWS, validateMeeting, type MeetingEntry, type MeetingRecord } from '../domain/records/meeting';
import { authorize, isDenied, type Denied, type MembershipSource } from './authorize';
import { savedOnRememberedMembership } from './savedOnRememberedMembership';
import { cardText, formIdentity, keptIdentity, pickValues } from './cardSubmit';
import { correctRecord } from './correctRecord';
import type { Form, SaveResult } from './forms';
import type { Repositories } from './ports';

const followUpKeys = Array.from({ length: FOLLOW_UP_ROWS }, (_, i) => [`followUp${i + 1}Text`, `followUp${i + 1}Owner`, `followUp${i + 1}Due`] as const).flat();
const entryKeys = ['networkId', 'cadenceId', 'date', 'startTime', 'participants', 'organisations', 'othersCount', 'summary', 'decisions', ...followUpKeys] as const;

export const meetingSubmitSchema = z.object({
  ...formIdentity,
  correcting: z.string().max(200).optional(),
  networkId: cardText(100),
  cadenceId: cardText(100),
  date: cardText(30),
  startTime: cardText(10),
  participants: cardText(5000),
  organisations: cardText(5000),
  othersCount: cardText(20),
  summary: cardText(4000),
  decisions: cardText(4000),
  ...Object.fromEntries(followUpKeys.map((k) => [k, cardText(600)])),
});

export type MeetingForm = Form<MeetingEntry>;
export type LogMeetingResult = SaveResult<MeetingRecord, MeetingForm>;

export async function prepareMeetingForm(
  repos: Repositories,
  clock: Clock,
  aadObjectId: string | undefined,
  conversationId?: string,
  /** From a reminder's "Log mødet" button: the network and the planned date. */
  prefill: { networkId?: string; date?: string } = {},
): Promise<MeetingForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'logMeeting');
  if (isDenied(member)) return member;
  // In a channel linked to a network, that network is the likely one.
  const link = conversationId ? await repos.channels.linkOf(conversationId) : undefined;
  const linked = link?.planId === member.plan.id ? link.networkId : undefined;
  const networkId = member.plan.networks.some((n) => n.id === prefill.networkId) ? prefill.networkId : linked;
  const date = prefill.date && isValidIsoDate(prefill.date) && prefill.date <= member.today ? prefill.date : member.today;
  // The one logging usually took part; the card starts with them ticked.
  return { plan: member.plan, submissionId: randomUUID(), values: { date, participants: member.membership.memberId, ...(networkId ? { networkId } : {}) }, errors: [] };
}

/** The card as it was filled in, for when it could not be saved (the database did not answer). */
export function keptMeetingForm(plan: Plan, payload: unknown): MeetingForm {
  return { plan, ...keptIdentity(payload), values: pickValues(payload, entryKeys) as MeetingEntry, errors: [], unavailable: true };
}

/** Logs a held meeting of a network or body, with its follow-up items for the reminders to chase. */
export function logMeeting(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<LogMeetingResult> {
  return savedOnRememberedMembership(repos, (source) => logMeetingOn(repos, clock, aadObjectId, payload, source));
}

async function logMeetingOn(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown, source: MembershipSource): Promise<LogMeetingResult> {
  const member = await authorize(repos, clock, aadObjectId, 'logMeeting', source);
  if (isDenied(member)) return member;
  const { plan, today, membership } = member;
  const values = pickValues(payload, entryKeys) as MeetingEntry;
  const parsed = meetingSubmitSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== plan.id) {
    return { kind: 'invalid', form: { plan, submissionId: randomUUID(), values, errors: [], unreadable: true } };
  }
  const checked = validateMeeting(parsed.data as MeetingEntry, plan, today);
  if (!checked.ok) return { kind: 'invalid', form: { plan, submissionId: parsed.data.submissionId, values, errors: checked.errors, correcting: parsed.data.correcting } };
  if (parsed.data.correcting) {
    const result = await correctRecord(repos, clock, member, 'meeting', parsed.data.correcting, parsed.data.submissionId, (current: MeetingRecord) => ({
      ...withoutOptionalFacts(current),
      ...checked.value,
      // Items keep their ids (and a done mark) by position, so reminders can still find them.
      followUps: checked.value.followUps.map((f, i) => {
        const before = current.followUps[i];
        return { ...f, id: before?.id ?? `${current.id}-followup-${i + 1}`, ...(before?.done && before.text === f.text ? { done: before.done } : {}) };
      }),
    }));
    return result.kind === 'refused' ? result : { kind: 'saved', plan, record: result.record, alreadySaved: result.alreadySaved, corrected: true };
  }

  const id = `meeting-${parsed.data.submissionId}`;
  const record: MeetingRecord = {
    id,
    planId: plan.id,
    type: 'meeting',
    ...checked.value,
    followUps: checked.value.followUps.map((f, i) => ({ ...f, id: `${id}-followup-${i + 1}` })),
    loggedBy: membership.memberId,
    loggedAt: clock.now().toISOString(),
  };
  // The audit entry is stored with the record in one batch; a retry finds the record and stores neither again.
  const { created, record: stored } = await repos.records.createOnce(
    record,
    auditEntry({ planId: plan.id, at: record.loggedAt, actor: membership.memberId, action: 'create', recordType: 'meeting', recordId: record.id, discriminator: 'first', after: record }),
    member.proof,
  );
  return { kind: 'saved', plan, record: stored, alreadySaved: !created };
}

/** The stored meeting without the facts a correction sets anew (so a cleared field stays cleared). */
function withoutOptionalFacts(m: MeetingRecord): MeetingRecord {
  const { startTime: _t, summary: _s, decisions: _d, ...rest } = m;
  return rest;
}

import { createHash } from 'node:crypto';
import { addDays, localDate, type IsoDate } from '../calendar';
import { zonedTimeToUtc } from '../cadence/zonedTime';
import type { Plan } from '../plan/schema';
import type { Reminder, ReminderKind } from './dueReminders';

/**
 * The persisted outbox: one item per reminder per recipient. Its id is derived from the
 * reminder's deterministic id and the recipient, so planning the same day twice (two instances,
 * a restart) creates nothing new: the second create meets the first item.
 */
export type OutboxStatus =
  /** Waiting to be sent from `notBefore`. */
  | 'pending'
  /** Claimed by one instance until `claimedUntil`; a crashed instance's claim runs out. */
  | 'sending'
  | 'sent'
  /** Kept for the recipient's weekly digest. */
  | 'held'
  | 'digested'
  /** The recipient muted this kind. */
  | 'muted'
  /** The recipient never opened a chat with the bot, Logbog could not install itself for them, and no linked channel could take it. */
  | 'unreachable'
  /** Posted in the network's linked channel with an @mention, as the recipient could not be written to directly. */
  | 'postedInChannel'
  /** Teams answered 403/404: the bot was removed from the conversation. */
  | 'dead'
  | 'failed';

/** A member known by e-mail address only (never in Teams with Logbog yet) has no object id here; delivery looks again. */
export type OutboxRecipient = { kind: 'member'; memberId: string; aadObjectId?: string } | { kind: 'channel'; conversationId: string; networkId: string };

export interface DigestLine {
  kind: ReminderKind;
  about: Reminder['about'];
}

export interface OutboxItem {
  id: string;
  type: 'outbox';
  planId: string;
  reminderId: string;
  /** `unreachableNotice`: tells a coordinator that a member could not be written to directly. */
  kind: ReminderKind | 'digest' | 'unreachableNotice';
  recipient: OutboxRecipient;
  about: Reminder['about'];
  /** For a digest: the reminders it gathers. */
  lines?: DigestLine[];
  /** A digest of one day's reminders, or of the week's held ones (the weekly-digest setting). */
  digestOf?: 'day' | 'week';
  status: OutboxStatus;
  plannedAt: string;
  /** The instant from which it may be sent (quiet hours push it). */
  notBefore: string;
  attempts: number;
  claimedBy?: string;
  claimedUntil?: string;
  sentAt?: string;
  lastError?: string;
  /** A channel's card: the Teams users it refreshes for (Universal Actions), fixed when it is sent. */
  refreshFor?: string[];
}

export interface ReminderPreferences {
  mutedKinds?: ReminderKind[];
  /** Local wall-clock times, e.g. 21:00-08:00; nothing is sent in between. */
  quietHours?: { from: string; to: string };
  weeklyDigest?: boolean;
}

function recipientKey(recipient: OutboxRecipient): string {
  return recipient.kind === 'member' ? `m-${recipient.memberId}` : `c-${createHash('sha256').update(recipient.conversationId).digest('hex').slice(0, 20)}`;
}

/** Cosmos ids may not hold '/', '\\', '?' or '#'; reminder ids are built from slugs and dates. */
export function outboxItemId(reminderId: string, recipient: OutboxRecipient): string {
  return `${reminderId}|${recipientKey(recipient)}`.replace(/[/\\?#]/g, '_');
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function localMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** The first instant at or after `at` outside the quiet hours, in the plan's time zone. */
export function afterQuietHours(at: Date, quiet: ReminderPreferences['quietHours'], timeZone: string): Date {
  if (!quiet || quiet.from === quiet.to) return at;
  const now = localMinutes(at, timeZone);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const today = localDate(at, timeZone);
  if (from < to) return now >= from && now < to ? zonedTimeToUtc(today, quiet.to, timeZone) : at;
  // Across midnight (21:00-08:00): late evening waits for tomorrow morning, early morning for this morning.
  if (now >= from) return zonedTimeToUtc(addDays(today, 1), quiet.to, timeZone);
  if (now < to) return zonedTimeToUtc(today, quiet.to, timeZone);
  return at;
}

export interface PlanOutboxInput {
  plan: Plan;
  reminders: Reminder[];
  now: Date;
  /** Linked channels per network. */
  channelsOf: (networkId: string) => string[];
  preferencesOf: (aadObjectId: string) => ReminderPreferences;
}

/** Turns today's reminders into outbox items: one per member and per linked channel. */
export function outboxItemsFor({ plan, reminders, now, channelsOf, preferencesOf }: PlanOutboxInput): OutboxItem[] {
  const items: OutboxItem[] = [];
  const plannedAt = now.toISOString();
  for (const reminder of reminders) {
    const base = { type: 'outbox' as const, planId: plan.id, reminderId: reminder.id, kind: reminder.kind, about: reminder.about, plannedAt, attempts: 0 };
    for (const memberId of new Set(reminder.memberIds)) {
      const member = plan.members.find((m) => m.id === memberId);
      if (!member) continue;
      const recipient: OutboxRecipient = { kind: 'member', memberId, ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}) };
      const prefs = member.aadObjectId ? preferencesOf(member.aadObjectId) : {};
      const status: OutboxStatus = prefs.mutedKinds?.includes(reminder.kind) ? 'muted' : prefs.weeklyDigest ? 'held' : 'pending';
      items.push({ ...base, id: outboxItemId(reminder.id, recipient), recipient, status, notBefore: afterQuietHours(now, prefs.quietHours, plan.timeZone).toISOString() });
    }
    if (reminder.networkId) {
      for (const conversationId of channelsOf(reminder.networkId)) {
        const recipient: OutboxRecipient = { kind: 'channel', conversationId, networkId: reminder.networkId };
        items.push({ ...base, id: outboxItemId(reminder.id, recipient), recipient, status: 'pending', notBefore: plannedAt });
      }
    }
  }
  return withDailyDigests(plan, items, now);
}

/** Cards a member gets in a day from one plan: one. More reminders than that arrive as one digest. */
export const MEMBER_CARDS_PER_DAY = 1;

const urgency: Record<ReminderKind, number> = { milestoneOverdue: 0, logTheMeeting: 1, missingAttendance: 2, referralFollowUp: 3, followUpItemDue: 4, upcomingMeeting: 5, milestoneDue: 6 };

/**
 * A calm stream: a member with more than one reminder today gets them as one digest card,
 * overdue first, with each reminder's actions; the single items are kept, marked `digested`, so
 * planning again never sends them on their own. Channels keep one card per reminder: each is a
 * different network's.
 */
function withDailyDigests(plan: Plan, items: OutboxItem[], now: Date): OutboxItem[] {
  const today = localDate(now, plan.timeZone);
  const byMember = new Map<string, OutboxItem[]>();
  // A member known by e-mail address only has never opened Logbog: each reminder goes where it can
  // reach them, the channel of the network it belongs to, and a digest spans networks.
  for (const item of items) if (item.recipient.kind === 'member' && item.recipient.aadObjectId && item.status === 'pending') byMember.set(item.recipient.memberId, [...(byMember.get(item.recipient.memberId) ?? []), item]);
  const digests: OutboxItem[] = [];
  for (const [memberId, own] of byMember) {
    if (own.length <= MEMBER_CARDS_PER_DAY) continue;
    const recipient = own[0]!.recipient;
    const lines = [...own]
      .sort((a, b) => urgency[a.kind as ReminderKind] - urgency[b.kind as ReminderKind] || a.about.date.localeCompare(b.about.date))
      .map((i) => ({ kind: i.kind as ReminderKind, about: i.about }));
    const reminderId = `daily:${memberId}:${today}`;
    digests.push({ ...own[0]!, id: outboxItemId(reminderId, recipient), reminderId, kind: 'digest', digestOf: 'day', about: { date: today }, lines, notBefore: own.map((i) => i.notBefore).sort().at(-1)! });
    for (const i of own) i.status = 'digested';
  }
  return [...items, ...digests];
}

/** Monday's digest for one member: the held reminders of the past week in one card. */
export function digestItem(plan: Plan, memberId: string, aadObjectId: string | undefined, monday: IsoDate, held: OutboxItem[], now: Date, prefs: ReminderPreferences): OutboxItem {
  const recipient: OutboxRecipient = { kind: 'member', memberId, ...(aadObjectId ? { aadObjectId } : {}) };
  const reminderId = `digest:${memberId}:${monday}`;
  return {
    id: outboxItemId(reminderId, recipient),
    type: 'outbox',
    planId: plan.id,
    reminderId,
    kind: 'digest',
    recipient,
    about: { date: monday },
    lines: held.flatMap((h) => (h.kind === 'digest' ? (h.lines ?? []) : [{ kind: h.kind as ReminderKind, about: h.about }])),
    digestOf: 'week',
    status: 'pending',
    plannedAt: now.toISOString(),
    notBefore: afterQuietHours(now, prefs.quietHours, plan.timeZone).toISOString(),
    attempts: 0,
  };
}

/** Jittered exponential backoff for a 5xx: 0.5–1× of base·2^attempt, capped. */
export function backoffMs(attempt: number, random: () => number, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/**
 * Tells a coordinator (or leader) that a member could not be written to directly, once a day per
 * member: `how` says whether the reminder went to a linked channel instead, or nowhere.
 */
export function unreachableNotice(plan: Plan, to: { id: string; aadObjectId?: string }, about: { memberId: string; networkId?: string; how: 'channel' | 'none' }, now: Date): OutboxItem {
  const date = localDate(now, plan.timeZone);
  const recipient: OutboxRecipient = { kind: 'member', memberId: to.id, ...(to.aadObjectId ? { aadObjectId: to.aadObjectId } : {}) };
  const reminderId = `unreachable:${about.memberId}:${date}`;
  return {
    id: outboxItemId(reminderId, recipient),
    type: 'outbox',
    planId: plan.id,
    reminderId,
    kind: 'unreachableNotice',
    recipient,
    about: { date, memberId: about.memberId, text: about.how, ...(about.networkId ? { networkId: about.networkId } : {}) },
    status: 'pending',
    plannedAt: now.toISOString(),
    notBefore: now.toISOString(),
    attempts: 0,
  };
}

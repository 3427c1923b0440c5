import { addDays, type IsoDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import { findOccurrence } from '../../domain/plan/milestones';
import type { Plan, Role } from '../../domain/plan/schema';
import type { MeetingRecord } from '../../domain/records/meeting';
import type { DigestLine, OutboxItem } from '../../domain/reminders/outbox';
import type { Repositories } from '../ports';
import { resolveMember } from '../resolveMember';
import { mayChangeMilestone } from './schedule';

/**
 * How a reminder card looks now, not when it was sent: which of its items are done, and what the
 * person looking may do with them. A card in a channel is one message many people see; Teams
 * asks for each one's view (the card's `refresh`), and the shared card is rewritten when an item
 * is done, so nobody acts twice on the same item.
 */
export interface ReminderCardState {
  /** Items done, by `lineKey`: when, and by whom (a member id). */
  done: Record<string, { date: IsoDate; by: string }>;
  /** A follow-up item's owner, by `lineKey`: they may tick it off. */
  owners: Record<string, string>;
  /** Whose view: everyone's (the shared card), a member's, or someone outside the plan. */
  viewer: { kind: 'everyone' } | { kind: 'member'; memberId: string; roles: readonly Role[] } | { kind: 'stranger' };
}

export const everyone: ReminderCardState['viewer'] = { kind: 'everyone' };

/** One key per thing a card line is about, stable across the reminders that name it. */
export function lineKey(line: DigestLine): string {
  const a = line.about;
  if (a.milestoneId) return `milestone:${a.milestoneId}`;
  if (a.followUpItemId) return `followUpItem:${a.recordId ?? ''}:${a.followUpItemId}`;
  return `${line.kind === 'upcomingMeeting' || line.kind === 'logTheMeeting' ? 'meeting' : line.kind}:${a.networkId ?? a.activityId ?? a.referralId ?? ''}:${a.date}`;
}

export function linesOf(item: OutboxItem): DigestLine[] {
  if (item.kind === 'digest') return item.lines ?? [];
  // A notice that someone could not be reached is its own card, with nothing to tick off.
  if (item.kind === 'unreachableNotice') return [];
  return [{ kind: item.kind, about: item.about }];
}

/** A meeting counts as logged within this many days of its planned date (as for "Husk at logge mødet"). */
const MEETING_SLACK_DAYS = 3;

export async function reminderCardState(repos: Repositories, plan: Plan, item: OutboxItem, viewer: ReminderCardState['viewer']): Promise<ReminderCardState> {
  const done: ReminderCardState['done'] = {};
  const owners: ReminderCardState['owners'] = {};
  const lines = linesOf(item);
  const milestoneStates = lines.some((l) => l.about.milestoneId) ? await repos.schedule.milestoneStates(plan.id) : [];
  for (const line of lines) {
    const a = line.about;
    const key = lineKey(line);
    if (a.milestoneId) {
      const state = milestoneStates.find((s) => s.record.milestoneId === a.milestoneId)?.record;
      if (state?.done) done[key] = { date: state.done.date, by: state.done.by };
    } else if (a.followUpItemId && a.recordId) {
      const stored = await repos.records.get(plan.id, a.recordId);
      const followUp = stored?.record.type === 'meeting' ? stored.record.followUps.find((f) => f.id === a.followUpItemId) : undefined;
      if (followUp) owners[key] = followUp.owner;
      if (followUp?.done) done[key] = { date: followUp.done.date, by: followUp.done.by };
    } else if ((line.kind === 'upcomingMeeting' || line.kind === 'logTheMeeting') && a.networkId) {
      const near = await repos.records.listInRange(plan.id, 'meeting', { from: addDays(a.date, -MEETING_SLACK_DAYS), to: addDays(a.date, MEETING_SLACK_DAYS) });
      const logged = (near as MeetingRecord[]).find((r) => r.networkId === a.networkId);
      if (logged) done[key] = { date: logged.date, by: logged.loggedBy };
    }
  }
  return { done, owners, viewer };
}

/** May this viewer act on this line (the use case checks again when they do)? */
export function mayActOn(plan: Plan, line: DigestLine, state: ReminderCardState): boolean {
  const viewer = state.viewer;
  if (viewer.kind === 'everyone') return true;
  if (viewer.kind === 'stranger') return false;
  const { memberId, roles } = viewer;
  if (roles.includes('leader')) return true;
  const coordinates = (networkId: string | undefined) => plan.networks.some((n) => n.id === networkId && n.coordinators.includes(memberId));
  const a = line.about;
  if (a.milestoneId) {
    const milestone = findOccurrence(plan, a.milestoneId);
    return milestone ? mayChangeMilestone(plan, milestone, memberId, roles) : false;
  }
  if (a.followUpItemId) return state.owners[lineKey(line)] === memberId || coordinates(a.networkId);
  return roles.some((r) => r === 'member' || r === 'coordinator');
}

/** Setting the next meeting's date is for the network's coordinators and the leaders. */
export function maySetNextMeeting(plan: Plan, networkId: string | undefined, viewer: ReminderCardState['viewer']): boolean {
  if (viewer.kind === 'everyone') return true;
  if (viewer.kind === 'stranger') return false;
  return viewer.roles.includes('leader') || plan.networks.some((n) => n.id === networkId && n.coordinators.includes(viewer.memberId));
}

export type ReminderCardView = { kind: 'reminderCard'; plan: Plan; item: OutboxItem; state: ReminderCardState } | { kind: 'gone' };

/**
 * The channel card `cardId` names, as `aadObjectId` should see it now. Only from the channel it
 * was posted in: a card id sent from anywhere else shows nothing.
 */
export async function viewReminderCard(repos: Repositories, clock: Clock, payload: unknown, aadObjectId: string | undefined, conversationId: string | undefined): Promise<ReminderCardView> {
  const d = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  if (typeof d.planId !== 'string' || typeof d.cardId !== 'string' || !d.cardId || d.cardId.length > 500 || d.planId.length > 200) return { kind: 'gone' };
  const [stored, item] = await Promise.all([repos.plans.get(d.planId), repos.outbox.get(d.planId, d.cardId)]);
  if (!stored || !item || item.recipient.kind !== 'channel' || item.recipient.conversationId !== conversationId) return { kind: 'gone' };
  const plan = stored.plan;
  let viewer: ReminderCardState['viewer'] = everyone;
  if (aadObjectId) {
    const member = await resolveMember(repos, clock, aadObjectId, plan.id);
    viewer = member ? { kind: 'member', memberId: member.membership.memberId, roles: member.membership.roles } : { kind: 'stranger' };
  }
  return { kind: 'reminderCard', plan, item, state: await reminderCardState(repos, plan, item, viewer) };
}

import type { AttendanceRecord } from '../attendance/attendance';
import { addDays, daysBetween, isoWeekDays, type IsoDate } from '../calendar';
import { plannedMeetingsOf } from '../cadence/plannedMeetings';
import { isActiveOn } from '../plan/active';
import { cadencesOf } from '../plan/cadences';
import { dueDateOf, milestoneOccurrences, type MilestoneOccurrence } from '../plan/milestones';
import { networksOfActivity } from '../permissions';
import type { Plan } from '../plan/schema';
import type { MeetingRecord } from '../records/meeting';
import { isOpen, type ReferralRecord } from '../records/referral';
import type { MilestoneState, NextMeetingOverride } from './scheduleState';

export const reminderKinds = ['upcomingMeeting', 'logTheMeeting', 'milestoneDue', 'milestoneOverdue', 'referralFollowUp', 'missingAttendance', 'followUpItemDue'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export interface Reminder {
  /** Deterministic: the same reminder planned twice, by two instances or after a crash, has one id. */
  id: string;
  kind: ReminderKind;
  planId: string;
  /** Members to write to in their personal chat. */
  memberIds: string[];
  /** A network whose linked channel also gets the reminder. */
  networkId?: string;
  /** What the reminder is about, for its card. */
  about: {
    date: IsoDate;
    networkId?: string;
    milestoneId?: string;
    referralId?: string;
    activityId?: string;
    followUpItemId?: string;
    /** The meeting a follow-up item belongs to. */
    recordId?: string;
    /** The follow-up item's text, or where a referral went; never a person's data. */
    text?: string;
    /** For a notice that a member could not be reached: who (a member id of the plan). */
    memberId?: string;
    openItems?: string[];
  };
}

export interface ReminderSettings {
  daysBeforeMeeting: number;
  milestoneDaysAhead: number;
  /** Days after a milestone's due date before the plan's leaders hear of it. */
  milestoneGraceDays: number;
  followUpItemDaysAhead: number;
}

export const defaultReminderSettings: ReminderSettings = { daysBeforeMeeting: 3, milestoneDaysAhead: 14, milestoneGraceDays: 7, followUpItemDaysAhead: 3 };

export interface ReminderInputs {
  plan: Plan;
  today: IsoDate;
  /** Meetings logged from a month back (for "log the meeting" and open follow-up items). */
  meetings: MeetingRecord[];
  openReferrals: ReferralRecord[];
  /** Sessions logged last week. */
  lastWeekAttendance: AttendanceRecord[];
  milestoneStates?: MilestoneState[];
  nextMeetings?: NextMeetingOverride[];
  settings?: ReminderSettings;
}

const leadersOf = (plan: Plan) => plan.members.filter((m) => m.roles.includes('leader')).map((m) => m.id);
export { dueDateOf };

/** A milestone's due date as the plan says it, or as a member moved it. */
export function effectiveDueDate(milestone: MilestoneOccurrence, state: MilestoneState | undefined): IsoDate {
  return state?.movedTo?.date ?? milestone.due;
}

/**
 * The meetings of a network on one day: the coordinator's "næste møde" date replaces the cadence
 * until that date has passed; after it the cadence takes over again.
 */
function meetingsOn(network: Plan['networks'][number], day: IsoDate, plan: Plan, override: NextMeetingOverride | undefined) {
  if (!isActiveOn(network.active, plan, day)) return [];
  if (override && override.date >= day) return override.date === day ? [{ date: day, approximate: false }] : [];
  // The network's own meetings: its first cadence. Further cadences (reporting to another body) are dates to keep, not meetings to log.
  const [main] = cadencesOf(network);
  return main ? plannedMeetingsOf(plan, main, { from: day, to: day }).filter((m) => !override || m.date > override.date) : [];
}

/** Everything the bot should remind about today. Pure: the scheduler persists and sends. */
export function dueReminders({ plan, today, meetings, openReferrals, lastWeekAttendance, milestoneStates = [], nextMeetings = [], settings = defaultReminderSettings }: ReminderInputs): Reminder[] {
  const out: Reminder[] = [];
  // A plan that has ended reminds of nothing: what was not done by then is "ikke nået" in status.
  if (today > plan.period.end) return out;

  for (const network of plan.networks) {
    const coordinators = network.coordinators.length ? network.coordinators : leadersOf(plan);
    const openItems = meetings.filter((m) => m.networkId === network.id).flatMap((m) => m.followUps.filter((f) => !f.done).map((f) => f.text));
    const override = nextMeetings.find((o) => o.networkId === network.id);
    const upcoming = meetingsOn(network, addDays(today, settings.daysBeforeMeeting), plan, override);
    for (const meeting of upcoming) {
      out.push({ id: `upcoming:${network.id}:${meeting.date}`, kind: 'upcomingMeeting', planId: plan.id, memberIds: coordinators, networkId: network.id, about: { date: meeting.date, networkId: network.id, openItems } });
    }
    // "Husk at logge mødet": the day after a meeting with a known date, if nobody logged one near it.
    const yesterday = addDays(today, -1);
    for (const meeting of meetingsOn(network, yesterday, plan, override)) {
      if (meeting.approximate) continue;
      const logged = meetings.some((m) => m.networkId === network.id && Math.abs(daysBetween(m.date, meeting.date)) <= 3);
      if (!logged) out.push({ id: `log-meeting:${network.id}:${meeting.date}`, kind: 'logTheMeeting', planId: plan.id, memberIds: coordinators, networkId: network.id, about: { date: meeting.date, networkId: network.id } });
    }
  }

  // Milestones dated before the plan began are its history: nobody is reminded of them.
  for (const milestone of milestoneOccurrences(plan).filter((m) => m.due >= plan.period.start)) {
    const state = milestoneStates.find((s) => s.milestoneId === milestone.id);
    if (state?.done) continue;
    const due = effectiveDueDate(milestone, state);
    const until = daysBetween(today, due);
    const owners = milestone.owner ? [milestone.owner] : leadersOf(plan);
    if (until >= 0 && until <= settings.milestoneDaysAhead) {
      out.push({ id: `milestone-due:${milestone.id}:${due}`, kind: 'milestoneDue', planId: plan.id, memberIds: owners, about: { date: due, milestoneId: milestone.id } });
    } else if (until < 0) {
      // Overdue: the owner hears it the day after; the leaders only once the grace period is over.
      const leaders = until < -settings.milestoneGraceDays ? leadersOf(plan) : [];
      out.push({ id: `milestone-overdue:${milestone.id}:${due}`, kind: 'milestoneOverdue', planId: plan.id, memberIds: owners, about: { date: due, milestoneId: milestone.id } });
      if (leaders.some((l) => !owners.includes(l))) {
        out.push({ id: `milestone-escalated:${milestone.id}:${due}`, kind: 'milestoneOverdue', planId: plan.id, memberIds: leaders.filter((l) => !owners.includes(l)), about: { date: due, milestoneId: milestone.id } });
      }
    }
  }

  for (const referral of openReferrals) {
    if (isOpen(referral.status) && referral.followUpDate <= today) {
      const to = referral.to.offerId ? (plan.offers.find((o) => o.id === referral.to.offerId)?.name ?? referral.to.offerId) : (referral.to.text ?? '');
      out.push({
        id: `referral-follow-up:${referral.id}:${referral.followUpDate}`,
        kind: 'referralFollowUp',
        planId: plan.id,
        memberIds: [referral.loggedBy],
        about: { date: referral.followUpDate, referralId: referral.id, ...(referral.from.activityId ? { activityId: referral.from.activityId } : {}), text: to },
      });
    }
  }

  // A weekly activity with nothing logged last week (Monday to Sunday), outside its off-season.
  const lastWeek = isoWeekDays(addDays(today, -7));
  for (const activity of plan.activities.filter((a) => a.sessionCadence === 'weekly' && isActiveOn(a.active, plan, addDays(today, -7)))) {
    const offSeason = new Set(activity.targets.flatMap((t) => (t.kind === 'sessionsPerWeek' ? (t.excludeMonths ?? []) : [])));
    if (lastWeek.every((d) => offSeason.has(Number(d.slice(5, 7))))) continue;
    if (lastWeek[6]! < plan.period.start || lastWeek[0]! > plan.period.end) continue;
    if (lastWeekAttendance.some((r) => r.activityId === activity.id && r.date >= lastWeek[0]! && r.date <= lastWeek[6]!)) continue;
    const networks = networksOfActivity(plan, activity.id);
    const coordinators = plan.networks.filter((n) => networks.includes(n.id)).flatMap((n) => n.coordinators);
    out.push({ id: `missing-attendance:${activity.id}:${lastWeek[0]}`, kind: 'missingAttendance', planId: plan.id, memberIds: coordinators.length ? [...new Set(coordinators)] : leadersOf(plan), about: { date: lastWeek[0]!, activityId: activity.id } });
  }

  for (const meeting of meetings) {
    for (const item of meeting.followUps) {
      const until = daysBetween(today, item.due);
      if (!item.done && until >= 0 && until <= settings.followUpItemDaysAhead) {
        out.push({ id: `follow-up-item:${item.id}:${item.due}`, kind: 'followUpItemDue', planId: plan.id, memberIds: [item.owner], about: { date: item.due, followUpItemId: item.id, networkId: meeting.networkId, recordId: meeting.id, text: item.text } });
      }
    }
  }
  return out;
}

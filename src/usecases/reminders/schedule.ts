import { addDays, isValidIsoDate, type IsoDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import { isClockTime } from '../../domain/clockTime';
import type { Plan } from '../../domain/plan/schema';
import { auditEntry } from '../../domain/records/audit';
import type { MeetingRecord } from '../../domain/records/meeting';
import { checkFreeText } from '../../domain/privacy/freeText';
import type { FieldError } from '../../domain/fieldErrors';
import { findOccurrence, milestoneOccurrences, type MilestoneOccurrence } from '../../domain/plan/milestones';
import { effectiveDueDate } from '../../domain/reminders/dueReminders';
import { networksOfActivity } from '../../domain/permissions';
import { milestoneStateId, nextMeetingId, type MilestoneState } from '../../domain/reminders/scheduleState';
import { authorize, isDenied, type Denied } from '../authorize';
import type { Repositories } from '../ports';
import type { MemberInPlan } from '../resolveMember';

export interface MilestoneView {
  milestone: MilestoneOccurrence;
  due: IsoDate;
  state?: MilestoneState;
}

export type ScheduleOutcome =
  | { kind: 'done'; target: 'milestone' | 'followUpItem'; title: string }
  | { kind: 'moved'; target: 'milestone' | 'followUpItem'; title: string; date: IsoDate }
  | {
      kind: 'invalid';
      change: 'complete' | 'move';
      key: string;
      errors: FieldError[];
      values: { text?: string; date?: string };
      /** A meeting's follow-up item is not among the milestones; the card shows it again with what was typed. */
      followUpItem?: { recordId: string; itemId: string; text: string };
    }
  | { kind: 'notYours' }
  | { kind: 'gone' }
  | { kind: 'conflict' };

export interface MilestoneList {
  kind: 'milestones';
  plan: Plan;
  today: IsoDate;
  /** Due within `daysAhead` or overdue, soonest first. */
  milestones: MilestoneView[];
  outcome?: ScheduleOutcome;
  /** Only the overdue ones (from the question "hvilke milepæle er forsinket?" or a digest). */
  onlyOverdue?: boolean;
  /** Which page of the list the card shows (0 = the first). */
  page?: number;
}

/** What a `milepæle` card or button asks for: the overdue ones only, and which page. */
export interface MilestoneListView {
  onlyOverdue?: boolean;
  page?: number;
}

export function milestoneListViewOf(data: unknown): MilestoneListView {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const page = Number(d.page);
  return { onlyOverdue: d.filter === 'overdue', page: Number.isInteger(page) && page > 0 && page < 1000 ? page : 0 };
}


/** `milepæle`: the plan's open milestones due within two months, and the overdue ones. */
export async function listMilestones(
  repos: Repositories,
  clock: Clock,
  aadObjectId: string | undefined,
  outcome?: ScheduleOutcome,
  /** A milestone to list whatever its date: the one whose form came back with an error. */
  alsoShow?: string,
  view: MilestoneListView = {},
  daysAhead = 60,
): Promise<MilestoneList | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'manageSchedule');
  if (isDenied(member)) return member;
  const states = await repos.schedule.milestoneStates(member.plan.id);
  const milestones = milestoneOccurrences(member.plan)
    .map((milestone) => {
      const state = states.find((s) => s.record.milestoneId === milestone.id)?.record;
      return { milestone, state, due: effectiveDueDate(milestone, state) };
    })
    .filter((v) => v.milestone.due >= member.plan.period.start || v.state?.movedTo)
    .filter((v) => (!v.state?.done && v.due <= addDays(member.today, daysAhead) && (!view.onlyOverdue || v.due < member.today)) || v.milestone.id === alsoShow)
    .sort((a, b) => a.due.localeCompare(b.due));
  return { kind: 'milestones', plan: member.plan, today: member.today, milestones, ...(outcome ? { outcome } : {}), ...(view.onlyOverdue ? { onlyOverdue: true } : {}), page: view.page ?? 0 };
}

interface ScheduleSubmit {
  target: 'milestone' | 'followUpItem';
  targetId: string;
  recordId: string;
  key: string;
  text?: string;
  date?: string;
}

function readSubmit(payload: unknown): ScheduleSubmit | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  // The card's data names it formKey: a data field called `key` makes the Agents Playground's
  // renderer throw and send nothing. `key` is still read for cards posted before the rename.
  const { target, targetId, recordId } = p;
  const key = p.formKey ?? p.key;
  if ((target !== 'milestone' && target !== 'followUpItem') || typeof targetId !== 'string' || typeof key !== 'string' || !/^[\w@-]{1,80}$/.test(key)) return undefined;
  const text = p[`text-${key}`];
  const date = p[`date-${key}`];
  return { target, targetId, key, recordId: typeof recordId === 'string' ? recordId : '', ...(typeof text === 'string' ? { text } : {}), ...(typeof date === 'string' ? { date } : {}) };
}

/** Marks a milestone or a meeting's follow-up item done (with an optional note), or moves its date (with a reason). */
export async function changeScheduleItem(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown, change: 'complete' | 'move'): Promise<MilestoneList | Denied | { kind: 'unreadable' }> {
  const member = await authorize(repos, clock, aadObjectId, 'manageSchedule');
  if (isDenied(member)) return member;
  const submit = readSubmit(payload);
  if (!submit) return { kind: 'unreadable' };
  const errors: FieldError[] = [];
  const text = checkFreeText(`text-${submit.key}`, submit.text, 500, errors);
  let date: IsoDate | undefined;
  if (change === 'move') {
    if (!text && !errors.length) errors.push({ field: `text-${submit.key}`, code: 'required' });
    if (!submit.date) errors.push({ field: `date-${submit.key}`, code: 'required' });
    else if (!isValidIsoDate(submit.date)) errors.push({ field: `date-${submit.key}`, code: 'invalidDate' });
    else if (submit.date < member.today) errors.push({ field: `date-${submit.key}`, code: 'beforeToday' });
    else if (submit.date > member.plan.period.end) errors.push({ field: `date-${submit.key}`, code: 'afterPlanPeriod' });
    else date = submit.date;
  }
  const outcome: ScheduleOutcome = errors.length
    ? { kind: 'invalid', change, key: submit.key, errors, values: { ...(submit.text !== undefined ? { text: submit.text } : {}), ...(submit.date !== undefined ? { date: submit.date } : {}) }, ...(await followUpItemOf(repos, member, submit)) }
    : submit.target === 'milestone'
      ? await changeMilestone(repos, clock, member, submit.targetId, change, text, date)
      : await changeFollowUpItem(repos, clock, member, submit.recordId, submit.targetId, change, text, date);
  return listMilestones(repos, clock, aadObjectId, outcome, outcome.kind === 'invalid' && submit.target === 'milestone' ? submit.targetId : undefined);
}

async function followUpItemOf(repos: Repositories, member: MemberInPlan, submit: ScheduleSubmit): Promise<{ followUpItem?: { recordId: string; itemId: string; text: string } }> {
  if (submit.target !== 'followUpItem' || !submit.recordId) return {};
  const stored = await repos.records.get(member.plan.id, submit.recordId);
  const item = stored?.record.type === 'meeting' ? stored.record.followUps.find((f) => f.id === submit.targetId) : undefined;
  return item ? { followUpItem: { recordId: submit.recordId, itemId: item.id, text: item.text } } : {};
}

async function changeMilestone(repos: Repositories, clock: Clock, member: MemberInPlan, milestoneId: string, change: 'complete' | 'move', text: string | undefined, date: IsoDate | undefined): Promise<ScheduleOutcome> {
  const { plan, membership, today } = member;
  const milestone = findOccurrence(plan, milestoneId);
  if (!milestone) return { kind: 'gone' };
  if (!mayChangeMilestone(plan, milestone, membership.memberId, membership.roles)) return { kind: 'notYours' };
  const existing = (await repos.schedule.milestoneStates(plan.id)).find((s) => s.record.milestoneId === milestoneId);
  const before: MilestoneState = existing?.record ?? { id: milestoneStateId(milestoneId), type: 'milestoneState', planId: plan.id, milestoneId };
  const after: MilestoneState =
    change === 'complete'
      ? { ...before, done: { date: today, by: membership.memberId, ...(text ? { note: text } : {}) } }
      : { ...before, movedTo: { date: date!, by: membership.memberId, reason: text! } };
  if ((await repos.schedule.saveMilestoneState(after, existing?.etag)) === 'conflict') return { kind: 'conflict' };
  const at = clock.now().toISOString();
  await repos.audit.append(auditEntry({ planId: plan.id, at, actor: membership.memberId, action: 'update', recordType: 'milestone', recordId: milestoneId, before, after }));
  return change === 'complete' ? { kind: 'done', target: 'milestone', title: milestone.text } : { kind: 'moved', target: 'milestone', title: milestone.text, date: date! };
}

/**
 * Its owner, a leader, or a coordinator of the milestone's own activity: a coordinator of one
 * network may not tick off another area's milestone.
 */
export function mayChangeMilestone(plan: Plan, milestone: MilestoneOccurrence, memberId: string, roles: readonly string[]): boolean {
  if (milestone.owner === memberId || roles.includes('leader')) return true;
  if (!roles.includes('coordinator') || !milestone.activity) return false;
  const networks = networksOfActivity(plan, milestone.activity);
  return plan.networks.some((n) => networks.includes(n.id) && n.coordinators.includes(memberId));
}

async function changeFollowUpItem(repos: Repositories, clock: Clock, member: MemberInPlan, meetingId: string, itemId: string, change: 'complete' | 'move', text: string | undefined, date: IsoDate | undefined): Promise<ScheduleOutcome> {
  const { plan, membership, today } = member;
  const stored = await repos.records.get(plan.id, meetingId);
  if (!stored || stored.record.type !== 'meeting') return { kind: 'gone' };
  const meeting: MeetingRecord = stored.record;
  const item = meeting.followUps.find((f) => f.id === itemId);
  if (!item) return { kind: 'gone' };
  const coordinates = plan.networks.some((n) => n.id === meeting.networkId && n.coordinators.includes(membership.memberId));
  if (item.owner !== membership.memberId && !membership.roles.includes('leader') && !coordinates) return { kind: 'notYours' };
  const changed: MeetingRecord = {
    ...meeting,
    followUps: meeting.followUps.map((f) =>
      f.id !== itemId ? f : change === 'complete' ? { ...f, done: { date: today, by: membership.memberId, ...(text ? { note: text } : {}) } } : { ...f, due: date!, movedReason: text },
    ),
  };
  if ((await repos.records.replace(changed, stored.etag)) === 'conflict') return { kind: 'conflict' };
  const at = clock.now().toISOString();
  await repos.audit.append(auditEntry({ planId: plan.id, at, actor: membership.memberId, action: 'update', recordType: 'meeting', recordId: meeting.id, before: meeting, after: changed, discriminator: `${itemId}-${change}-${at}` }));
  return change === 'complete' ? { kind: 'done', target: 'followUpItem', title: item.text } : { kind: 'moved', target: 'followUpItem', title: item.text, date: date! };
}

export interface NextMeetingForm {
  kind: 'nextMeetingForm';
  plan: Plan;
  /** The networks the member may set a date for. */
  networks: Plan['networks'];
  values: { networkId?: string; date?: string; startTime?: string };
  errors: FieldError[];
  saved?: { networkName: string; date: IsoDate };
}

function networksFor(member: MemberInPlan): Plan['networks'] {
  const { plan, membership } = member;
  return membership.roles.includes('leader') ? plan.networks : plan.networks.filter((n) => n.coordinators.includes(membership.memberId));
}

/** `næste møde`: a coordinator (or a leader) sets the next meeting's date, overriding the cadence. */
export async function prepareNextMeetingForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined, prefill: { networkId?: string } = {}): Promise<NextMeetingForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'linkChannel');
  if (isDenied(member)) return member;
  const networks = networksFor(member);
  const networkId = networks.some((n) => n.id === prefill.networkId) ? prefill.networkId : networks.length === 1 ? networks[0]!.id : undefined;
  return { kind: 'nextMeetingForm', plan: member.plan, networks, values: networkId ? { networkId } : {}, errors: [] };
}

export async function saveNextMeeting(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<NextMeetingForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'linkChannel');
  if (isDenied(member)) return member;
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const values = { networkId: String(p.networkId ?? ''), date: String(p.date ?? ''), startTime: String(p.startTime ?? '') };
  const networks = networksFor(member);
  const errors: FieldError[] = [];
  const network = networks.find((n) => n.id === values.networkId);
  if (!values.networkId) errors.push({ field: 'networkId', code: 'required' });
  else if (!network) errors.push({ field: 'networkId', code: 'unknownChoice' });
  if (!values.date) errors.push({ field: 'date', code: 'required' });
  else if (!isValidIsoDate(values.date)) errors.push({ field: 'date', code: 'invalidDate' });
  else if (values.date < member.today) errors.push({ field: 'date', code: 'beforeToday' });
  else if (values.date > member.plan.period.end) errors.push({ field: 'date', code: 'afterPlanPeriod' });
  if (values.startTime && !isClockTime(values.startTime)) errors.push({ field: 'startTime', code: 'invalidTime' });
  if (errors.length || !network) return { kind: 'nextMeetingForm', plan: member.plan, networks, values, errors };
  const override = {
    id: nextMeetingId(network.id),
    type: 'nextMeeting' as const,
    planId: member.plan.id,
    networkId: network.id,
    date: values.date,
    ...(values.startTime ? { startTime: values.startTime } : {}),
    setBy: member.membership.memberId,
    setAt: clock.now().toISOString(),
  };
  const previous = (await repos.schedule.nextMeetings(member.plan.id)).find((o) => o.networkId === network.id);
  await repos.schedule.saveNextMeeting(override);
  await repos.audit.append(auditEntry({ planId: member.plan.id, at: override.setAt, actor: override.setBy, action: previous ? 'update' : 'create', recordType: 'nextMeeting', recordId: override.id, ...(previous ? { before: previous } : {}), after: override }));
  return { kind: 'nextMeetingForm', plan: member.plan, networks, values, errors: [], saved: { networkName: network.name, date: values.date } };
}

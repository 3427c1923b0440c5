import { daysBetween, isoWeekNumber } from '../domain/calendar';
import { mainCadence } from '../domain/plan/cadences';
import { findOccurrence } from '../domain/plan/milestones';
import type { Plan } from '../domain/plan/schema';
import type { DigestLine, OutboxItem } from '../domain/reminders/outbox';
import type { Messages } from '../i18n';
import { lineKey, linesOf, mayActOn, maySetNextMeeting, type ReminderCardState } from '../usecases/reminders/reminderCardState';
import type { ReminderSettingsForm } from '../usecases/reminders/reminderSettings';
import type { MilestoneList, NextMeetingForm, ScheduleOutcome } from '../usecases/reminders/schedule';
import { fieldErrorTexts } from './fieldErrorTexts';
import { nameOf } from './planNames';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs, type CardVerb } from './verbs';

interface Button {
  title: string;
  verb: CardVerb;
  planId: string;
  networkId: string;
  activityId: string;
  date: string;
  /** For the milestones button: only the overdue ones. */
  filter: string;
}

interface FooterButton {
  title: string;
  verb: CardVerb;
  page: string;
  filter: string;
}

const footerButton = (title: string, verb: CardVerb, view: { page?: number; filter?: string } = {}): FooterButton => ({ title, verb, page: view.page ? String(view.page) : '', filter: view.filter ?? '' });

interface ScheduleForm {
  title: string;
  submitTitle: string;
  verb: CardVerb;
  planId: string;
  target: 'milestone' | 'followUpItem';
  targetId: string;
  recordId: string;
  key: string;
  dateLabel: string;
  dateValue: string;
  textLabel: string;
  textValue: string;
  /** The field errors of the form that came back, shown under its inputs. */
  dateError: string;
  textError: string;
}

interface ItemView {
  heading: string;
  color: string;
  lines: string[];
  facts: { title: string; value: string }[];
  buttons: Button[];
  forms: ScheduleForm[];
}

const button = (plan: Plan, title: string, verb: CardVerb, about: { networkId?: string; activityId?: string; date?: string } = {}, filter = ''): Button => ({
  title,
  verb,
  planId: plan.id,
  networkId: about.networkId ?? '',
  activityId: about.activityId ?? '',
  date: about.date ?? '',
  filter,
});

/** From this many milestones of one kind (or activities without attendance), a digest lists them in one item with a button, not a form each. */
const GROUP_MILESTONES_FROM = 3;
/** Milestone texts a grouped item names before "… og N flere". */
const NAMED_IN_GROUP = 3;

/**
 * A digest's items: milestones many at once are one line with their first few named and a
 * button to the (paged) list, so the day's other reminders are not pushed off the card.
 */
function digestItems(m: Messages, plan: Plan, lines: DigestLine[], today: string, state?: ReminderCardState): ItemView[] {
  const r = m.reminders;
  const out: ItemView[] = [];
  const grouped = new Set<DigestLine['kind']>();
  for (const [i, line] of lines.entries()) {
    const same = lines.filter((l) => l.kind === line.kind);
    const groupable = line.kind === 'milestoneOverdue' || line.kind === 'milestoneDue' || line.kind === 'missingAttendance';
    if (!groupable || same.length < GROUP_MILESTONES_FROM) {
      out.push(seenBy(m, plan, line, itemView(m, plan, line, today, `-${i}`), state));
      continue;
    }
    if (grouped.has(line.kind)) continue;
    grouped.add(line.kind);
    if (line.kind === 'missingAttendance') {
      out.push(missingAttendanceGroup(m, plan, same));
      continue;
    }
    const named = same.slice(0, NAMED_IN_GROUP).map((l) => `• ${(l.about.milestoneId ? findOccurrence(plan, l.about.milestoneId)?.text : undefined) ?? l.about.milestoneId ?? ''} (${m.formatDate(l.about.date)})`);
    const overdue = line.kind === 'milestoneOverdue';
    out.push({
      heading: overdue ? r.milestonesOverdueGroup(same.length) : r.milestonesDueGroup(same.length),
      color: overdue ? 'Attention' : 'Default',
      lines: [...named, ...(same.length > NAMED_IN_GROUP ? [r.andMore(same.length - NAMED_IN_GROUP)] : [])],
      facts: [],
      buttons: [button(plan, overdue ? r.buttons.overdueMilestones : r.buttons.milestones, cardVerbs.showMilestones, {}, overdue ? 'overdue' : '')],
      forms: [],
    });
  }
  return out;
}

/** Many weekly activities without last week's attendance: one item, and the week form to log them together. */
function missingAttendanceGroup(m: Messages, plan: Plan, same: DigestLine[]): ItemView {
  const r = m.reminders;
  const first = same[0]!.about;
  const named = same.slice(0, NAMED_IN_GROUP).map((l) => `• ${nameOf(plan, { activityId: l.about.activityId ?? '' })}`);
  return {
    heading: r.missingAttendanceGroup(same.length, isoWeekNumber(first.date)),
    color: 'Default',
    lines: [...named, ...(same.length > NAMED_IN_GROUP ? [r.andMore(same.length - NAMED_IN_GROUP)] : []), r.missingAttendanceGroupText],
    facts: [],
    buttons: [button(plan, r.buttons.logWeek, cardVerbs.showWeekForm, first)],
    forms: [],
  };
}

/** "Markér som færdig" and "Flyt dato", each a small form that opens under the item. */
function scheduleForms(
  m: Messages,
  plan: Plan,
  target: ScheduleForm['target'],
  targetId: string,
  recordId: string,
  kept?: { key: string; text?: string; date?: string; errors?: Record<string, string> },
  /** Tells apart the same item shown twice in one card (a digest). */
  occurrence = '',
): ScheduleForm[] {
  const r = m.reminders;
  // Input ids must be unique in the whole card, so each form's inputs carry its own key.
  const keyOf = (action: string) => `${target === 'milestone' ? 'm' : 'f'}-${targetId}-${action}${occurrence}`;
  const base = (key: string) => {
    const own = kept?.key === key ? kept : undefined;
    return { planId: plan.id, target, targetId, recordId, key, textValue: own?.text ?? '', textError: own?.errors?.[`text-${key}`] ?? '', dateError: own?.errors?.[`date-${key}`] ?? '' };
  };
  const done = base(keyOf('done'));
  const move = base(keyOf('move'));
  return [
    { ...done, title: r.buttons.markDone, submitTitle: r.buttons.markDone, verb: cardVerbs.completeScheduleItem, dateLabel: '', dateValue: '', textLabel: r.fields.note },
    { ...move, title: r.buttons.moveDate, submitTitle: r.buttons.moveDate, verb: cardVerbs.moveScheduleItem, dateLabel: r.fields.newDate, dateValue: kept?.key === move.key ? (kept.date ?? '') : '', textLabel: r.fields.reason },
  ];
}

function itemView(m: Messages, plan: Plan, line: DigestLine, today: string, occurrence = ''): ItemView {
  const r = m.reminders;
  const { about } = line;
  const empty: ItemView = { heading: '', color: 'Default', lines: [], facts: [], buttons: [], forms: [] };
  const network = about.networkId ? nameOf(plan, { networkId: about.networkId }) : '';
  switch (line.kind) {
    case 'upcomingMeeting': {
      const networkOfMeeting = plan.networks.find((n) => n.id === about.networkId);
      const cadence = networkOfMeeting ? mainCadence(networkOfMeeting) : undefined;
      const time = cadence?.kind === 'monthlyWeekday' ? (cadence.start ?? '') : '';
      return {
        ...empty,
        heading: r.upcomingMeeting(network, Math.max(0, daysBetween(today, about.date))),
        lines: [r.meetingOn(m.formatDate(about.date), time), ...(cadence?.kind === 'perYear' ? [r.approximate] : []), ...(about.openItems?.length ? [r.openItems, ...about.openItems.map((t) => `• ${t}`)] : [])],
        buttons: [button(plan, r.buttons.setNextMeeting, cardVerbs.showNextMeetingForm, about), button(plan, r.buttons.logMeeting, cardVerbs.showMeetingForm, about)],
      };
    }
    case 'logTheMeeting':
      return { ...empty, heading: r.logTheMeeting(network), lines: [r.logTheMeetingText(m.formatDate(about.date))], buttons: [button(plan, r.buttons.logMeeting, cardVerbs.showMeetingForm, about)] };
    case 'milestoneDue':
    case 'milestoneOverdue': {
      const milestone = about.milestoneId ? findOccurrence(plan, about.milestoneId) : undefined;
      return {
        ...empty,
        heading: line.kind === 'milestoneDue' ? r.milestoneDue(m.formatDate(about.date)) : r.milestoneOverdue(m.formatDate(about.date)),
        color: line.kind === 'milestoneOverdue' ? 'Attention' : 'Default',
        lines: [milestone?.text ?? about.milestoneId ?? ''],
        forms: scheduleForms(m, plan, 'milestone', about.milestoneId ?? '', '', undefined, occurrence),
      };
    }
    case 'referralFollowUp':
      return {
        ...empty,
        heading: r.referralFollowUp,
        lines: [r.referralText(about.activityId ? nameOf(plan, { activityId: about.activityId }) : '?', about.text ?? '?', m.formatDate(about.date))],
        buttons: [button(plan, r.buttons.updateReferral, cardVerbs.showMyReferrals)],
      };
    case 'missingAttendance':
      return {
        ...empty,
        heading: r.missingAttendance(nameOf(plan, { activityId: about.activityId ?? '' }), isoWeekNumber(about.date)),
        lines: [r.missingAttendanceText],
        buttons: [button(plan, r.buttons.logAttendance, cardVerbs.showAttendanceForm, about), button(plan, r.buttons.logWeek, cardVerbs.showWeekForm, about)],
      };
    case 'followUpItemDue':
      return {
        ...empty,
        heading: r.followUpItemDue(m.formatDate(about.date)),
        lines: [about.text ?? '', network],
        forms: scheduleForms(m, plan, 'followUpItem', about.followUpItemId ?? '', about.recordId ?? '', undefined, occurrence),
      };
  }
}

/** Items per card: each carries two small forms, and a card must stay under Teams' 28 KB. */
export const MAX_ITEMS_PER_CARD = 10;

/** The card a reminder (or a weekly digest) is sent as: what it is about and what to do now. */
/**
 * An item as it stands now and as this viewer sees it: done items say so and lose their
 * buttons; a viewer keeps only the buttons they may use (the use case checks again).
 */
function seenBy(m: Messages, plan: Plan, line: DigestLine, view: ItemView, state: ReminderCardState | undefined): ItemView {
  if (!state) return view;
  const done = state.done[lineKey(line)];
  if (done) {
    const by = plan.members.find((x) => x.id === done.by)?.name ?? done.by;
    return { ...view, heading: view.heading ? `✅ ${view.heading}` : '', color: 'Good', lines: [...view.lines, m.reminders.doneBy(by, m.formatDate(done.date))], buttons: [], forms: [] };
  }
  const mayAct = mayActOn(plan, line, state);
  return {
    ...view,
    forms: mayAct ? view.forms : [],
    buttons: view.buttons.filter((b) => (b.verb === cardVerbs.showNextMeetingForm ? maySetNextMeeting(plan, line.about.networkId, state.viewer) : mayAct)),
  };
}

export interface ReminderCardOptions {
  /** How the card's items stand now, and whose view it is; without it, the card as sent. */
  state?: ReminderCardState;
  /** For a channel's card: the Teams users it refreshes for, each to their own view. */
  refreshFor?: string[];
  /** What the viewer just did on the card. */
  outcome?: ScheduleOutcome;
}

export function reminderCard(m: Messages, item: OutboxItem, plan: Plan, options: ReminderCardOptions = {}): CardJson {
  const { state } = options;
  const today = item.plannedAt.slice(0, 10);
  const lines = linesOf(item);
  const all = item.kind === 'digest' ? digestItems(m, plan, lines, today, state) : lines.map((l) => seenBy(m, plan, l, itemView(m, plan, l, today), state));
  const items = all.slice(0, MAX_ITEMS_PER_CARD);
  const title = item.kind !== 'digest' ? items[0]!.heading : item.digestOf === 'day' ? m.reminders.dailyDigestTitle(lines.length) : m.reminders.digestTitle(isoWeekNumber(item.about.date));
  const inChannel = item.recipient.kind === 'channel';
  const notice = options.outcome ? outcomeNotice(m, options.outcome) : state?.viewer.kind === 'stranger' ? { notice: m.reminders.onlyMembers, noticeColor: 'Default' } : { notice: '', noticeColor: 'Default' };
  const card = renderCard('reminder', {
    title,
    planName: plan.name,
    ...notice,
    more: all.length > items.length ? m.reminders.more(all.length - items.length) : '',
    // A channel's card names itself in its buttons, so a click can bring the shared card up to date.
    cardId: inChannel ? item.id : '',
    empty: items.length ? '' : m.reminders.digestEmpty,
    // A single reminder's heading is the card's title already.
    items: item.kind === 'digest' ? items : items.map((i) => ({ ...i, heading: '' })),
    footer: [
      ...(item.kind === 'digest' ? [footerButton(m.reminders.buttons.milestones, cardVerbs.showMilestones)] : []),
      // A channel's card goes to everyone there: personal settings are not its business.
      ...(inChannel ? [] : [footerButton(m.reminders.buttons.settings, cardVerbs.showReminderSettings)]),
    ],
  });
  if (!inChannel) return card;
  // Universal Actions: Teams asks the bot for each listed user's own view of the shared card.
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', title: m.reminders.buttons.refresh, verb: cardVerbs.refreshReminder, data: { planId: plan.id, cardId: item.id } },
      userIds: options.refreshFor ?? [],
    },
  };
}

function outcomeNotice(m: Messages, outcome: ScheduleOutcome | undefined): { notice: string; noticeColor: string } {
  const o = m.reminders.outcome;
  if (!outcome) return { notice: '', noticeColor: 'Default' };
  switch (outcome.kind) {
    case 'done':
      return { notice: o.done(outcome.title), noticeColor: 'Good' };
    case 'moved':
      return { notice: o.moved(outcome.title, m.formatDate(outcome.date)), noticeColor: 'Good' };
    case 'invalid': {
      const f = m.reminders.fields;
      const label = (field: string) => (field.startsWith('date-') ? f.newDate : outcome.change === 'move' ? f.reason : f.note).replace(/ \(.*\)$/, '');
      const problems = outcome.errors.map((e) => `${label(e.field)}: ${m.fieldErrors[e.code]}`).join(' ');
      return { notice: o.invalid(problems), noticeColor: 'Attention' };
    }
    default:
      return { notice: o[outcome.kind], noticeColor: 'Attention' };
  }
}

/** `milepæle`: open milestones due soon and overdue, each with "done" and "move" forms. */
export function milestonesCard(m: Messages, list: MilestoneList): CardJson {
  const r = m.reminders;
  const { plan, today } = list;
  const kept = list.outcome?.kind === 'invalid' ? { key: list.outcome.key, ...list.outcome.values, errors: fieldErrorTexts(m, list.outcome.errors) } : undefined;
  // The milestone whose form came back with an error is always shown, with what was typed.
  const keptId = kept ? list.milestones.find((v) => kept.key.startsWith(`m-${v.milestone.id}-`))?.milestone.id : undefined;
  const ordered = [...list.milestones.filter((v) => v.milestone.id === keptId), ...list.milestones.filter((v) => v.milestone.id !== keptId)];
  // A page at a time: a card holds ten items with their forms; the rest are a button away.
  const page = Math.min(list.page ?? 0, Math.max(0, Math.ceil(ordered.length / MAX_ITEMS_PER_CARD) - 1));
  const shown = ordered.slice(page * MAX_ITEMS_PER_CARD, (page + 1) * MAX_ITEMS_PER_CARD);
  const after = ordered.length - (page + 1) * MAX_ITEMS_PER_CARD;
  const filter = list.onlyOverdue ? 'overdue' : '';
  const item = list.outcome?.kind === 'invalid' ? list.outcome.followUpItem : undefined;
  const keptItem = item ? [{ heading: item.text, color: 'Attention', lines: [], facts: [], buttons: [], forms: scheduleForms(m, plan, 'followUpItem', item.itemId, item.recordId, kept) }] : [];
  return renderCard('reminder', {
    title: list.onlyOverdue ? r.overdueTitle(list.milestones.length) : r.milestonesTitle,
    planName: plan.name,
    cardId: '',
    ...outcomeNotice(m, list.outcome),
    more: ordered.length > shown.length ? r.pageOf(page * MAX_ITEMS_PER_CARD + 1, page * MAX_ITEMS_PER_CARD + shown.length, ordered.length) : '',
    empty: list.milestones.length || item ? '' : list.onlyOverdue ? r.noOverdue : r.milestonesEmpty,
    items: [...keptItem, ...shown.map(({ milestone, due, state }) => ({
      heading: milestone.text,
      color: due < today ? 'Attention' : 'Default',
      lines: [],
      facts: [
        { title: r.milestoneFacts.due, value: `${m.formatDate(due)}${due < today ? ` (${r.overdue})` : ''}` },
        ...(milestone.owner ? [{ title: r.milestoneFacts.owner, value: nameOf(plan, { memberId: milestone.owner }) }] : []),
        ...(milestone.activity ? [{ title: r.milestoneFacts.activity, value: nameOf(plan, { activityId: milestone.activity }) }] : []),
        ...(state?.movedTo ? [{ title: r.milestoneFacts.moved, value: state.movedTo.reason }] : []),
      ],
      buttons: [],
      forms: scheduleForms(m, plan, 'milestone', milestone.id, '', kept),
    }))],
    footer: [
      ...(after > 0 ? [footerButton(r.buttons.nextPage(Math.min(after, MAX_ITEMS_PER_CARD)), cardVerbs.showMilestones, { page: page + 1, filter })] : []),
      ...(page > 0 ? [footerButton(r.buttons.previousPage, cardVerbs.showMilestones, { page: page - 1, filter })] : []),
      footerButton(r.buttons.settings, cardVerbs.showReminderSettings),
    ],
  });
}

export function nextMeetingCard(m: Messages, form: NextMeetingForm): CardJson {
  const l = m.reminders.nextMeeting;
  const errors = fieldErrorTexts(m, form.errors, ['networkId', 'date', 'startTime']);
  return renderCard('next-meeting-form', {
    labels: l,
    planName: form.plan.name,
    planId: form.plan.id,
    notice: form.saved ? l.saved(form.saved.networkName, m.formatDate(form.saved.date)) : form.errors.length ? m.reminders.outcome.fixBelow : form.networks.length ? '' : l.noNetworks,
    noticeColor: form.saved ? 'Good' : 'Attention',
    networks: form.networks.map((n) => ({ title: n.name, value: n.id })),
    values: { networkId: form.values.networkId ?? '', date: form.values.date ?? '', startTime: form.values.startTime ?? '' },
    errors,
  });
}

export function reminderSettingsCard(m: Messages, form: ReminderSettingsForm): CardJson {
  const l = m.reminders.settings;
  const errors = fieldErrorTexts(m, form.errors, ['wantedKinds', 'quietFrom', 'quietTo']);
  return renderCard('reminder-settings', {
    labels: l,
    notice: form.saved ? l.saved : form.errors.length ? m.reminders.outcome.fixBelow : '',
    noticeColor: form.saved ? 'Good' : 'Attention',
    kinds: Object.entries(m.reminders.kindNames).map(([value, title]) => ({ title, value })),
    wantedKinds: form.values.wantedKinds,
    quietFrom: form.values.quietFrom,
    quietTo: form.values.quietTo,
    weeklyDigest: form.values.weeklyDigest ? 'true' : 'false',
    errors,
  });
}

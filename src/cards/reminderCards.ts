import { daysBetween, isoWeekNumber } from '../domain/calendar';
import { mainCadence } from '../domain/plan/cadences';
import { findOccurrence } from '../domain/plan/milestones';
import type { Plan } from '../domain/plan/schema';
import type { DigestLine, OutboxItem } from '../domain/reminders/outbox';
import type { Messages } from '../i18n';
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
}

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
  textRequired: boolean;
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

const button = (plan: Plan, title: string, verb: CardVerb, about: { networkId?: string; activityId?: string; date?: string } = {}): Button => ({
  title,
  verb,
  planId: plan.id,
  networkId: about.networkId ?? '',
  activityId: about.activityId ?? '',
  date: about.date ?? '',
});

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
    { ...done, title: r.buttons.markDone, submitTitle: r.buttons.markDone, verb: cardVerbs.completeScheduleItem, dateLabel: '', dateValue: '', textLabel: r.fields.note, textRequired: false },
    { ...move, title: r.buttons.moveDate, submitTitle: r.buttons.moveDate, verb: cardVerbs.moveScheduleItem, dateLabel: r.fields.newDate, dateValue: kept?.key === move.key ? (kept.date ?? '') : '', textLabel: r.fields.reason, textRequired: true },
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
export function reminderCard(m: Messages, item: OutboxItem & { kind: DigestLine['kind'] | 'digest' }, plan: Plan): CardJson {
  const today = item.plannedAt.slice(0, 10);
  const lines: DigestLine[] = item.kind === 'digest' ? (item.lines ?? []) : [{ kind: item.kind, about: item.about }];
  const items = lines.slice(0, MAX_ITEMS_PER_CARD).map((l, i) => itemView(m, plan, l, today, item.kind === 'digest' ? `-${i}` : ''));
  const title = item.kind === 'digest' ? m.reminders.digestTitle(isoWeekNumber(item.about.date)) : items[0]!.heading;
  return renderCard('reminder', {
    title,
    planName: plan.name,
    notice: '',
    more: lines.length > items.length ? m.reminders.more(lines.length - items.length) : '',
    noticeColor: 'Default',
    empty: items.length ? '' : m.reminders.digestEmpty,
    // A single reminder's heading is the card's title already.
    items: item.kind === 'digest' ? items : items.map((i) => ({ ...i, heading: '' })),
    footer: [
      ...(item.kind === 'digest' ? [{ title: m.reminders.buttons.milestones, verb: cardVerbs.showMilestones }] : []),
      { title: m.reminders.buttons.settings, verb: cardVerbs.showReminderSettings },
    ],
  });
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
  const shown = [...list.milestones.filter((v) => v.milestone.id === keptId), ...list.milestones.filter((v) => v.milestone.id !== keptId)].slice(0, MAX_ITEMS_PER_CARD);
  const item = list.outcome?.kind === 'invalid' ? list.outcome.followUpItem : undefined;
  const keptItem = item ? [{ heading: item.text, color: 'Attention', lines: [], facts: [], buttons: [], forms: scheduleForms(m, plan, 'followUpItem', item.itemId, item.recordId, kept) }] : [];
  return renderCard('reminder', {
    title: r.milestonesTitle,
    planName: plan.name,
    ...outcomeNotice(m, list.outcome),
    more: list.milestones.length > shown.length ? r.more(list.milestones.length - shown.length) : '',
    empty: list.milestones.length || item ? '' : r.milestonesEmpty,
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
    footer: [{ title: r.buttons.settings, verb: cardVerbs.showReminderSettings }],
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
  const errors = fieldErrorTexts(m, form.errors, ['mutedKinds', 'quietFrom', 'quietTo']);
  return renderCard('reminder-settings', {
    labels: l,
    notice: form.saved ? l.saved : form.errors.length ? m.reminders.outcome.fixBelow : '',
    noticeColor: form.saved ? 'Good' : 'Attention',
    kinds: Object.entries(m.reminders.kindNames).map(([value, title]) => ({ title, value })),
    mutedKinds: form.values.mutedKinds,
    quietFrom: form.values.quietFrom,
    quietTo: form.values.quietTo,
    weeklyDigest: form.values.weeklyDigest ? 'true' : 'false',
    errors,
  });
}

import { cadencesOf } from '../domain/plan/cadences';
import type { Plan } from '../domain/plan/schema';
import { FOLLOW_UP_ROWS, type MeetingRecord } from '../domain/records/meeting';
import type { Messages } from '../i18n';
import type { MeetingForm } from '../usecases/logMeeting';
import { fieldErrorTexts } from './fieldErrorTexts';
import { formFrame, numberOrEmpty } from './formFrame';
import { nameOf } from './planNames';
import { recordSavedCard } from './recordSavedCard';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

const fields = ['networkId', 'cadenceId', 'date', 'startTime', 'participants', 'organisations', 'othersCount', 'summary', 'decisions'] as const;


/** Keeps only the values that are among the choices, so a forged value never reaches the card. */
function knownChoices(raw: string | undefined, known: Set<string>): string {
  return (raw ?? '').split(',').map((s) => s.trim()).filter((v) => known.has(v)).join(',');
}

/** `fromCard`: the channel reminder card the form was opened from, brought up to date once the meeting is saved. */
export function meetingFormCard(m: Messages, form: MeetingForm, fromCard = ''): CardJson {
  const f = m.meetingForm;
  const { plan, values } = form;
  const errors = fieldErrorTexts(m, form.errors);
  const memberIds = new Set(plan.members.map((x) => x.id));
  return renderCard('meeting-form', {
    ...formFrame(m, form, f, m.myEntries.correctMeetingTitle),
    cardId: fromCard,
    networks: plan.networks.map((n) => ({ title: n.name, value: n.id })),
    // Only networks with more than one rhythm ask which meeting this was (reporting to the board, say).
    cadences: plan.networks.filter((n) => cadencesOf(n).length > 1).flatMap((n) => cadencesOf(n).map((c) => ({ title: `${n.name}: ${c.label ?? c.text}`, value: c.id }))),
    members: plan.members.map((x) => ({ title: x.name, value: x.id })),
    organisations: plan.organisations.map((o) => ({ title: o.name, value: o.id })),
    values: {
      networkId: plan.networks.some((n) => n.id === values.networkId) ? values.networkId : '',
      cadenceId: plan.networks.some((n) => cadencesOf(n).length > 1 && cadencesOf(n).some((c) => c.id === values.cadenceId)) ? values.cadenceId : '',
      date: values.date ?? '',
      startTime: /^\d{2}:\d{2}$/.test(values.startTime ?? '') ? values.startTime : '',
      participants: knownChoices(values.participants, memberIds),
      organisations: knownChoices(values.organisations, new Set(plan.organisations.map((o) => o.id))),
      othersCount: numberOrEmpty(values.othersCount),
      summary: values.summary ?? '',
      decisions: values.decisions ?? '',
    },
    errors: Object.fromEntries(fields.map((k) => [k, errors[k] ?? ''])),
    followUpRows: Array.from({ length: FOLLOW_UP_ROWS }, (_, i) => {
      const n = i + 1;
      const rowErrors = [`followUp${n}Text`, `followUp${n}Owner`, `followUp${n}Due`].map((k) => errors[k]).filter(Boolean);
      // One row to begin with; a row is open when it, or a row after it, has something in it.
      const used = (k: number) => ['Text', 'Owner', 'Due'].some((f) => values[`followUp${k}${f}` as `followUp${number}Text`]) || [`followUp${k}Text`, `followUp${k}Owner`, `followUp${k}Due`].some((e) => errors[e]);
      const visible = n === 1 || Array.from({ length: FOLLOW_UP_ROWS - n + 1 }, (_, j) => n + j).some(used);
      const nextVisible = n < FOLLOW_UP_ROWS && Array.from({ length: FOLLOW_UP_ROWS - n }, (_, j) => n + 1 + j).some(used);
      return {
        rowId: `followUpRow${n}`,
        visible,
        nextRowId: n < FOLLOW_UP_ROWS && !nextVisible ? `followUpRow${n + 1}` : '',
        addId: `addFollowUp${n + 1}`,
        addLabel: f.addFollowUp,
        textId: `followUp${n}Text`,
        ownerId: `followUp${n}Owner`,
        dueId: `followUp${n}Due`,
        label: f.followUp(n),
        ownerLabel: f.owner,
        dueLabel: f.due,
        choose: f.choose,
        text: values[`followUp${n}Text`] ?? '',
        owner: memberIds.has(values[`followUp${n}Owner`] ?? '') ? values[`followUp${n}Owner`] : '',
        due: values[`followUp${n}Due`] ?? '',
        error: rowErrors.join(' '),
      };
    }),
  });
}

export function meetingSavedCard(m: Messages, plan: Plan, r: MeetingRecord, alreadySaved: boolean, corrected = false): CardJson {
  const s = m.meetingSaved;
  const member = (memberId: string) => nameOf(plan, { memberId });
  const participants = r.participants.map(member);
  const others = r.othersCount ? [`+${r.othersCount}`] : [];
  return recordSavedCard({
    title: s.title,
    planName: plan.name,
    notice: corrected ? m.myEntries.corrected : alreadySaved ? s.alreadySaved : '',
    facts: [
      { title: s.network, value: nameOf(plan, { networkId: r.networkId }) },
      { title: s.date, value: `${m.formatDate(r.date)}${r.startTime ? ` ${r.startTime}` : ''}` },
      { title: s.participants, value: [...participants, ...others].join(', ') || '–' },
      ...r.followUps.map((f, i) => ({ title: i === 0 ? s.followUps : ' ', value: s.followUp(f.text, member(f.owner), m.formatDate(f.due)) })),
    ],
    actions: [{ title: s.logAnother, verb: cardVerbs.showMeetingForm }],
  });
}

import { milestoneOccurrences } from '../../src/domain/plan/milestones';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { attendanceFormCard, attendanceSavedCard } from '../../src/cards/attendanceCards';
import { myEntriesCard } from '../../src/cards/entriesCards';
import { helpCard } from '../../src/cards/helpCard';
import { weekFormCard, weekSavedCard } from '../../src/cards/weekCards';
import { loadTemplate, templateNames, type CardJson } from '../../src/cards/renderCard';
import { meetingFormCard, meetingSavedCard } from '../../src/cards/meetingCards';
import { myReferralsCard, referralFormCard, referralSavedCard } from '../../src/cards/referralCards';
import { statusCard } from '../../src/cards/statusCard';
import { cardVerbs } from '../../src/cards/verbs';
import { milestonesCard, nextMeetingCard, reminderCard, reminderSettingsCard } from '../../src/cards/reminderCards';
import { dueReminders, type ReminderKind } from '../../src/domain/reminders/dueReminders';
import { choosePlanCard, membersCard } from '../../src/cards/membersCards';
import { teamRosterCard, unreachableCard, withMention } from '../../src/cards/reachCards';
import { peopleOfPlan } from '../../src/domain/people/person';
import type { MembersView } from '../../src/usecases/people/manageMembers';
import { digestItem, outboxItemsFor } from '../../src/domain/reminders/outbox';
import type { MeetingRecord } from '../../src/domain/records/meeting';
import type { ReferralRecord } from '../../src/domain/records/referral';
import { calendarYear, isoWeekDays } from '../../src/domain/calendar';
import type { Plan } from '../../src/domain/plan/schema';
import { planStatus, type StatusScope } from '../../src/domain/status/planStatus';
import { rollupsFromRecords } from '../../src/domain/status/rollups';
import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import { indicatorFormCard } from '../../src/cards/indicatorCard';
import { assessmentFormCard, assessmentSavedCard } from '../../src/cards/assessmentCards';
import { outcomeFormCard, outcomeSavedCard } from '../../src/cards/outcomeCards';
import { suggestionCard } from '../../src/cards/suggestionCard';
import { planTargets } from '../../src/domain/plan/planTargets';
import { catalogues } from '../../src/i18n';
import { loadPlanFile, planFiles } from '../fixtures/plans';
import { parseCardWithMicrosoftParser } from '../support/adaptiveCards';

const TEAMS_CARD_LIMIT = 28 * 1024;

/** Every card the bot can send, rendered with real view models from a plan. */
function everyCard(plan: Plan, m: (typeof catalogues)['da']): Record<string, CardJson> {
  const activity = plan.activities[0]!;
  const record = { id: 'attendance-x', planId: plan.id, type: 'attendance' as const, activityId: activity.id, date: '2024-09-10', headcount: 12, newParticipants: 3, loggedBy: 'alex-wilber', loggedAt: '2024-09-10T18:00:00Z' };
  const form = { plan, activities: plan.activities, submissionId: '4a0c2c1e-8f55-4a61-9d1c-2a8f7c1d9e10', values: { date: '2024-09-10' }, errors: [] };
  const records = plan.activities.map((a, i) => ({ ...record, id: `r${i}`, activityId: a.id }));
  const member = plan.members[0]!.id;
  const referral: ReferralRecord = {
    id: 'referral-x', planId: plan.id, type: 'referral', from: { activityId: activity.id }, to: { offerId: plan.offers[0]?.id, text: plan.offers[0] ? undefined : 'Klubben' },
    personCode: 'KB17', ageBand: '6-12', consentBasis: 'consent', date: '2024-09-10', status: 'started',
    history: [{ status: 'referred', date: '2024-09-10', by: member }, { status: 'started', date: '2024-09-20', by: member }],
    followUpDate: '2025-03-10', loggedBy: member, loggedAt: '2024-09-10T18:00:00Z',
  };
  const meeting: MeetingRecord = {
    id: 'meeting-x', planId: plan.id, type: 'meeting', networkId: plan.networks[0]!.id, date: '2024-09-10', startTime: '16:00',
    participants: plan.members.map((x) => x.id), organisations: plan.organisations.map((o) => o.id), othersCount: 4,
    summary: 'Årshjul for brobygning drøftet.', decisions: 'Festival i uge 35.',
    followUps: [1, 2, 3].map((n) => ({ id: `f${n}`, text: `Punkt ${n}`, owner: member, due: '2024-10-01' })), loggedBy: member, loggedAt: '2024-09-10T18:00:00Z',
  };
  const everyMember = plan.members.map((x) => x.id).join(',');
  const everyOrganisation = plan.organisations.map((o) => o.id).join(',');
  const manyReferrals = Array.from({ length: 15 }, (_, i) => ({ ...referral, id: `referral-${i}` }));
  return {
    help: helpCard(m, plan.name),
    'referral-form': referralFormCard(m, { plan, submissionId: form.submissionId, values: { date: '2024-09-10' }, errors: [] }),
    'referral-form with errors': referralFormCard(m, { plan, submissionId: form.submissionId, values: { from: 'x', personCode: 'Jens' }, errors: [{ field: 'personCode', code: 'invalidPersonCode' }, { field: 'to', code: 'required' }] }),
    'referral-saved': referralSavedCard(m, plan, referral, false),
    'my-referrals (15 open)': myReferralsCard(m, { kind: 'list', plan, today: '2025-04-01', referrals: manyReferrals, outcome: { referral, moved: true } }),
    'my-referrals (none)': myReferralsCard(m, { kind: 'list', plan, today: '2025-04-01', referrals: [], outcome: { moved: false, reason: 'notYours' } }),
    'meeting-form': meetingFormCard(m, { plan, submissionId: form.submissionId, values: { date: '2024-09-10' }, errors: [] }),
    'meeting-form, everything ticked, with errors': meetingFormCard(m, {
      plan, submissionId: form.submissionId, errors: [{ field: 'summary', code: 'containsCpr' }, { field: 'followUp2Owner', code: 'required' }],
      values: { networkId: plan.networks[0]!.id, date: '2024-09-10', participants: everyMember, organisations: everyOrganisation, summary: 'x'.repeat(1900), decisions: 'y'.repeat(1900), followUp1Text: 'z'.repeat(290) },
    }),
    'meeting-saved': meetingSavedCard(m, plan, meeting, false),
    'meeting-form correcting': meetingFormCard(m, { plan, submissionId: form.submissionId, values: { networkId: meeting.networkId, date: meeting.date }, errors: [], correcting: meeting.id }),
    'referral-form correcting': referralFormCard(m, { plan, submissionId: form.submissionId, values: { date: '2024-09-10' }, errors: [{ field: 'date', code: 'afterNextStep' }], correcting: referral.id }),
    'my-entries (10, mixed)': myEntriesCard(m, {
      kind: 'entries',
      plan,
      entries: [record, referral, meeting, record, referral, meeting, record, referral, meeting, record].map((r, i) => ({ record: { ...r, id: `e${i}` }, change: i % 3 ? 'allowed' : 'editWindowClosed' })),
      outcome: { deleted: record },
    }),
    'attendance-week': weekFormCard(m, { plan, activities: plan.activities, submissionId: form.submissionId, days: isoWeekDays('2024-09-11'), weeks: ['2024-09-09', '2024-09-02'], weekChanged: true, values: { weekOf: '2024-09-11', day1Headcount: '12' }, errors: [{ field: 'day2', code: 'inFuture' }, { field: 'days', code: 'required' }] }),
    'week-saved': weekSavedCard(m, plan, activity, [1, 2, 3, 4, 5, 6, 7].map((d) => ({ ...record, id: `w${d}`, date: `2024-09-0${d + 1}` }))),
    'my-entries (none)': myEntriesCard(m, { kind: 'entries', plan, entries: [], outcome: { refused: 'notYours' } }),
    'attendance-form correcting': attendanceFormCard(m, { ...form, correcting: 'attendance-x', values: { activityId: activity.id, date: '2024-09-10', headcount: '12', 'age_6-12': '4', note: 'x' } }),
    'attendance-form': attendanceFormCard(m, form),
    'attendance-form with errors': attendanceFormCard(m, {
      ...form,
      values: { activityId: activity.id, date: '2031-01-01', headcount: '-1' },
      errors: [
        { field: 'date', code: 'afterPlanPeriod' },
        { field: 'headcount', code: 'negative' },
      ],
    }),
    'attendance-form unreadable': attendanceFormCard(m, { ...form, unreadable: true }),
    'attendance-saved': attendanceSavedCard(m, plan.name, record, activity, false),
    'attendance-saved again': attendanceSavedCard(m, plan.name, record, activity, true),
    ...statusCards(plan, m, [...records, referral, meeting]),
    'indicator form': indicatorFormCard(m, { kind: 'indicatorForm', plan, values: { period: '2025', value: '8,9' }, errors: [{ field: 'source', code: 'required' }] }),
    ...reminderCards(plan, m, meeting, referral),
    'outcome-form': outcomeFormCard(m, { plan, submissionId: form.submissionId, values: { date: '2024-09-10', count: '1' }, errors: [{ field: 'outcome', code: 'required' }] }),
    'outcome-saved': outcomeSavedCard(m, plan, { id: 'outcome-x', planId: plan.id, type: 'outcome', activityId: activity.id, outcomeId: 'x', date: '2024-09-10', count: 3, loggedBy: member, loggedAt: '2024-09-10T18:00:00Z' }, false),
    'assessment-form': assessmentFormCard(m, { plan, targets: planTargets(plan), submissionId: form.submissionId, values: { date: '2024-09-10' }, errors: [{ field: 'agreeing', code: 'moreThanAsked' }] }),
    'assessment-saved': assessmentSavedCard(m, plan, { id: 'assessment-x', planId: plan.id, type: 'assessment', targetKey: 'x/y', date: '2024-09-10', asked: 16, agreeing: 12, source: 'forummøde', loggedBy: member, loggedAt: '2024-09-10T18:00:00Z' }, false),
    suggestion: suggestionCard(m, 'log fremøde', 'log fremmøde'),
    ...peopleCards(plan, m),
  };
}

/** The status card for the whole plan, every focus area and every activity, with real rollups. */
function statusCards(plan: Plan, m: (typeof catalogues)['da'], records: (AttendanceRecord | MeetingRecord | ReferralRecord)[]): Record<string, CardJson> {
  const rollups = [...rollupsFromRecords(plan.id, records.map((r) => ({ ...r, date: '2024-09-10' }))).values()];
  const period = calendarYear(2024);
  const card = (scope: StatusScope, scopeName: string | undefined) =>
    statusCard(m, { kind: 'status', plan, query: { kind: 'status', scope, ...(scopeName ? { scopeName } : {}), period, periodLabel: '2024' }, status: planStatus({ plan, scope, period, today: '2024-12-31', rollups }) });
  return Object.fromEntries([
    ['status (whole plan)', card({ kind: 'plan' }, undefined)],
    ...plan.focusAreas.map((f) => [`status focus area ${f.id}`, card({ kind: 'focusArea', id: f.id }, f.name)]),
    ...plan.activities.filter((a) => a.targets.length).map((a) => [`status activity ${a.id}`, card({ kind: 'activity', id: a.id }, a.name)]),
  ]);
}

/** The members card (every person, roster candidates, each outcome), the plan question, a team's roster and the unreachable notices. */
function peopleCards(plan: Plan, m: (typeof catalogues)['da']): Record<string, CardJson> {
  const people = peopleOfPlan(plan);
  const candidates = Array.from({ length: 40 }, (_, i) => ({ aadObjectId: `aad-${i}`, name: `Kollega Nummer ${i}`, emails: [`kollega${i}@example.com`] }));
  const view = (outcome?: MembersView['outcome']): MembersView => ({ kind: 'members', plan, people, candidates, submissionId: '4a0c2c1e-8f55-4a61-9d1c-2a8f7c1d9e10', values: { change: 'coordinator' }, ...(outcome ? { outcome } : {}) });
  const networkId = plan.networks[0]?.id;
  const member = plan.members[0]!;
  const notice = (how: 'channel' | 'none') => ({ id: 'n', type: 'outbox' as const, planId: plan.id, reminderId: 'n', kind: 'unreachableNotice' as const, recipient: { kind: 'member' as const, memberId: member.id }, about: { date: '2025-06-16', memberId: member.id, text: how, ...(networkId ? { networkId } : {}) }, status: 'pending' as const, plannedAt: '2025-06-16T05:00:00Z', notBefore: '2025-06-16T05:00:00Z', attempts: 0 });
  return {
    'members (personal chat)': membersCard(m, view(), 'personal'),
    'members (channel), saved': membersCard(m, view({ kind: 'saved', change: 'coordinator', name: 'Patti Fernandez', ...(networkId ? { networkId } : {}), pending: true }), 'channel'),
    'members, last leader refused': membersCard(m, view({ kind: 'refused', reason: 'lastLeader', name: member.name }), 'personal'),
    'members, unknown e-mail address': membersCard(m, view({ kind: 'refused', reason: 'noSuchEmail', email: 'ingen@example.com' }), 'personal'),
    'which plan': choosePlanCard(m, { kind: 'choosePlan', plans: [{ id: plan.id, name: plan.name }, { id: 'other', name: 'En anden plan' }] }),
    ...(plan.networks[0]
      ? {
          'team roster offered': teamRosterCard(m, m.channelLink.linked(plan.networks[0].name), { kind: 'teamRosterOffer', planId: plan.id, network: plan.networks[0], conversationId: 'c', newcomers: candidates.slice(0, 12) }),
          'team roster, all in already': teamRosterCard(m, m.channelLink.linked(plan.networks[0].name), { kind: 'teamRosterOffer', planId: plan.id, network: plan.networks[0], conversationId: 'c', newcomers: [] }),
        }
      : {}),
    'unreachable, posted in the channel': unreachableCard(m, notice('channel'), plan),
    'unreachable, nowhere': unreachableCard(m, notice('none'), plan),
  };
}

/** A reminder card of every kind the plan's own cadences and milestones produce, a full digest, and the schedule cards. */
function reminderCards(plan: Plan, m: (typeof catalogues)['da'], meeting: MeetingRecord, referral: ReferralRecord): Record<string, CardJson> {
  const now = new Date(`${plan.period.start}T08:00:00Z`);
  const days = Array.from({ length: 120 }, (_, i) => new Date(now.getTime() + i * 86_400_000).toISOString().slice(0, 10));
  const reminders = days.flatMap((today) => dueReminders({ plan, today, meetings: [{ ...meeting, date: today, followUps: meeting.followUps.map((f) => ({ ...f, due: today })) }], openReferrals: [{ ...referral, followUpDate: today }], lastWeekAttendance: [] }));
  const items = outboxItemsFor({ plan, reminders, now, channelsOf: () => [], preferencesOf: () => ({}) });
  const oneOfEach = new Map(items.map((i) => [i.kind, i]));
  const cards: Record<string, CardJson> = {};
  for (const [kind, item] of oneOfEach) cards[`reminder ${kind}`] = reminderCard(m, { ...item, kind: item.kind as ReminderKind }, plan);
  const member = plan.members[0];
  if (member) cards['weekly digest (30 reminders)'] = reminderCard(m, { ...digestItem(plan, member.id, member.aadObjectId, days[0]!, items.slice(0, 30), now, {}), kind: 'digest' }, plan);
  const first = items.find((i) => i.kind !== 'digest');
  if (member && first) cards['reminder posted in a channel with an @mention'] = withMention(m, reminderCard(m, { ...first, kind: first.kind as ReminderKind }, plan), member) as CardJson;
  const milestones = milestoneOccurrences(plan).map((milestone) => ({ milestone, due: '2025-01-01' }));
  cards['milepæle (every milestone, with an error)'] = milestonesCard(m, {
    kind: 'milestones', plan, today: '2025-06-01', milestones,
    outcome: { kind: 'invalid', change: 'move', key: `m-${plan.milestones[0]?.id ?? 'x'}`, errors: [{ field: 'text-m-x', code: 'required' }], values: { date: '2025-07-01' } },
  });
  cards['næste møde'] = nextMeetingCard(m, { kind: 'nextMeetingForm', plan, networks: plan.networks, values: { networkId: plan.networks[0]!.id, date: '2025-06-01' }, errors: [{ field: 'date', code: 'beforeToday' }] });
  cards['reminder settings'] = reminderSettingsCard(m, { kind: 'reminderSettings', values: { wantedKinds: 'upcomingMeeting,milestoneDue', quietFrom: '21:00', quietTo: '07:00', weeklyDigest: true }, errors: [], saved: true });
  return cards;
}

describe('the card templates', () => {
  it('are all known to the renderer, so none escapes these checks', () => {
    const files = readdirSync(join(__dirname, '..', '..', 'adaptive-cards')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...templateNames].sort());
  });

  it.each(templateNames)('%s.json declares version 1.5', (name) => {
    const template = loadTemplate(name);
    expect(template).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  for (const [planName, file] of Object.entries(planFiles)) {
    describe(`rendered for the ${planName} plan`, () => {
      const plan = loadPlanFile(file);
      for (const [language, m] of Object.entries(catalogues)) {
        for (const [cardName, card] of Object.entries(everyCard(plan, m))) {
          it(`${cardName} (${language}) parses without errors and stays under 28 KB`, () => {
            expect(parseCardWithMicrosoftParser(card).errors).toEqual([]);
            expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_CARD_LIMIT);
          });
        }
      }
    });
  }

  it.each(Object.keys(catalogues))('gives the same concept the same label on every card (%s): one glossary', (language) => {
    const m = catalogues[language as keyof typeof catalogues];
    const labels = new Map<string, Set<string>>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string' && typeof o.label === 'string') labels.set(o.id, new Set([...(labels.get(o.id) ?? []), o.label]));
        Object.values(o).forEach(walk);
      }
    };
    for (const file of Object.values(planFiles)) Object.values(everyCard(loadPlanFile(file), m)).forEach(walk);
    // Input id on the cards → the glossary's word for it.
    const shared: Record<string, keyof typeof m.terms> = { networkId: 'network', activityId: 'activity', date: 'date', startTime: 'startTime', note: 'note', source: 'source', headcount: 'headcount', newParticipants: 'newParticipants' };
    expect(Object.fromEntries(Object.keys(shared).map((id) => [id, [...(labels.get(id) ?? [])]]))).toEqual(Object.fromEntries(Object.entries(shared).map(([id, term]) => [id, [m.terms[term]]])));
  });

  it('puts an Action.Submit fallback carrying the same verb and data on every Action.Execute, wherever it sits', () => {
    const plan = loadPlanFile(planFiles.husumTingbjerg);
    const executes: { verb: string; data: Record<string, unknown>; fallback?: { type: string; data?: Record<string, unknown> } }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.type === 'Action.Execute') executes.push(o as never);
        Object.values(o).forEach(walk);
      }
    };
    Object.values(everyCard(plan, catalogues.da)).forEach(walk);
    expect(executes.length).toBeGreaterThan(20);
    const reminderVerbs = [cardVerbs.completeScheduleItem, cardVerbs.moveScheduleItem, cardVerbs.showMilestones, cardVerbs.showNextMeetingForm, cardVerbs.saveNextMeeting, cardVerbs.showReminderSettings, cardVerbs.saveReminderSettings];
    expect([...new Set(executes.map((a) => a.verb))]).toEqual(expect.arrayContaining(reminderVerbs));
    for (const a of executes) expect(a.fallback).toEqual(expect.objectContaining({ type: 'Action.Submit', data: { verb: a.verb, ...a.data } }));
  });

});

import type { Person } from '../domain/people/person';
import type { Messages } from '../i18n';
import { NO_NETWORK, type MembersOutcome, type MembersView } from '../usecases/people/manageMembers';
import type { PlanChoice } from '../usecases/people/managingPlan';
import { nameOf } from './planNames';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

type M = Messages['people']['members'];

function personLabel(m: M, p: Person): string {
  return p.aadObjectId ? p.name : `${p.name} (${m.pending})`;
}

function groupsOf(m: M, view: MembersView) {
  const { plan, people } = view;
  const sorted = [...people].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const facts = (list: { name: string; role: string }[]) => (list.length ? list : [{ name: m.noOne, role: '' }]);
  const leaders = sorted.filter((p) => p.roles.includes('leader')).map((p) => ({ name: personLabel(m, p), role: '' }));
  const admins = sorted.filter((p) => p.roles.includes('admin')).map((p) => ({ name: personLabel(m, p), role: '' }));
  const networks = plan.networks.map((n) => ({
    heading: n.name,
    people: facts(sorted.filter((p) => p.networks[n.id]).map((p) => ({ name: personLabel(m, p), role: m.roleInNetwork[p.networks[n.id]!] }))),
  }));
  const loose = sorted.filter((p) => !Object.keys(p.networks).length && !p.roles.includes('leader') && !p.roles.includes('admin')).map((p) => ({ name: personLabel(m, p), role: '' }));
  return [
    { heading: m.leaders, people: facts(leaders) },
    ...(admins.length ? [{ heading: m.admins, people: admins }] : []),
    ...networks,
    ...(loose.length ? [{ heading: m.withoutNetwork, people: loose }] : []),
  ];
}

function noticeOf(all: Messages, view: MembersView, outcome: MembersOutcome | undefined): { notice: string; noticeColor: string } {
  const m = all.people.members;
  if (!outcome) return { notice: '', noticeColor: 'Default' };
  if (outcome.kind === 'saved') {
    const network = outcome.networkId ? nameOf(view.plan, { networkId: outcome.networkId }) : '';
    const text = m.saved[outcome.change](outcome.name, network);
    return { notice: outcome.pending ? text + m.pendingNote(outcome.name) : text, noticeColor: 'Good' };
  }
  const r = m.refused;
  const name = outcome.name ?? '';
  const texts: Record<typeof outcome.reason, string> = {
    leaderNeedsAdmin: r.leaderNeedsAdmin(name),
    lastLeader: r.lastLeader(name),
    unknownNetwork: r.unknownNetwork,
    notInPlan: r.notInPlan(name),
    nothingToChange: r.nothingToChange(name),
    choosePerson: r.choosePerson,
    chooseNetwork: r.chooseNetwork,
    noSuchEmail: r.noSuchEmail(outcome.email ?? ''),
    notInKnownTeams: r.notInKnownTeams(outcome.email ?? ''),
    notAnEmail: r.notAnEmail(outcome.email ?? ''),
    unknownPerson: r.unknownPerson,
    unreadable: r.unreadable,
  };
  return { notice: texts[outcome.reason], noticeColor: 'Attention' };
}

/**
 * The plan's people per network with their roles, and one form to add or change a person. The
 * person list is Teams' people picker (a Data.Query over the organisation in a personal chat,
 * over the conversation's members elsewhere); its static choices, the plan's people and the
 * Teams rosters the bot can read, are what a client without the picker shows instead.
 */
export function membersCard(all: Messages, view: MembersView, conversationType: string | undefined): CardJson {
  const m = all.people.members;
  const inPlan = new Set(view.people.map((p) => p.aadObjectId).filter(Boolean));
  const choices = [
    ...view.people.map((p) => ({ title: personLabel(m, p), value: p.aadObjectId ?? `member:${p.id}` })),
    ...view.candidates.filter((c) => !inPlan.has(c.aadObjectId)).map((c) => ({ title: c.name, value: c.aadObjectId })),
  ].sort((a, b) => a.title.localeCompare(b.title, 'da'));
  return renderCard('members', {
    labels: { ...m, network: all.terms.network },
    planName: view.plan.name,
    planId: view.plan.id,
    submissionId: view.submissionId,
    ...noticeOf(all, view, view.outcome),
    groups: groupsOf(m, view),
    choices,
    // Search of the whole organisation works only in a bot's personal chat; elsewhere the conversation's members.
    dataset: conversationType === 'personal' ? 'graph.microsoft.com/users' : 'graph.microsoft.com/users?scope=currentContext',
    networks: [{ title: m.noNetworkChoice, value: NO_NETWORK }, ...view.plan.networks.map((n) => ({ title: n.name, value: n.id }))],
    changes: Object.entries(m.changes).map(([value, title]) => ({ title, value })),
    values: { person: view.values.person ?? '', email: view.values.email ?? '', networkId: view.values.networkId ?? '', change: view.values.change ?? '' },
  });
}

/** Someone who manages more than one plan is asked which one they mean; nothing is changed. */
export function choosePlanCard(all: Messages, choice: PlanChoice): CardJson {
  return renderCard('choose-plan', { title: all.people.members.choosePlanTitle, text: all.people.members.choosePlanText, plans: choice.plans, verb: cardVerbs.showMembers });
}

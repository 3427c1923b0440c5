import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../domain/clock';
import { changePerson, type ChangeRefusal, type PeopleChange } from '../../domain/people/peopleChanges';
import { findPerson, newMemberId, normaliseEmail, peopleOfPlan, type Person } from '../../domain/people/person';
import { withEntry } from '../../domain/people/roster';
import type { Plan } from '../../domain/plan/schema';
import { auditEntry } from '../../domain/records/audit';
import type { Logger } from '../../logging/logger';
import type { Denied } from '../authorize';
import type { Repositories, TeamsDirectory, TeamsPerson, UserDirectory } from '../ports';
import { managingPlan, type PlanChoice } from './managingPlan';
import { resolveInPlan } from './recogniseUser';
import { changeRoster, personSnapshot } from './rosterChange';
import { readRosters } from './teamsRosters';

/** The network list's "no network" choice: a choice needs a value, and '-' is no network's id (a slug). */
export const NO_NETWORK = '-';

export const memberChanges = ['member', 'coordinator', 'makeLeader', 'removeFromNetwork', 'removeLeader', 'removeFromPlan'] as const;
export type MemberChangeKey = (typeof memberChanges)[number];

export type MembersRefusal = ChangeRefusal | 'choosePerson' | 'chooseNetwork' | 'noSuchEmail' | 'notInKnownTeams' | 'notAnEmail' | 'unknownPerson' | 'unreadable';

export type MembersOutcome =
  | { kind: 'saved'; change: MemberChangeKey; name: string; networkId?: string; pending: boolean }
  | { kind: 'refused'; reason: MembersRefusal; name?: string; email?: string };

/** The members card: the plan's people by network, who can be added, and what the last change did. */
export interface MembersView {
  kind: 'members';
  plan: Plan;
  people: Person[];
  /** People in the Teams rosters around the plan, for the person list where the people picker is not shown. */
  candidates: TeamsPerson[];
  submissionId: string;
  outcome?: MembersOutcome;
  /** What the user chose, kept when the change was refused. */
  values: Record<string, string>;
}

export interface MembersTurn {
  aadObjectId: string | undefined;
  directory?: TeamsDirectory;
}

export interface MembersDeps {
  repos: Repositories;
  clock: Clock;
  logger?: Logger;
  /** Microsoft Graph's users, when configured: names an e-mail address nobody in the tenant has. */
  users?: UserDirectory;
}

/** The Teams rosters around a plan, read at most once per turn (each is a round trip to Teams). */
function rostersOnce(deps: MembersDeps, turn: MembersTurn, planId: string): () => Promise<TeamsPerson[]> {
  let read: Promise<TeamsPerson[]> | undefined;
  return () => (read ??= readRosters(deps.repos, turn.directory, planId, deps.logger));
}

async function view(deps: MembersDeps, rosters: () => Promise<TeamsPerson[]>, planId: string, outcome?: MembersOutcome, values: Record<string, string> = {}): Promise<MembersView> {
  const candidates = await rosters();
  // Reading the rosters is also when people the plan names by e-mail address get their object ids.
  await resolveInPlan(deps.repos, deps.clock, planId, candidates);
  const stored = await deps.repos.plans.get(planId);
  const plan = stored!.plan;
  return { kind: 'members', plan, people: peopleOfPlan(plan), candidates, submissionId: randomUUID(), ...(outcome ? { outcome } : {}), values };
}

/** `medlemmer`: the plan's people per network, for a leader or admin. */
export async function showMembers(deps: MembersDeps, turn: MembersTurn, planId?: string): Promise<MembersView | PlanChoice | Denied> {
  const managing = await managingPlan(deps.repos, deps.clock, turn.aadObjectId, planId);
  if ('kind' in managing) return managing;
  return view(deps, rostersOnce(deps, turn, managing.plan.id), managing.plan.id);
}

const submitSchema = z.object({
  planId: z.string().min(1).max(100),
  submissionId: z.string().uuid(),
  person: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  networkId: z.string().max(100).optional(),
  change: z.enum(memberChanges),
});

const isEmail = (s: string) => z.string().email().safeParse(s).success;

function peopleChangeOf(key: MemberChangeKey, networkId: string): PeopleChange {
  switch (key) {
    case 'member':
    case 'coordinator':
      return { kind: 'setNetworkRole', networkId, role: key };
    case 'removeFromNetwork':
      return { kind: 'removeFromNetwork', networkId };
    default:
      return { kind: key };
  }
}

type Target = { existing: Person } | { candidate: Omit<Person, 'roles' | 'networks'> } | { refused: MembersOutcome };

/** Who the card names: a person of the plan, someone from a Teams roster or the people picker, or an e-mail address. */
async function targetOf(deps: MembersDeps, rosters: () => Promise<TeamsPerson[]>, people: Person[], person: string, email: string): Promise<Target> {
  const refuse = (reason: MembersRefusal, extra: { email?: string } = {}): Target => ({ refused: { kind: 'refused', reason, ...extra } });
  const candidate = (p: TeamsPerson): Target => {
    const known = findPerson(people, { aadObjectId: p.aadObjectId, emails: p.emails });
    if (known) return { existing: known };
    const taken = new Set(people.map((x) => x.id));
    return { candidate: { id: newMemberId(p.name, taken), name: p.name, aadObjectId: p.aadObjectId, ...(p.emails[0] ? { email: p.emails[0] } : {}) } };
  };
  if (person.startsWith('member:')) {
    const existing = people.find((p) => p.id === person.slice('member:'.length));
    return existing ? { existing } : refuse('unknownPerson');
  }
  if (person) {
    const existing = findPerson(people, { aadObjectId: person });
    if (existing) return { existing };
    // Teams' people picker gives an object id (the Agents Playground's, its own user id); the
    // users the bot has met, the rosters, or Graph say who that is.
    const found =
      (await deps.repos.memberships.identityOf(person)) ??
      (await deps.repos.memberships.identityByTeamsId(person)) ??
      (await rosters()).find((p) => p.aadObjectId === person || p.teamsUserId === person) ??
      (await deps.users?.findById(person).catch(() => undefined));
    return found ? candidate(found) : refuse('unknownPerson');
  }
  if (!email) return refuse('choosePerson');
  if (!isEmail(email)) return refuse('notAnEmail', { email });
  const address = normaliseEmail(email);
  const existing = findPerson(people, { email: address });
  if (existing) return { existing };
  const known = (await deps.repos.memberships.identitiesByEmail(address))[0];
  if (known) return candidate(known);
  const inRoster = (await rosters()).find((p) => p.emails.includes(address));
  if (inRoster) return candidate(inRoster);
  if (deps.users) {
    const found = await deps.users.findByEmail(address);
    return found ? candidate(found) : refuse('noSuchEmail', { email: address });
  }
  return refuse('notInKnownTeams', { email: address });
}

/** The members card's Gem: one change to one person, checked, stored with an audit entry, and the card again. */
export async function saveMemberChange(deps: MembersDeps, turn: MembersTurn, payload: unknown): Promise<MembersView | PlanChoice | Denied> {
  const raw = (payload ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(['person', 'email', 'networkId', 'change'].filter((k) => typeof raw[k] === 'string').map((k) => [k, String(raw[k])]));
  const parsed = submitSchema.safeParse(payload);
  const managing = await managingPlan(deps.repos, deps.clock, turn.aadObjectId, parsed.success ? parsed.data.planId : typeof raw.planId === 'string' ? raw.planId : undefined);
  if ('kind' in managing) return managing;
  const planId = managing.plan.id;
  const rosters = rostersOnce(deps, turn, planId);
  if (!parsed.success) return view(deps, rosters, planId, { kind: 'refused', reason: 'unreadable' }, values);
  const { submissionId, change } = parsed.data;
  const chosenNetwork = parsed.data.networkId?.trim() ?? '';
  const networkId = chosenNetwork === NO_NETWORK ? '' : chosenNetwork;
  if ((change === 'member' || change === 'coordinator' || change === 'removeFromNetwork') && !networkId) return view(deps, rosters, planId, { kind: 'refused', reason: 'chooseNetwork' }, values);

  const target = await targetOf(deps, rosters, peopleOfPlan(managing.plan), parsed.data.person?.trim() ?? '', parsed.data.email?.trim() ?? '');
  if ('refused' in target) return view(deps, rosters, planId, target.refused, values);
  const actor = managing.membership;
  const at = deps.clock.now().toISOString();
  const outcome = await changeRoster<MembersOutcome>(deps.repos, planId, async (sources, people) => {
    // Re-read: between the card and now someone may have added this person, or changed them.
    const current = 'existing' in target ? people.find((p) => p.id === target.existing.id) : findPerson(people, target.candidate);
    const networkIds = new Set(sources.file.plan.networks.map((n) => n.id));
    const subject = current ? { existing: current } : 'candidate' in target ? target : { existing: target.existing };
    const name = 'existing' in subject ? subject.existing.name : subject.candidate.name;
    // The same card submitted twice (a retry) changed the person the first time.
    const logged = current ? await deps.repos.audit.listForRecord(planId, current.id) : [];
    if (logged.some((e) => e.id.endsWith(`-${submissionId}`))) return { unchanged: { kind: 'saved', change, name, ...(networkId ? { networkId } : {}), pending: false } };
    const result = changePerson(people, networkIds, actor.roles, subject, peopleChangeOf(change, networkId));
    if (!result.ok) return { unchanged: { kind: 'refused', reason: result.reason, name } };
    const { before, after } = result;
    const id = (after ?? before)!.id;
    const entry = after ? { ...after, source: 'chat' as const, changedBy: actor.memberId, changedAt: at } : { ...before!, removed: true, source: 'chat' as const, changedBy: actor.memberId, changedAt: at };
    return {
      roster: withEntry(sources.roster, entry),
      audit: [auditEntry({ planId, at, actor: actor.memberId, action: !before ? 'create' : !after ? 'delete' : 'update', via: 'chat', recordType: 'person', recordId: id, discriminator: submissionId, before: personSnapshot(before), after: personSnapshot(after) })],
      result: { kind: 'saved', change, name, ...(networkId ? { networkId } : {}), pending: !before && !!after && !after.aadObjectId },
    };
  });
  return view(deps, rosters, planId, outcome ?? { kind: 'refused', reason: 'unreadable' }, outcome?.kind === 'saved' ? {} : values);
}

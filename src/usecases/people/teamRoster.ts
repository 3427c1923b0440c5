import { z } from 'zod';
import type { Clock } from '../../domain/clock';
import { joinNetwork, leaveNetwork } from '../../domain/people/peopleChanges';
import { findPerson, newMemberId, type Person } from '../../domain/people/person';
import { withEntry, type PlanRoster } from '../../domain/people/roster';
import type { Network } from '../../domain/plan/schema';
import { auditEntry, type AuditEntry } from '../../domain/records/audit';
import { authorize, isDenied, type Denied } from '../authorize';
import type { ChannelLink, Repositories, TeamsDirectory, TeamsPerson } from '../ports';
import { resolveInPlan } from './recogniseUser';
import { changeRoster, personSnapshot } from './rosterChange';

/** After `tilknyt kanal` in a team's channel: the team's members who are not in the network yet. */
export interface TeamRosterOffer {
  kind: 'teamRosterOffer';
  planId: string;
  network: Network;
  conversationId: string;
  newcomers: TeamsPerson[];
}

/** Reads the team's roster for a channel just linked, to offer its members to the network. */
export async function offerTeamRoster(repos: Repositories, clock: Clock, directory: TeamsDirectory | undefined, link: ChannelLink): Promise<TeamRosterOffer | undefined> {
  if (!link.teamId || !directory) return undefined;
  const team = await directory.teamMembers(link.teamId);
  await resolveInPlan(repos, clock, link.planId, team);
  const stored = await repos.plans.get(link.planId);
  const network = stored?.plan.networks.find((n) => n.id === link.networkId);
  if (!stored || !network) return undefined;
  const inNetwork = new Set([...network.members, ...network.coordinators]);
  const people = stored.plan.members;
  const newcomers = team.filter((t) => {
    const p = people.find((m) => m.aadObjectId === t.aadObjectId || (m.email !== undefined && t.emails.includes(m.email)));
    return !p || !inNetwork.has(p.id);
  });
  return { kind: 'teamRosterOffer', planId: link.planId, network, conversationId: link.conversationId, newcomers };
}

const answerSchema = z.object({ planId: z.string().min(1).max(100), networkId: z.string().min(1).max(100) });

export type TeamRosterAnswer =
  | Denied
  | { kind: 'added'; network: Network; count: number }
  | { kind: 'declined'; network: Network }
  | { kind: 'notCoordinator'; network: Network }
  | { kind: 'unreadable' };

/** Adds (or adds missing) team members into the roster as the network's members; the team decides. */
function joinAll(planId: string, roster: PlanRoster, people: Person[], team: TeamsPerson[], networkId: string, at: string, discriminator: string) {
  let next = roster;
  const current = [...people];
  const audit: AuditEntry[] = [];
  const taken = new Set(people.map((p) => p.id));
  for (const t of team) {
    const existing = findPerson(current, { aadObjectId: t.aadObjectId, emails: t.emails });
    const id = existing?.id ?? newMemberId(t.name, taken);
    taken.add(id);
    const base: Person = existing ?? { id, name: t.name, aadObjectId: t.aadObjectId, ...(t.emails[0] ? { email: t.emails[0] } : {}), roles: [], networks: {} };
    const after = joinNetwork(base, networkId);
    if (!after) continue;
    next = withEntry(next, { ...after, source: 'team', changedBy: 'teams', changedAt: at });
    current.splice(existing ? current.indexOf(existing) : current.length, existing ? 1 : 0, after);
    audit.push(auditEntry({ planId, at, actor: 'teams', action: existing ? 'update' : 'create', via: 'team', recordType: 'person', recordId: id, discriminator: `${discriminator}-${networkId}`, before: personSnapshot(existing), after: personSnapshot(after) }));
  }
  return { roster: next, audit, people: current };
}

/** The coordinator's answer to the offer: yes adds the team's members and makes the network follow the team. */
export async function answerTeamRoster(
  repos: Repositories,
  clock: Clock,
  turn: { aadObjectId: string | undefined; conversationId: string | undefined; directory?: TeamsDirectory },
  payload: unknown,
  accept: boolean,
): Promise<TeamRosterAnswer> {
  const member = await authorize(repos, clock, turn.aadObjectId, 'linkChannel');
  if (isDenied(member)) return member;
  const parsed = answerSchema.safeParse(payload);
  const link = turn.conversationId ? await repos.channels.linkOf(turn.conversationId) : undefined;
  if (!parsed.success || !link || link.planId !== parsed.data.planId || link.networkId !== parsed.data.networkId || member.plan.id !== link.planId || !link.teamId) return { kind: 'unreadable' };
  const network = member.plan.networks.find((n) => n.id === link.networkId);
  if (!network) return { kind: 'unreadable' };
  if (!member.membership.roles.includes('leader') && !network.coordinators.includes(member.membership.memberId)) return { kind: 'notCoordinator', network };
  if (!accept) {
    await repos.channels.link({ ...link, followsTeam: false });
    return { kind: 'declined', network };
  }
  const team = turn.directory ? await turn.directory.teamMembers(link.teamId) : [];
  const at = clock.now().toISOString();
  const count = await changeRoster(repos, link.planId, (sources, people) => {
    const { roster, audit } = joinAll(link.planId, sources.roster, people, team, link.networkId, at, `team-${at}`);
    return audit.length ? { roster, audit, result: audit.length } : { unchanged: 0 };
  });
  await repos.channels.link({ ...link, followsTeam: true });
  return { kind: 'added', network, count: count ?? 0 };
}

export interface TeamMembersChanged {
  teamId: string;
  added: TeamsPerson[];
  /** Teams names who left by their user id and usually their object id. */
  removed: { teamsUserId: string; aadObjectId?: string }[];
}

/**
 * Teams says someone joined or left a team. Leaving takes them out of every network whose
 * channel is in that team, at once (their membership is rewritten before this returns). Joining
 * adds them to the networks whose coordinator chose to follow the team.
 */
export async function teamMembersChanged(repos: Repositories, clock: Clock, event: TeamMembersChanged): Promise<number> {
  const links = await repos.channels.linksInTeam(event.teamId);
  if (!links.length) return 0;
  const removed: { aadObjectId?: string; emails?: string[] }[] = [];
  for (const r of event.removed) {
    const known = r.aadObjectId ? undefined : await repos.memberships.identityByTeamsId(r.teamsUserId);
    const aadObjectId = r.aadObjectId ?? known?.aadObjectId;
    if (aadObjectId) removed.push({ aadObjectId, ...(known ? { emails: known.emails } : {}) });
  }
  const at = clock.now().toISOString();
  let changes = 0;
  for (const planId of new Set(links.map((l) => l.planId))) {
    const inPlan = links.filter((l) => l.planId === planId);
    const changed = await changeRoster(repos, planId, (sources, before) => {
      let roster = sources.roster;
      let people = before;
      const audit: AuditEntry[] = [];
      for (const who of removed) {
        let person = findPerson(people, who);
        const was = person;
        for (const link of inPlan) {
          if (!person) break;
          const left = leaveNetwork(person, link.networkId);
          if (left) person = left.after;
        }
        if (!was || person === was) continue;
        roster = withEntry(roster, person ? { ...person, source: 'team', changedBy: 'teams', changedAt: at } : { ...was, removed: true, source: 'team', changedBy: 'teams', changedAt: at });
        people = person ? people.map((p) => (p.id === was.id ? person! : p)) : people.filter((p) => p.id !== was.id);
        audit.push(auditEntry({ planId, at, actor: 'teams', action: person ? 'update' : 'delete', via: 'team', recordType: 'person', recordId: was.id, discriminator: `left-${event.teamId}-${at}`, before: personSnapshot(was), after: personSnapshot(person) }));
      }
      for (const link of inPlan.filter((l) => l.followsTeam)) {
        const joined = joinAll(planId, roster, people, event.added, link.networkId, at, `joined-${event.teamId}-${at}`);
        roster = joined.roster;
        people = joined.people;
        audit.push(...joined.audit);
      }
      return audit.length ? { roster, audit, result: audit.length } : { unchanged: 0 };
    });
    changes += changed ?? 0;
  }
  return changes;
}

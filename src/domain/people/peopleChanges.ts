import type { Role } from '../plan/schema';
import type { NetworkRole, Person } from './person';

/** What a leader (or an admin) can do to one person on the members card. */
export type PeopleChange =
  | { kind: 'setNetworkRole'; networkId: string; role: NetworkRole }
  | { kind: 'removeFromNetwork'; networkId: string }
  | { kind: 'makeLeader' }
  | { kind: 'removeLeader' }
  | { kind: 'removeFromPlan' };

export type ChangeRefusal =
  /** Only an admin changes or removes a leader or an admin. */
  | 'leaderNeedsAdmin'
  /** A plan always keeps at least one leader. */
  | 'lastLeader'
  | 'unknownNetwork'
  | 'notInPlan'
  /** The person already is what the change would make them. */
  | 'nothingToChange';

export type ChangeOutcome = { ok: true; before: Person | undefined; after: Person | undefined } | { ok: false; reason: ChangeRefusal };

const hasManagerRole = (p: Person | undefined) => !!p && (p.roles.includes('leader') || p.roles.includes('admin'));

/** Keeps `coordinator` among the plan roles exactly while the person coordinates a network. */
function withCoordinatorRole(roles: Role[], networks: Record<string, NetworkRole>): Role[] {
  const coordinates = Object.values(networks).includes('coordinator');
  const rest = roles.filter((r) => r !== 'coordinator');
  return coordinates ? [...rest, 'coordinator'] : rest;
}

function sameRoles(a: Person, b: Person): boolean {
  const key = (p: Person) => JSON.stringify([[...p.roles].sort(), Object.entries(p.networks).sort()]);
  return key(a) === key(b);
}

/**
 * Applies one change to one person (`existing`, or `candidate` when they are new to the plan),
 * checked against the plan's rules. Pure: the caller stores the result and writes the audit entry.
 */
export function changePerson(
  people: readonly Person[],
  networkIds: ReadonlySet<string>,
  actorRoles: readonly Role[],
  target: { existing: Person } | { candidate: Omit<Person, 'roles' | 'networks'> },
  change: PeopleChange,
): ChangeOutcome {
  const before = 'existing' in target ? target.existing : undefined;
  if (hasManagerRole(before) && !actorRoles.includes('admin')) return { ok: false, reason: 'leaderNeedsAdmin' };
  const base: Person = before ?? { ...('candidate' in target ? target.candidate : { id: '', name: '' }), roles: [], networks: {} };
  if (!before && change.kind !== 'setNetworkRole' && change.kind !== 'makeLeader') return { ok: false, reason: 'notInPlan' };
  const leaders = people.filter((p) => p.roles.includes('leader'));
  const lastLeader = before?.roles.includes('leader') && leaders.length <= 1;

  let after: Person | undefined;
  switch (change.kind) {
    case 'setNetworkRole': {
      if (!networkIds.has(change.networkId)) return { ok: false, reason: 'unknownNetwork' };
      const networks = { ...base.networks, [change.networkId]: change.role };
      const roles = base.roles.includes('member') ? base.roles : [...base.roles, 'member' as const];
      after = { ...base, networks, roles: withCoordinatorRole(roles, networks) };
      break;
    }
    case 'removeFromNetwork': {
      if (!networkIds.has(change.networkId)) return { ok: false, reason: 'unknownNetwork' };
      const { [change.networkId]: _gone, ...networks } = base.networks;
      after = { ...base, networks, roles: withCoordinatorRole(base.roles, networks) };
      break;
    }
    case 'makeLeader':
      after = { ...base, roles: base.roles.includes('leader') ? base.roles : [...base.roles, 'leader'] };
      break;
    case 'removeLeader':
      if (lastLeader) return { ok: false, reason: 'lastLeader' };
      after = { ...base, roles: base.roles.filter((r) => r !== 'leader') };
      // Someone left with no role at all would be in the plan without being able to do anything.
      if (!after.roles.length) after = { ...after, roles: ['member'] };
      break;
    case 'removeFromPlan':
      if (lastLeader) return { ok: false, reason: 'lastLeader' };
      after = undefined;
      break;
  }
  if (before && after && sameRoles(before, after)) return { ok: false, reason: 'nothingToChange' };
  return { ok: true, before, after };
}

/** Someone joined a team whose channel follows a network: a member of it, unless they are more already. */
export function joinNetwork(person: Person, networkId: string): Person | undefined {
  if (person.networks[networkId]) return undefined;
  const roles = person.roles.includes('member') ? person.roles : [...person.roles, 'member' as const];
  return { ...person, roles, networks: { ...person.networks, [networkId]: 'member' } };
}

/**
 * Someone left a team whose channel is linked to a network: out of that network at once. With no
 * network left and no plan-wide role (leader, admin), they are out of the plan.
 */
export function leaveNetwork(person: Person, networkId: string): { after: Person | undefined } | undefined {
  if (!person.networks[networkId]) return undefined;
  const { [networkId]: _gone, ...networks } = person.networks;
  const roles = withCoordinatorRole(person.roles, networks);
  const planWide = roles.some((r) => r === 'leader' || r === 'admin');
  if (!Object.keys(networks).length && !planWide) return { after: undefined };
  return { after: { ...person, networks, roles } };
}

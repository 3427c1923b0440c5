import type { Plan, Role } from '../plan/schema';

/** A person's part in one network: member, or coordinator (tovholder), who is a member too. */
export type NetworkRole = 'member' | 'coordinator';

/**
 * One person of a plan as the bot uses them: who they are in Teams (e-mail address and/or Entra
 * object id; one of the two is enough until Teams tells the other), their plan-wide roles, and
 * their role in each network. The plan file's members and networks lists are this, spread out.
 */
export interface Person {
  id: string;
  name: string;
  /** Lower case; the user principal name, which is what a plan file or Teams calls the e-mail address. */
  email?: string;
  aadObjectId?: string;
  organisation?: string;
  roles: Role[];
  networks: Record<string, NetworkRole>;
}

/** E-mail addresses and UPNs compare case-insensitively; stored lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The plan's people, with each network's members and coordinators gathered onto the person. */
export function peopleOfPlan(plan: Plan): Person[] {
  return plan.members.map((m) => {
    const networks: Record<string, NetworkRole> = {};
    for (const n of plan.networks) {
      if (n.coordinators.includes(m.id)) networks[n.id] = 'coordinator';
      else if (n.members.includes(m.id)) networks[n.id] = 'member';
    }
    return {
      id: m.id,
      name: m.name,
      ...(m.email !== undefined ? { email: m.email } : {}),
      ...(m.aadObjectId !== undefined ? { aadObjectId: m.aadObjectId } : {}),
      ...(m.organisation !== undefined ? { organisation: m.organisation } : {}),
      roles: [...m.roles],
      networks,
    };
  });
}

/** The plan with exactly these people: its members list and every network's members and coordinators. */
export function planWithPeople(plan: Plan, people: Person[]): Plan {
  const known = new Set(plan.networks.map((n) => n.id));
  return {
    ...plan,
    members: people.map((p) => ({
      id: p.id,
      name: p.name,
      ...(p.email !== undefined ? { email: p.email } : {}),
      ...(p.aadObjectId !== undefined ? { aadObjectId: p.aadObjectId } : {}),
      ...(p.organisation !== undefined ? { organisation: p.organisation } : {}),
      roles: [...p.roles],
    })),
    networks: plan.networks.map((n) => ({
      ...n,
      // A coordinator is a member of their network too.
      members: people.filter((p) => known.has(n.id) && p.networks[n.id] !== undefined).map((p) => p.id),
      coordinators: people.filter((p) => p.networks[n.id] === 'coordinator').map((p) => p.id),
    })),
  };
}

/** Finds a person by Entra object id or e-mail address (case-insensitive). */
export function findPerson(people: readonly Person[], who: { aadObjectId?: string; email?: string; emails?: string[] }): Person | undefined {
  const emails = new Set([...(who.emails ?? []), ...(who.email ? [who.email] : [])].map(normaliseEmail));
  return (
    (who.aadObjectId ? people.find((p) => p.aadObjectId === who.aadObjectId) : undefined) ??
    (emails.size ? people.find((p) => p.email !== undefined && emails.has(p.email)) : undefined)
  );
}

/**
 * The plan as one member is allowed to act in it right now: their own network roles taken from
 * their membership (read fresh on every turn), over the plan (cached for a while). A coordinator
 * removed from a network, on any instance, stops coordinating it at their very next turn.
 */
export function planAsSeenBy(plan: Plan, memberId: string, networks: Record<string, NetworkRole> | undefined): Plan {
  if (!networks) return plan;
  // Only coordinating gives rights over a network's records; members lists are left as they are unless that differs.
  if (!plan.networks.some((n) => n.coordinators.includes(memberId) !== (networks[n.id] === 'coordinator'))) return plan;
  return {
    ...plan,
    networks: plan.networks.map((n) => {
      const role = networks[n.id];
      const members = n.members.filter((id) => id !== memberId);
      const coordinators = n.coordinators.filter((id) => id !== memberId);
      return { ...n, members: role ? [...members, memberId] : members, coordinators: role === 'coordinator' ? [...coordinators, memberId] : coordinators };
    }),
  };
}

/** A member id (a slug, as in plan files) for someone added in chat: from their name, unique in the plan. */
export function newMemberId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'person';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

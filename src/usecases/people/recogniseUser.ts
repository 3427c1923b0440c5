import { normaliseEmail, type Person } from '../../domain/people/person';
import { auditEntry } from '../../domain/records/audit';
import type { Clock } from '../../domain/clock';
import type { Repositories, TeamsPerson } from '../ports';
import { changeRoster, personSnapshot } from './rosterChange';

export type Recognition = 'known' | 'recognised' | 'unknown';

/**
 * A user's first turn: if the bot has not met them, Teams is asked who they are (their e-mail
 * address), and every plan that names that address gets their object id. Later turns find them
 * by object id alone. `lookUp` is the Teams edge's TeamsInfo.getMember for the turn's user.
 */
export async function recogniseUser(repos: Repositories, clock: Clock, aadObjectId: string | undefined, lookUp: () => Promise<TeamsPerson | undefined>): Promise<Recognition> {
  if (!aadObjectId) return 'unknown';
  const known = await repos.memberships.identityOf(aadObjectId);
  if (known?.claimed) return 'known';
  // Seen in a roster already: Teams need not be asked again, only their plans claimed.
  const person = known ?? (await lookUp());
  if (!person || person.aadObjectId !== aadObjectId) return 'unknown';
  await claimPlans(repos, clock, person);
  // Remembered last: if claiming failed half-way, the next turn claims again.
  const { claimed: _claimed, ...teamsPerson } = { claimed: false, ...person };
  await repos.memberships.rememberIdentity(teamsPerson, true);
  return 'recognised';
}

/** Gives every plan that names this user by e-mail address their object id. */
export async function claimPlans(repos: Repositories, clock: Clock, person: TeamsPerson): Promise<string[]> {
  const pending = await repos.memberships.pendingFor(person.emails.map(normaliseEmail));
  const planIds = [...new Set(pending.map((p) => p.planId))];
  for (const planId of planIds) await resolveInPlan(repos, clock, planId, [person]);
  return planIds;
}

/**
 * Matches Teams users (a roster just read, or one user) with the plan's people known by e-mail
 * address only, and stores their object ids. Returns the people resolved.
 */
export async function resolveInPlan(repos: Repositories, clock: Clock, planId: string, found: TeamsPerson[]): Promise<Person[]> {
  const byEmail = new Map<string, TeamsPerson>();
  for (const f of found) for (const e of f.emails) byEmail.set(normaliseEmail(e), f);
  if (!byEmail.size) return [];
  const at = clock.now().toISOString();
  const resolved = await changeRoster(repos, planId, (sources, people) => {
    const matches = people.filter((p) => !p.aadObjectId && p.email && byEmail.has(p.email));
    // Someone already in the plan under this object id is not given it a second time.
    const taken = new Set(people.map((p) => p.aadObjectId).filter(Boolean));
    const fresh = matches.filter((p) => !taken.has(byEmail.get(p.email!)!.aadObjectId));
    if (!fresh.length) return { unchanged: [] as Person[] };
    const resolvedIds = { ...sources.roster.resolved };
    const after = fresh.map((p) => ({ ...p, aadObjectId: byEmail.get(p.email!)!.aadObjectId }));
    for (const p of after) resolvedIds[p.email!] = p.aadObjectId;
    // A person added in chat by e-mail address carries the id in their own entry too.
    const entries = sources.roster.entries.map((e) => (e.email && !e.aadObjectId && byEmail.has(e.email) && fresh.some((p) => p.id === e.id) ? { ...e, aadObjectId: byEmail.get(e.email)!.aadObjectId } : e));
    return {
      roster: { ...sources.roster, entries, resolved: resolvedIds },
      audit: after.map((p, i) =>
        auditEntry({ planId, at, actor: 'teams', action: 'update', via: 'teams', recordType: 'person', recordId: p.id, discriminator: `resolved-${p.aadObjectId}`, before: personSnapshot(fresh[i]), after: personSnapshot(p) }),
      ),
      result: after,
    };
  });
  return resolved ?? [];
}

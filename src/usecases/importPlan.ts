import type { Clock } from '../domain/clock';
import { rosterConflicts, rosterPeople } from '../domain/people/roster';
import { parsePlan, type PlanIssue } from '../domain/plan/parsePlan';
import type { Plan } from '../domain/plan/schema';
import type { Repositories, StoredPlan, TeamsPerson, UserDirectory } from './ports';
import { resolveInPlan } from './people/recogniseUser';

export type ImportResult = { ok: true; stored: StoredPlan; pending: string[] } | { ok: false; issues: PlanIssue[] };

/**
 * Validates a plan (already read from YAML or JSON) and stores it with its memberships. The
 * changes made to its people in chat are kept (docs/plan-format.md). People named by e-mail
 * address get their object id from users the bot has met, or from Microsoft Graph when it is
 * configured; with Graph, an address nobody in the tenant has stops the import.
 */
export async function importPlan(repos: Repositories, clock: Clock, raw: unknown, directory?: UserDirectory): Promise<ImportResult> {
  const parsed = parsePlan(raw);
  if (!parsed.ok) return parsed;
  const before = await repos.plans.sources(parsed.plan.id);
  const conflicts = rosterConflicts(parsed.plan, before?.roster);
  if (conflicts.length) return { ok: false, issues: conflicts };
  const found = directory ? await lookUpEmails(parsed.plan, directory) : { people: [], issues: [] };
  if (found.issues.length) return { ok: false, issues: found.issues };

  const stored = await repos.plans.save(parsed.plan, clock.now().toISOString());
  const sources = await repos.plans.sources(parsed.plan.id);
  await repos.memberships.replaceForPlan(parsed.plan.id, rosterPeople(parsed.plan, sources!.roster));
  const known = await knownByEmail(repos, stored.plan);
  const resolved = await resolveInPlan(repos, clock, parsed.plan.id, [...known, ...found.people]);
  const after = resolved.length ? ((await repos.plans.get(parsed.plan.id)) ?? stored) : stored;
  return { ok: true, stored: after, pending: after.plan.members.filter((m) => !m.aadObjectId && m.email).map((m) => m.email!) };
}

/** Users the bot has met whose e-mail address the plan names for someone without an object id. */
async function knownByEmail(repos: Repositories, plan: Plan): Promise<TeamsPerson[]> {
  const out: TeamsPerson[] = [];
  for (const m of plan.members) if (!m.aadObjectId && m.email) out.push(...(await repos.memberships.identitiesByEmail(m.email)));
  return out;
}

async function lookUpEmails(plan: Plan, directory: UserDirectory): Promise<{ people: TeamsPerson[]; issues: PlanIssue[] }> {
  const people: TeamsPerson[] = [];
  const issues: PlanIssue[] = [];
  for (const [i, m] of plan.members.entries()) {
    if (m.aadObjectId || !m.email) continue;
    const person = await directory.findByEmail(m.email);
    if (person) people.push(person);
    else issues.push({ path: ['members', i, 'email'], message: `ingen i organisationen har e-mailadressen ${m.email}` });
  }
  return { people, issues };
}

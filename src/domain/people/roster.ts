import type { PlanIssue } from '../plan/parsePlan';
import type { Plan } from '../plan/schema';
import { peopleOfPlan, planWithPeople, type Person } from './person';

/** A person as a leader (or their team) last set them in chat. */
export interface RosterEntry extends Person {
  /** Taken out in chat, or by leaving every network's team: stays out though the file names them. */
  removed?: boolean;
  /** `chat`: a leader's change on the members card; `team`: someone joined or left a linked team. */
  source: 'chat' | 'team';
  changedBy: string;
  changedAt: string;
}

/**
 * What happened to a plan's people outside its file. Kept apart from the plan file, so that a
 * re-import of the file changes neither: docs/plan-format.md says which source wins for what.
 */
export interface PlanRoster {
  planId: string;
  /** Everyone changed in chat or by their team, as they now are, by member id. */
  entries: RosterEntry[];
  /** Entra object ids Teams gave for e-mail addresses the file names (keys lower case). */
  resolved: Record<string, string>;
}

export function emptyRoster(planId: string): PlanRoster {
  return { planId, entries: [], resolved: {} };
}

function withoutBookkeeping(entry: RosterEntry, networkIds: Set<string>): Person {
  const { removed: _r, source: _s, changedBy: _b, changedAt: _a, ...person } = entry;
  // A network the file no longer has takes its roles with it.
  return { ...person, networks: Object.fromEntries(Object.entries(person.networks).filter(([id]) => networkIds.has(id))) };
}

/**
 * The plan's people: the file's, with the object ids Teams resolved, and each person changed in
 * chat or by their team as they were last set there. The file still says who someone is (name,
 * organisation, e-mail address); chat says what they do (roles and networks) and whether they are in.
 */
export function rosterPeople(file: Plan, roster: PlanRoster): Person[] {
  const networkIds = new Set(file.networks.map((n) => n.id));
  const entries = new Map(roster.entries.map((e) => [e.id, e]));
  const out: Person[] = [];
  for (const p of peopleOfPlan(file)) {
    const resolved = p.aadObjectId ?? (p.email !== undefined ? roster.resolved[p.email] : undefined);
    const entry = entries.get(p.id);
    entries.delete(p.id);
    if (entry?.removed) continue;
    const person = entry ? { ...withoutBookkeeping(entry, networkIds), name: p.name } : p;
    const aadObjectId = resolved ?? entry?.aadObjectId;
    const email = p.email ?? entry?.email;
    const organisation = p.organisation ?? entry?.organisation;
    out.push({ ...person, ...(aadObjectId ? { aadObjectId } : {}), ...(email ? { email } : {}), ...(organisation ? { organisation } : {}) });
  }
  for (const entry of entries.values()) {
    if (entry.removed) continue;
    const person = withoutBookkeeping(entry, networkIds);
    const resolved = person.aadObjectId ?? (person.email !== undefined ? roster.resolved[person.email] : undefined);
    out.push(resolved ? { ...person, aadObjectId: resolved } : person);
  }
  return out;
}

/** The plan as the bot uses it: its file with the roster applied. Untouched while nothing changed outside the file. */
export function applyRoster(file: Plan, roster: PlanRoster | undefined): Plan {
  if (!roster || (!roster.entries.length && !Object.keys(roster.resolved).length)) return file;
  return planWithPeople(file, rosterPeople(file, roster));
}

/**
 * A plan file that names someone added in chat under another id would make them two people:
 * refused, with the id to use. (Matched by e-mail address or object id.)
 */
export function rosterConflicts(file: Plan, roster: PlanRoster | undefined): PlanIssue[] {
  if (!roster) return [];
  const issues: PlanIssue[] = [];
  file.members.forEach((m, i) => {
    const same = roster.entries.find(
      (e) => e.id !== m.id && ((m.email !== undefined && e.email === m.email) || (m.aadObjectId !== undefined && (e.aadObjectId === m.aadObjectId || roster.resolved[e.email ?? ''] === m.aadObjectId))),
    );
    if (same) issues.push({ path: ['members', i, 'id'], message: `er den samme person som "${same.id}", der er tilføjet i chatten; brug id'et "${same.id}"` });
  });
  return issues;
}

/** Replaces (or adds) a person's entry. */
export function withEntry(roster: PlanRoster, entry: RosterEntry): PlanRoster {
  return { ...roster, entries: [...roster.entries.filter((e) => e.id !== entry.id), entry] };
}

import type { Person } from '../../domain/people/person';
import { rosterPeople, type PlanRoster } from '../../domain/people/roster';
import type { AuditEntry } from '../../domain/records/audit';
import type { PlanSources, Repositories } from '../ports';

export type RosterEdit<R> =
  /** Store this roster and these audit entries, and answer `result`. */
  | { roster: PlanRoster; audit: AuditEntry[]; result: R }
  /** Nothing to store: a refusal, or nothing to do. */
  | { unchanged: R };

/** Two leaders saving at the same instant: the loser reads again and re-applies its change. */
const ATTEMPTS = 5;

/**
 * Changes a plan's people: reads the plan file and its roster fresh, lets `edit` decide, writes
 * the roster if nobody changed it meanwhile (else starts over), then the memberships every turn
 * reads, then the audit entries. The roster is the truth and goes first; memberships are derived
 * from it, so a crash before they are written is mended by the next change or import.
 */
export async function changeRoster<R>(
  repos: Repositories,
  planId: string,
  edit: (sources: PlanSources, people: Person[]) => RosterEdit<R> | Promise<RosterEdit<R>>,
): Promise<R | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const sources = await repos.plans.sources(planId);
    if (!sources) return undefined;
    const decided = await edit(sources, rosterPeople(sources.file.plan, sources.roster));
    if ('unchanged' in decided) return decided.unchanged;
    if ((await repos.plans.saveRoster(decided.roster, sources.rosterEtag)) === 'conflict') continue;
    await repos.memberships.replaceForPlan(planId, rosterPeople(sources.file.plan, decided.roster));
    for (const entry of decided.audit) await repos.audit.append(entry);
    return decided.result;
  }
  throw new Error(`the roster of ${planId} kept changing under ${ATTEMPTS} attempts`);
}

/** A person as the audit log keeps them: who they are, their roles and networks. */
export function personSnapshot(p: Person | undefined): Record<string, unknown> | undefined {
  return p ? { id: p.id, name: p.name, ...(p.email ? { email: p.email } : {}), ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}), roles: p.roles, networks: p.networks } : undefined;
}

import { localDate } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import type { StoredPlan, Language, Membership } from './ports';
import type { MemberInPlan } from './resolveMember';

/**
 * What this instance last read from the database, without asking it again. Only for answering
 * while the database is away (a user's own form, in their language); nothing is stored or
 * allowed on the strength of it.
 */
export interface LastKnown {
  memberships(aadObjectId: string): Membership[] | undefined;
  plan(planId: string): StoredPlan | undefined;
  language(aadObjectId: string): Language | undefined;
}

/** The user in the plan their card names, as last known here; undefined if they were not in it then. */
export function lastKnownMember(lastKnown: LastKnown, clock: Clock, aadObjectId: string | undefined, planId: unknown): MemberInPlan | undefined {
  if (!aadObjectId || typeof planId !== 'string') return undefined;
  const membership = lastKnown.memberships(aadObjectId)?.find((m) => m.planId === planId);
  const stored = membership ? lastKnown.plan(planId) : undefined;
  return membership && stored ? { membership, plan: stored.plan, today: localDate(clock.now(), stored.plan.timeZone) } : undefined;
}

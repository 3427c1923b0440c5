import { localDate } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import { planAsSeenBy } from '../domain/people/person';
import type { Plan } from '../domain/plan/schema';
import type { Membership, MembershipProof, Repositories } from './ports';

export interface MemberInPlan {
  membership: Membership;
  plan: Plan;
  /** Today's date in the plan's time zone. */
  today: string;
  /** Present when the membership is one remembered from an earlier turn: the write it allows must prove it (ports.ts). */
  proof?: MembershipProof;
}

/**
 * Finds the plan a Teams user acts in. A user in several plans acts in the one running today
 * (the latest started, if several are); a plan switch command can come later.
 */
export async function resolveMember(repos: Repositories, clock: Clock, aadObjectId: string | undefined, planId?: string): Promise<MemberInPlan | undefined> {
  if (!aadObjectId) return undefined;
  return memberAmong(repos, clock, await repos.memberships.forUser(aadObjectId), planId);
}

/** The plan a user acts in, among these memberships of theirs. */
export async function memberAmong(repos: Repositories, clock: Clock, memberships: Membership[], planId?: string): Promise<MemberInPlan | undefined> {
  const candidates = planId ? memberships.filter((m) => m.planId === planId) : memberships;
  const plans: MemberInPlan[] = [];
  for (const membership of candidates) {
    const stored = await repos.plans.get(membership.planId);
    // Their own network roles come from the membership, read fresh: a change made on another
    // instance holds at once, whatever that plan's cached copy still says.
    if (stored) plans.push({ membership, plan: planAsSeenBy(stored.plan, membership.memberId, membership.networks), today: localDate(clock.now(), stored.plan.timeZone) });
  }
  const running = plans.filter((p) => p.today >= p.plan.period.start && p.today <= p.plan.period.end);
  const pool = running.length ? running : plans;
  return pool.sort((a, b) => b.plan.period.start.localeCompare(a.plan.period.start))[0];
}

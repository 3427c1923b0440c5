import { localDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import { may } from '../../domain/permissions';
import type { Denied } from '../authorize';
import type { Repositories } from '../ports';
import type { MemberInPlan } from '../resolveMember';

export interface PlanChoice {
  kind: 'choosePlan';
  plans: { id: string; name: string }[];
}

/**
 * The plan whose people a leader or admin manages. A card names its plan; a command from
 * someone who manages several plans is answered with the question which one they mean.
 */
export async function managingPlan(repos: Repositories, clock: Clock, aadObjectId: string | undefined, planId: string | undefined): Promise<MemberInPlan | PlanChoice | Denied> {
  if (!aadObjectId) return { kind: 'notAMember' };
  const memberships = await repos.memberships.forUser(aadObjectId);
  if (!memberships.length) return { kind: 'notAMember' };
  const managed = memberships.filter((m) => may(m.roles, 'managePeople'));
  const chosen = planId ? managed.filter((m) => m.planId === planId) : managed;
  if (!chosen.length) return { kind: 'forbidden', action: 'managePeople' };
  if (chosen.length > 1) {
    const plans = await Promise.all(chosen.map(async (m) => ({ id: m.planId, name: (await repos.plans.get(m.planId))?.plan.name ?? m.planId })));
    return { kind: 'choosePlan', plans };
  }
  const membership = chosen[0]!;
  const stored = await repos.plans.get(membership.planId);
  if (!stored) return { kind: 'notAMember' };
  return { membership, plan: stored.plan, today: localDate(clock.now(), stored.plan.timeZone) };
}

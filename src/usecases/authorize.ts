import type { Clock } from '../domain/clock';
import { may, type PlanAction } from '../domain/permissions';
import type { Repositories } from './ports';
import { memberAmong, resolveMember, type MemberInPlan } from './resolveMember';

export type Denied = { kind: 'notAMember' } | { kind: 'forbidden'; action: PlanAction };

/**
 * Where a turn's membership comes from: read fresh, or remembered from an earlier turn and proven
 * inside the write it allows (usecases/savedOnRememberedMembership.ts).
 */
export type MembershipSource = 'fresh' | 'remembered';

export function isDenied(result: MemberInPlan | Denied): result is Denied {
  return 'kind' in result;
}

/** The member acting, if they are in a plan and their roles allow the action. */
export async function authorize(repos: Repositories, clock: Clock, aadObjectId: string | undefined, action: PlanAction, source: MembershipSource = 'fresh'): Promise<MemberInPlan | Denied> {
  if (source === 'remembered' && aadObjectId) {
    const remembered = repos.memberships.remembered?.(aadObjectId);
    // Only a remembered membership that allows the action is used: any refusal is decided on a fresh read.
    if (remembered?.length && remembered.every((m) => m.version)) {
      const member = await memberAmong(repos, clock, remembered);
      if (member && may(member.membership.roles, action)) return { ...member, proof: { aadObjectId, planId: member.plan.id, version: member.membership.version! } };
    }
  }
  const member = await resolveMember(repos, clock, aadObjectId);
  if (!member) return { kind: 'notAMember' };
  if (!may(member.membership.roles, action)) return { kind: 'forbidden', action };
  return member;
}

import type { Clock } from '../domain/clock';
import { may, type PlanAction } from '../domain/permissions';
import type { Repositories } from './ports';
import { resolveMember, type MemberInPlan } from './resolveMember';

export type Denied = { kind: 'notAMember' } | { kind: 'forbidden'; action: PlanAction };

export function isDenied(result: MemberInPlan | Denied): result is Denied {
  return 'kind' in result;
}

/** The member acting, if they are in a plan and their roles allow the action. */
export async function authorize(repos: Repositories, clock: Clock, aadObjectId: string | undefined, action: PlanAction): Promise<MemberInPlan | Denied> {
  const member = await resolveMember(repos, clock, aadObjectId);
  if (!member) return { kind: 'notAMember' };
  if (!may(member.membership.roles, action)) return { kind: 'forbidden', action };
  return member;
}

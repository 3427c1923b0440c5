import { mayChange, networksOfActivity, type ChangeDecision } from '../domain/permissions';
import type { Plan } from '../domain/plan/schema';
import type { LoggedRecord } from './ports';
import type { MemberInPlan } from './resolveMember';

/** The networks whose coordinators may correct a record. */
export function networksOf(plan: Plan, record: LoggedRecord): string[] {
  if (record.type === 'meeting') return [record.networkId];
  const activityId = record.type === 'attendance' ? record.activityId : record.from.activityId;
  return activityId ? networksOfActivity(plan, activityId) : [];
}

/** Whether this member may correct or delete this record now. */
export function changeDecision(member: MemberInPlan, record: LoggedRecord): ChangeDecision {
  const ctx = { plan: member.plan, memberId: member.membership.memberId, roles: member.membership.roles, today: member.today };
  return mayChange(ctx, { loggedBy: record.loggedBy, loggedAt: record.loggedAt, networkIds: networksOf(member.plan, record) });
}

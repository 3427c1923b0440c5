import { mayChange, networksOfActivity, type ChangeDecision } from '../domain/permissions';
import { findTarget } from '../domain/plan/planTargets';
import type { Plan } from '../domain/plan/schema';
import type { LoggedRecord } from './ports';
import type { MemberInPlan } from './resolveMember';

/** The networks whose coordinators may correct a record. */
export function networksOf(plan: Plan, record: LoggedRecord): string[] {
  switch (record.type) {
    case 'meeting':
      return [record.networkId];
    case 'attendance':
    case 'outcome':
      return networksOfActivity(plan, record.activityId);
    case 'referral':
      return record.from.activityId ? networksOfActivity(plan, record.from.activityId) : [];
    case 'assessment': {
      const found = findTarget(plan, record.targetKey);
      const by = found?.target.kind === 'assessment' && found.target.by ? [found.target.by] : [];
      return [...by, ...(found?.holder.kind === 'activity' ? networksOfActivity(plan, found.holder.id) : [])];
    }
  }
}

/** Whether this member may correct or delete this record now. */
export function changeDecision(member: MemberInPlan, record: LoggedRecord): ChangeDecision {
  const ctx = { plan: member.plan, memberId: member.membership.memberId, roles: member.membership.roles, today: member.today };
  return mayChange(ctx, { loggedBy: record.loggedBy, loggedAt: record.loggedAt, networkIds: networksOf(member.plan, record) });
}

import type { Plan, Role } from './plan/schema';

/**
 * Who may do what. Enforced in every use case, whatever buttons a card shows: a card can be
 * forged, a role check in the use case cannot be skipped.
 */
export type PlanAction =
  | 'logAttendance'
  | 'logMeeting'
  | 'logReferral'
  | 'viewOwnEntries'
  | 'viewStatus'
  | 'runRetention'
  | 'linkChannel'
  | 'manageSchedule'
  | 'enterIndicators'
  | 'rebuildRollups'
  | 'logOutcome'
  | 'logAssessment'
  | 'managePeople'
  | 'importPlan';

const loggers: Role[] = ['member', 'coordinator', 'leader'];

export const allowedRoles: Record<PlanAction, Role[]> = {
  logAttendance: loggers,
  logMeeting: loggers,
  logReferral: loggers,
  viewOwnEntries: loggers,
  viewStatus: ['coordinator', 'leader'],
  runRetention: ['admin'],
  linkChannel: ['coordinator', 'leader'],
  /** Milestones, follow-up items and meeting dates; who owns which is checked per item. */
  manageSchedule: loggers,
  /** Population figures from outside sources (school absence, employment): leaders enter them. */
  enterIndicators: ['leader'],
  rebuildRollups: ['leader', 'admin'],
  /** Outputs and contacts: whoever logs sessions. */
  logOutcome: loggers,
  /** A forum's assessment or a survey's result: its coordinators and the leaders; which forum is checked per criterion. */
  logAssessment: ['coordinator', 'leader'],
  /** Members, coordinators and leaders on the members card; only an admin changes or removes a leader (peopleChanges.ts). */
  managePeople: ['leader', 'admin'],
  /** A plan file sent in chat. */
  importPlan: ['admin'],
};

export function may(roles: readonly Role[], action: PlanAction): boolean {
  return allowedRoles[action].some((r) => roles.includes(r));
}

/** The networks an activity belongs to, for coordinators' rights over its records. */
export function networksOfActivity(plan: Plan, activityId: string): string[] {
  return plan.networks.filter((n) => n.activity === activityId).map((n) => n.id);
}

export interface ChangeContext {
  plan: Plan;
  memberId: string;
  roles: readonly Role[];
  today: string;
}

export interface ChangeableRecord {
  loggedBy: string;
  loggedAt: string;
  /** The networks whose coordinators may correct the record. */
  networkIds: string[];
}

export type ChangeDecision = 'allowed' | 'notYours' | 'editWindowClosed';

/**
 * The author may change an own entry within the plan's edit window; a coordinator of the
 * record's network, and a leader of the plan, may correct it at any time.
 */
export function mayChange(ctx: ChangeContext, record: ChangeableRecord): ChangeDecision {
  if (ctx.roles.includes('leader')) return 'allowed';
  const coordinates = ctx.plan.networks.some((n) => record.networkIds.includes(n.id) && n.coordinators.includes(ctx.memberId));
  if (ctx.roles.includes('coordinator') && coordinates) return 'allowed';
  if (record.loggedBy !== ctx.memberId) return 'notYours';
  const loggedOn = record.loggedAt.slice(0, 10);
  const ageDays = (Date.parse(`${ctx.today}T00:00:00Z`) - Date.parse(`${loggedOn}T00:00:00Z`)) / 86_400_000;
  return ageDays <= ctx.plan.settings.editWindowDays ? 'allowed' : 'editWindowClosed';
}

/** Moving a referral on is follow-up, not correction: the author may do it at any time. */
export function mayFollowUp(ctx: ChangeContext, record: ChangeableRecord): boolean {
  return record.loggedBy === ctx.memberId || mayChange(ctx, record) === 'allowed';
}

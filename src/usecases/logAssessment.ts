import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../domain/clock';
import { networksOfActivity } from '../domain/permissions';
import type { PlanTarget } from '../domain/plan/planTargets';
import { assessmentTargets, validateAssessment, type AssessmentEntry, type AssessmentRecord } from '../domain/records/assessment';
import { authorize, isDenied, type Denied, type MembershipSource } from './authorize';
import { savedOnRememberedMembership } from './savedOnRememberedMembership';
import { cardText, formIdentity, keptIdentity, pickValues } from './cardSubmit';
import type { Form, SaveResult } from './forms';
import type { Repositories } from './ports';
import type { MemberInPlan } from './resolveMember';
import { saveRecord } from './saveRecord';

const entryKeys = ['targetKey', 'date', 'asked', 'agreeing', 'source', 'note'] as const;

export const assessmentSubmitSchema = z.object({
  ...formIdentity,
  correcting: z.string().max(200).optional(),
  targetKey: cardText(220),
  date: cardText(30),
  asked: cardText(20),
  agreeing: cardText(20),
  source: cardText(600),
  note: cardText(2000),
});

export interface AssessmentForm extends Form<AssessmentEntry> {
  /** The assessments this member may record. */
  targets: PlanTarget[];
}
export type LogAssessmentResult = SaveResult<AssessmentRecord, AssessmentForm> | { kind: 'nothingToLog' };

/**
 * Who records an assessment: a leader, or a coordinator of the forum that makes it (`by`) or of
 * the activity it belongs to. A member's word is not a forum's assessment.
 */
export function mayRecordAssessment(member: MemberInPlan, target: PlanTarget): boolean {
  const { plan, membership } = member;
  if (membership.roles.includes('leader')) return true;
  if (!membership.roles.includes('coordinator')) return false;
  const t = target.target;
  const networks = [...(t.kind === 'assessment' && t.by ? [t.by] : []), ...(target.holder.kind === 'activity' ? networksOfActivity(plan, target.holder.id) : [])];
  return plan.networks.some((n) => networks.includes(n.id) && n.coordinators.includes(membership.memberId));
}

const targetsFor = (member: MemberInPlan) => assessmentTargets(member.plan).filter((t) => mayRecordAssessment(member, t));

/** `log vurdering`: a forum's assessment of a group, or a questionnaire's result, for one of the plan's criteria. */
export async function prepareAssessmentForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<AssessmentForm | Denied | { kind: 'nothingToLog' }> {
  const member = await authorize(repos, clock, aadObjectId, 'logAssessment');
  if (isDenied(member)) return member;
  const targets = targetsFor(member);
  if (!targets.length) return { kind: 'nothingToLog' };
  return { plan: member.plan, targets, submissionId: randomUUID(), values: { date: member.today, ...(targets.length === 1 ? { targetKey: targets[0]!.key } : {}) }, errors: [] };
}

/** The card as it was filled in, for when it could not be saved (the database did not answer). */
export function keptAssessmentForm(member: MemberInPlan, payload: unknown): AssessmentForm {
  return { plan: member.plan, targets: targetsFor(member), ...keptIdentity(payload), values: pickValues(payload, entryKeys) as AssessmentEntry, errors: [], unavailable: true };
}

export function logAssessment(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<LogAssessmentResult> {
  return savedOnRememberedMembership(repos, (source) => logAssessmentOn(repos, clock, aadObjectId, payload, source));
}

async function logAssessmentOn(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown, source: MembershipSource): Promise<LogAssessmentResult> {
  const member = await authorize(repos, clock, aadObjectId, 'logAssessment', source);
  if (isDenied(member)) return member;
  const { plan, today } = member;
  const targets = targetsFor(member);
  const values = pickValues(payload, entryKeys) as AssessmentEntry;
  const parsed = assessmentSubmitSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== plan.id) return { kind: 'invalid', form: { plan, targets, submissionId: randomUUID(), values, errors: [], unreadable: true } };
  const checked = validateAssessment(parsed.data, plan, today);
  const errors = checked.ok ? [] : checked.errors;
  // A forged choice of a criterion this member may not assess is refused like an unknown one.
  if (checked.ok && !targets.some((t) => t.key === checked.value.targetKey)) errors.push({ field: 'targetKey', code: 'unknownChoice' });
  if (!checked.ok || errors.length) return { kind: 'invalid', form: { plan, targets, submissionId: parsed.data.submissionId, values, errors, correcting: parsed.data.correcting } };
  return saveRecord<AssessmentRecord, AssessmentForm>(repos, clock, member, parsed.data, checked.value, 'assessment');
}

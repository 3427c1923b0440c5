import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../domain/clock';
import { loggableOutcomes, validateOutcome, type OutcomeEntry, type OutcomeRecord } from '../domain/records/outcome';
import { authorize, isDenied, type Denied, type MembershipSource } from './authorize';
import { savedOnRememberedMembership } from './savedOnRememberedMembership';
import { cardText, formIdentity, keptIdentity, pickValues } from './cardSubmit';
import type { Plan } from '../domain/plan/schema';
import type { Form, SaveResult } from './forms';
import type { Repositories } from './ports';
import { saveRecord } from './saveRecord';

const entryKeys = ['outcome', 'date', 'count', 'note'] as const;

export const outcomeSubmitSchema = z.object({
  ...formIdentity,
  correcting: z.string().max(200).optional(),
  outcome: cardText(220),
  date: cardText(30),
  count: cardText(20),
  note: cardText(2000),
});

export type OutcomeForm = Form<OutcomeEntry>;
export type LogOutcomeResult = SaveResult<OutcomeRecord, OutcomeForm> | { kind: 'nothingToLog' };

/** `log resultat`: an output or contact the plan counts ("opsøgende besøg", "mikrovirksomhed oprettet"). */
export async function prepareOutcomeForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined, prefill: { activityId?: string } = {}): Promise<OutcomeForm | Denied | { kind: 'nothingToLog' }> {
  const member = await authorize(repos, clock, aadObjectId, 'logOutcome');
  if (isDenied(member)) return member;
  const choices = loggableOutcomes(member.plan);
  if (!choices.length) return { kind: 'nothingToLog' };
  const own = choices.filter((c) => c.activity.id === prefill.activityId);
  return { plan: member.plan, submissionId: randomUUID(), values: { date: member.today, count: '1', ...(own.length === 1 ? { outcome: own[0]!.value } : {}) }, errors: [] };
}

/** The card as it was filled in, for when it could not be saved (the database did not answer). */
export function keptOutcomeForm(plan: Plan, payload: unknown): OutcomeForm {
  return { plan, ...keptIdentity(payload), values: pickValues(payload, entryKeys) as OutcomeEntry, errors: [], unavailable: true };
}

export function logOutcome(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<LogOutcomeResult> {
  return savedOnRememberedMembership(repos, (source) => logOutcomeOn(repos, clock, aadObjectId, payload, source));
}

async function logOutcomeOn(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown, source: MembershipSource): Promise<LogOutcomeResult> {
  const member = await authorize(repos, clock, aadObjectId, 'logOutcome', source);
  if (isDenied(member)) return member;
  const { plan, today } = member;
  const values = pickValues(payload, entryKeys) as OutcomeEntry;
  const parsed = outcomeSubmitSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== plan.id) return { kind: 'invalid', form: { plan, submissionId: randomUUID(), values, errors: [], unreadable: true } };
  const checked = validateOutcome(parsed.data, plan, today);
  if (!checked.ok) return { kind: 'invalid', form: { plan, submissionId: parsed.data.submissionId, values, errors: checked.errors, correcting: parsed.data.correcting } };
  return saveRecord<OutcomeRecord, OutcomeForm>(repos, clock, member, parsed.data, checked.value, 'outcome');
}

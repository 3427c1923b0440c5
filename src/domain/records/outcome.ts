import type { IsoDate } from '../calendar';
import type { FieldError, Validated } from '../fieldErrors';
import type { Plan } from '../plan/schema';
import { checkFreeText } from '../privacy/freeText';
import { checkLoggedDate } from './loggedDate';
import { parseWholeNumber } from './wholeNumber';

/**
 * An output or contact the plan counts that is neither a session nor a referral: "70 opsøgende
 * besøg om året", "4 mikrovirksomheder oprettet", "20 fritidsjob etableret af frivillige".
 */
export interface OutcomeRecord {
  id: string;
  planId: string;
  type: 'outcome';
  activityId: string;
  /** One of the activity's `outcomes` in the plan file. */
  outcomeId: string;
  date: IsoDate;
  count: number;
  note?: string;
  loggedBy: string;
  loggedAt: string;
  correctedBy?: string;
  correctedAt?: string;
}

export interface OutcomeEntry {
  /** `<activity id>/<outcome id>`: one choice on the card. */
  outcome?: string;
  date?: string;
  count?: string;
  note?: string;
}

export type OutcomeFacts = Pick<OutcomeRecord, 'activityId' | 'outcomeId' | 'date' | 'count' | 'note'>;

// More than this in one entry is a typing slip; a busy day of door-knocking is a few dozen.
const MAX_COUNT = 1000;

export const outcomeChoice = (activityId: string, outcomeId: string) => `${activityId}/${outcomeId}`;

/** The outcomes a plan lets members log, with the activity each belongs to. */
export function loggableOutcomes(plan: Plan) {
  return plan.activities.flatMap((activity) => activity.outcomes.map((outcome) => ({ activity, outcome, value: outcomeChoice(activity.id, outcome.id) })));
}

export function validateOutcome(entry: OutcomeEntry, plan: Plan, today: IsoDate): Validated<OutcomeFacts> {
  const errors: FieldError[] = [];
  const choice = entry.outcome?.trim() ?? '';
  const found = loggableOutcomes(plan).find((o) => o.value === choice);
  if (!choice) errors.push({ field: 'outcome', code: 'required' });
  else if (!found) errors.push({ field: 'outcome', code: 'unknownChoice' });
  const date = checkLoggedDate('date', entry.date, plan, today, errors);
  const count = parseWholeNumber('count', entry.count, { required: true, min: 1, max: MAX_COUNT }, errors);
  const note = checkFreeText('note', entry.note, 1000, errors);
  if (errors.length || !found || !date || count === undefined) return { ok: false, errors };
  return { ok: true, value: { activityId: found.activity.id, outcomeId: found.outcome.id, date, count, ...(note ? { note } : {}) } };
}

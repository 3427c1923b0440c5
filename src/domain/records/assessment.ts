import type { IsoDate } from '../calendar';
import type { FieldError, Validated } from '../fieldErrors';
import { planTargets, type PlanTarget } from '../plan/planTargets';
import type { Plan } from '../plan/schema';
import { checkFreeText } from '../privacy/freeText';
import { checkLoggedDate } from './loggedDate';
import { parseWholeNumber } from './wholeNumber';

/**
 * A forum's assessment of a group ("75 % af risikogruppen vurderes at have styrkede sociale
 * kompetencer": 12 of 16 assessed) or a questionnaire's result (40 asked, 31 agreed), for one
 * of the plan's assessment targets. Counts only: never who was assessed or who answered.
 */
export interface AssessmentRecord {
  id: string;
  planId: string;
  type: 'assessment';
  /** The target's key, `<holder id>/<target id>`. */
  targetKey: string;
  date: IsoDate;
  /** How many were assessed, or answered the question. */
  asked: number;
  /** How many were assessed as meeting it, or agreed. */
  agreeing: number;
  /** Where the figure comes from: "netværksmøde 12. marts", "forældreskema efteråret". */
  source: string;
  note?: string;
  loggedBy: string;
  loggedAt: string;
  correctedBy?: string;
  correctedAt?: string;
}

export interface AssessmentEntry {
  targetKey?: string;
  date?: string;
  asked?: string;
  agreeing?: string;
  source?: string;
  note?: string;
}

export type AssessmentFacts = Pick<AssessmentRecord, 'targetKey' | 'date' | 'asked' | 'agreeing' | 'source' | 'note'>;

const MAX_ASKED = 100_000;

export function assessmentTargets(plan: Plan): PlanTarget[] {
  return planTargets(plan).filter((t) => t.target.kind === 'assessment');
}

export function validateAssessment(entry: AssessmentEntry, plan: Plan, today: IsoDate): Validated<AssessmentFacts> {
  const errors: FieldError[] = [];
  const key = entry.targetKey?.trim() ?? '';
  const target = assessmentTargets(plan).find((t) => t.key === key);
  if (!key) errors.push({ field: 'targetKey', code: 'required' });
  else if (!target) errors.push({ field: 'targetKey', code: 'unknownChoice' });
  const date = checkLoggedDate('date', entry.date, plan, today, errors);
  const asked = parseWholeNumber('asked', entry.asked, { required: true, min: 1, max: MAX_ASKED }, errors);
  const agreeing = parseWholeNumber('agreeing', entry.agreeing, { required: true, max: MAX_ASKED }, errors);
  if (asked !== undefined && agreeing !== undefined && agreeing > asked) errors.push({ field: 'agreeing', code: 'moreThanAsked' });
  const source = checkFreeText('source', entry.source, 300, errors);
  if (!source && !errors.some((e) => e.field === 'source')) errors.push({ field: 'source', code: 'required' });
  const note = checkFreeText('note', entry.note, 1000, errors);
  if (errors.length || !target || !date || asked === undefined || agreeing === undefined || !source) return { ok: false, errors };
  return { ok: true, value: { targetKey: key, date, asked, agreeing, source, ...(note ? { note } : {}) } };
}

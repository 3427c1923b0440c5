import type { Clock } from '../domain/clock';
import type { FieldError } from '../domain/fieldErrors';
import { planTargets, type PlanTarget } from '../domain/plan/planTargets';
import type { Indicator, Plan } from '../domain/plan/schema';
import { checkFreeText } from '../domain/privacy/freeText';
import { auditEntry } from '../domain/records/audit';
import { authorize, isDenied, type Denied } from './authorize';
import type { IndicatorValue, Repositories, ReportedValue } from './ports';

/**
 * `Indtast tal`: figures from outside the logbook. A population indicator's value for a year or
 * school year (with the comparison group's value, for gap targets), or a partner's own count for
 * a target the plan says a partner reports. Leaders enter them, with their source.
 */
export interface IndicatorForm {
  kind: 'indicatorForm';
  plan: Plan;
  values: { indicatorId?: string; period?: string; value?: string; comparison?: string; source?: string };
  errors: FieldError[];
  saved?: IndicatorValue | ReportedValue;
}

/** A reported target is chosen in the same list as the indicators, as `target:<key>`. */
export const reportedChoice = (key: string) => `target:${key}`;

export function indicatorsOf(plan: Plan): Indicator[] {
  return plan.focusAreas.flatMap((f) => f.goals.flatMap((g) => g.indicators));
}

export function reportedTargetsOf(plan: Plan): PlanTarget[] {
  return planTargets(plan).filter((t) => t.target.reported);
}

export async function prepareIndicatorForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<IndicatorForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'enterIndicators');
  if (isDenied(member)) return member;
  return { kind: 'indicatorForm', plan: member.plan, values: { period: member.today.slice(0, 4) }, errors: [] };
}

/** "8,9" and "8.9" are the same number; an empty field is no number. */
function parseNumber(raw: string): number | undefined {
  const text = raw.trim().replace(/\s/g, '').replace(',', '.');
  return text && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** A leader enters a value from an outside source; the same choice and period again corrects it. */
export async function saveIndicatorValue(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<IndicatorForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'enterIndicators');
  if (isDenied(member)) return member;
  const { plan } = member;
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const text = (k: string) => (typeof p[k] === 'string' || typeof p[k] === 'number' ? String(p[k]).slice(0, 400) : '');
  const values = { indicatorId: text('indicatorId'), period: text('period').trim(), value: text('value').trim(), comparison: text('comparison').trim(), source: text('source') };
  const errors: FieldError[] = [];
  const indicator = indicatorsOf(plan).find((i) => i.id === values.indicatorId);
  const reported = reportedTargetsOf(plan).find((t) => reportedChoice(t.key) === values.indicatorId);
  if (!values.indicatorId) errors.push({ field: 'indicatorId', code: 'required' });
  else if (!indicator && !reported) errors.push({ field: 'indicatorId', code: 'unknownChoice' });
  // A partner's figure is for a calendar year; an indicator may be for a school year.
  const periodShape = reported ? /^20\d\d$/ : /^20\d\d(\/\d\d)?$/;
  if (!values.period) errors.push({ field: 'period', code: 'required' });
  else if (!periodShape.test(values.period)) errors.push({ field: 'period', code: 'invalidDate' });
  const number = parseNumber(values.value);
  if (!values.value) errors.push({ field: 'value', code: 'required' });
  else if (number === undefined) errors.push({ field: 'value', code: 'notANumber' });
  const comparison = values.comparison ? parseNumber(values.comparison) : undefined;
  if (values.comparison && comparison === undefined) errors.push({ field: 'comparison', code: 'notANumber' });
  const source = checkFreeText('source', values.source, 300, errors);
  if (!source && !errors.some((e) => e.field === 'source')) errors.push({ field: 'source', code: 'required' });
  if (errors.length || (!indicator && !reported) || !source || number === undefined) return { kind: 'indicatorForm', plan, values, errors };

  const base = { planId: plan.id, value: number, source, enteredBy: member.membership.memberId, enteredAt: clock.now().toISOString() };
  const saved: IndicatorValue | ReportedValue = reported
    ? { ...base, id: `reported-${reported.key.replace('/', '-')}-${values.period}`, type: 'reportedFigure', targetKey: reported.key, year: Number(values.period) }
    : { ...base, id: `indicator-${indicator!.id}-${values.period.replace('/', '-')}`, type: 'indicatorValue', indicatorId: indicator!.id, period: values.period, ...(comparison !== undefined ? { comparison } : {}) };
  if (saved.type === 'reportedFigure') await repos.indicators.saveReported(saved);
  else await repos.indicators.save(saved);
  await repos.audit.append(auditEntry({ planId: plan.id, at: saved.enteredAt, actor: saved.enteredBy, action: 'update', recordType: saved.type, recordId: saved.id, after: saved }));
  return { kind: 'indicatorForm', plan, values, errors: [], saved };
}

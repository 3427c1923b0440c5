import type { Clock } from '../domain/clock';
import type { FieldError } from '../domain/fieldErrors';
import type { Plan } from '../domain/plan/schema';
import { checkFreeText } from '../domain/privacy/freeText';
import { auditEntry } from '../domain/records/audit';
import { authorize, isDenied, type Denied } from './authorize';
import type { IndicatorValue, Repositories } from './ports';

export interface IndicatorForm {
  kind: 'indicatorForm';
  plan: Plan;
  values: { indicatorId?: string; period?: string; value?: string; source?: string };
  errors: FieldError[];
  saved?: IndicatorValue;
}

type Indicator = Plan['focusAreas'][number]['goals'][number]['indicators'][number];

export function indicatorsOf(plan: Plan): Indicator[] {
  return plan.focusAreas.flatMap((f) => f.goals.flatMap((g) => g.indicators));
}

export async function prepareIndicatorForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<IndicatorForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'enterIndicators');
  if (isDenied(member)) return member;
  return { kind: 'indicatorForm', plan: member.plan, values: { period: member.today.slice(0, 4) }, errors: [] };
}

/** A leader enters a value from an outside source; the same indicator and period again corrects it. */
export async function saveIndicatorValue(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<IndicatorForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'enterIndicators');
  if (isDenied(member)) return member;
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const values = { indicatorId: String(p.indicatorId ?? ''), period: String(p.period ?? '').trim(), value: String(p.value ?? '').trim().replace(',', '.'), source: String(p.source ?? '') };
  const errors: FieldError[] = [];
  const indicator = indicatorsOf(member.plan).find((i) => i.id === values.indicatorId);
  if (!values.indicatorId) errors.push({ field: 'indicatorId', code: 'required' });
  else if (!indicator) errors.push({ field: 'indicatorId', code: 'unknownChoice' });
  if (!values.period) errors.push({ field: 'period', code: 'required' });
  else if (!/^20\d\d(\/\d\d)?$/.test(values.period)) errors.push({ field: 'period', code: 'invalidDate' });
  const number = Number(values.value);
  if (!values.value) errors.push({ field: 'value', code: 'required' });
  else if (!Number.isFinite(number)) errors.push({ field: 'value', code: 'notAWholeNumber' });
  const source = checkFreeText('source', values.source, 300, errors);
  if (!source && !errors.some((e) => e.field === 'source')) errors.push({ field: 'source', code: 'required' });
  if (errors.length || !indicator || !source) return { kind: 'indicatorForm', plan: member.plan, values, errors };
  const value: IndicatorValue = {
    id: `indicator-${indicator.id}-${values.period.replace('/', '-')}`,
    type: 'indicatorValue',
    planId: member.plan.id,
    indicatorId: indicator.id,
    period: values.period,
    value: number,
    source,
    enteredBy: member.membership.memberId,
    enteredAt: clock.now().toISOString(),
  };
  await repos.indicators.save(value);
  await repos.audit.append(auditEntry({ planId: member.plan.id, at: value.enteredAt, actor: value.enteredBy, action: 'update', recordType: 'indicatorValue', recordId: value.id, after: value }));
  return { kind: 'indicatorForm', plan: member.plan, values, errors: [], saved: value };
}

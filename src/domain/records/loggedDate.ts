import { isValidIsoDate, type IsoDate } from '../calendar';
import type { FieldError } from '../fieldErrors';
import type { Plan } from '../plan/schema';

/** A date something happened: required, real, inside the plan period and not in the future. */
export function checkLoggedDate(field: string, raw: string | undefined, plan: Plan, today: IsoDate, errors: FieldError[]): IsoDate | undefined {
  const date = raw?.trim() ?? '';
  if (!date) errors.push({ field, code: 'required' });
  else if (!isValidIsoDate(date)) errors.push({ field, code: 'invalidDate' });
  else if (date < plan.period.start) errors.push({ field, code: 'beforePlanPeriod' });
  else if (date > plan.period.end) errors.push({ field, code: 'afterPlanPeriod' });
  else if (date > today) errors.push({ field, code: 'inFuture' });
  else return date;
  return undefined;
}

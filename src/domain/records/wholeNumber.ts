import type { FieldError } from '../fieldErrors';

/** A count typed into a card: digits only, within bounds; the error names the field. */
export function parseWholeNumber(field: string, raw: string | undefined, rule: { required: boolean; min?: number; max: number }, errors: FieldError[]): number | undefined {
  const text = raw?.trim() ?? '';
  if (text === '') {
    if (rule.required) errors.push({ field, code: 'required' });
    return undefined;
  }
  if (!/^-?\d+$/.test(text)) {
    errors.push({ field, code: 'notAWholeNumber' });
    return undefined;
  }
  const value = Number(text);
  if (value < 0) errors.push({ field, code: 'negative' });
  else if (rule.min !== undefined && value < rule.min) errors.push({ field, code: 'tooSmall' });
  else if (value > rule.max) errors.push({ field, code: 'tooLarge' });
  else return value;
  return undefined;
}

import type { FieldError, FieldErrorCode } from '../fieldErrors';
import { cleanStoredText } from './normaliseText';
import { findSensitiveData, type SensitiveKind } from './sensitiveText';

const sensitiveCode: Record<SensitiveKind, FieldErrorCode> = { cpr: 'containsCpr', email: 'containsEmail', phone: 'containsPhone' };

export function sensitiveErrorCode(text: string): FieldErrorCode | undefined {
  const kind = findSensitiveData(cleanStoredText(text));
  return kind ? sensitiveCode[kind] : undefined;
}

/**
 * Free text, the one way user text reaches a record: unsafe characters stripped (see
 * cleanStoredText), then refused when it carries a CPR number, an e-mail address or a phone
 * number, or is too long. Returns the text to store, or undefined with the error pushed.
 */
export function checkFreeText(field: string, raw: string | undefined, max: number, errors: FieldError[]): string | undefined {
  const text = cleanStoredText(raw ?? '').trim();
  if (!text) return undefined;
  const sensitive = sensitiveErrorCode(text);
  if (sensitive) errors.push({ field, code: sensitive });
  else if (text.length > max) errors.push({ field, code: 'tooLong' });
  else return text;
  return undefined;
}

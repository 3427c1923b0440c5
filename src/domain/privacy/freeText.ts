import type { FieldError, FieldErrorCode } from '../fieldErrors';
import { cleanStoredText, visualReading } from './normaliseText';
import { findSensitiveData, type SensitiveKind } from './sensitiveText';

const sensitiveCode: Record<SensitiveKind, FieldErrorCode> = { cpr: 'containsCpr', email: 'containsEmail', phone: 'containsPhone' };

/** Checks the text as stored and, where it holds right-to-left overrides, as it shows on screen. */
export function sensitiveErrorCode(text: string): FieldErrorCode | undefined {
  const shown = visualReading(text);
  const kind = findSensitiveData(cleanStoredText(text)) ?? (shown === undefined ? undefined : findSensitiveData(shown));
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
  const sensitive = sensitiveErrorCode(raw!);
  if (sensitive) errors.push({ field, code: sensitive });
  else if (text.length > max) errors.push({ field, code: 'tooLong' });
  else return text;
  return undefined;
}

import type { FieldError } from '../domain/fieldErrors';
import type { Messages } from '../i18n';

/** Each field's problems as one sentence, for the TextBlock under that field; '' where none. */
export function fieldErrorTexts(m: Messages, errors: FieldError[], fields: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(fields.map((f) => [f, '']));
  for (const e of errors) out[e.field] = out[e.field] ? `${out[e.field]} ${m.fieldErrors[e.code]}` : m.fieldErrors[e.code];
  return out;
}

import { runHasCpr } from './cprNumbers';
import { digitRuns } from './digitRuns';
import { hasEmail } from './emailAddresses';
import { checkCopy } from './normaliseText';
import { runHasPhone } from './phoneNumbers';

/**
 * Free text must not carry personal identifiers (Datatilsynet; see ../shared/domain/README.md).
 * We refuse rather than mask: a masked CPR number has still been typed into Teams, and the
 * user should learn to write the note without it. The rules are in docs/roles-and-privacy.md.
 *
 * Hand-written, not a phone or e-mail library: the work is in folding the ways a number can be
 * written (other digit scripts, separators, look-alike letters) and in telling a phone number
 * from a date or a time, which no library does; libphonenumber would also let through the
 * numbers the Danish numbering plan does not use (12 34 56 78), and a filter should not.
 */
export type SensitiveKind = 'cpr' | 'email' | 'phone';

/** The first kind of personal identifier found in the text, or undefined. */
export function findSensitiveData(text: string): SensitiveKind | undefined {
  const { text: normalised, disguised } = checkCopy(text);
  const runs = digitRuns(normalised, { harmlessReadings: !disguised });
  if (runs.some(runHasCpr)) return 'cpr';
  if (hasEmail(normalised)) return 'email';
  if (runs.some(runHasPhone)) return 'phone';
  return undefined;
}

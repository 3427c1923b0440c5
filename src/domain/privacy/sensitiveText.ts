import { isValidIsoDate } from '../calendar';

/**
 * Free text must not carry personal identifiers (Datatilsynet; see ../shared/domain/README.md).
 * We refuse rather than mask: a masked CPR number has still been typed into Teams, and the
 * user should learn to write the note without it.
 */
export type SensitiveKind = 'cpr' | 'email' | 'phone';

// DDMMYY followed by four digits, with or without a dash or space: the shape of a CPR number.
const cprShape = /(?<!\d)(\d{2})(\d{2})(\d{2})[-\s]?\d{4}(?!\d)/g;
const emailShape = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
// Danish numbers: eight digits, optionally grouped in pairs or fours, optionally +45 first.
const phoneShape = /(?<![\d-])(?:\+45[\s-]?)?(?:\d{2}[\s-]?){3}\d{2}(?![\d-])/;

function looksLikeCpr(text: string): boolean {
  for (const match of text.matchAll(cprShape)) {
    const [, dd, mm, yy] = match as unknown as [string, string, string, string];
    // Century is unknown from the number alone; any century making a real date counts.
    if (isValidIsoDate(`19${yy}-${mm}-${dd}`) || isValidIsoDate(`20${yy}-${mm}-${dd}`)) return true;
  }
  return false;
}

/** The first kind of personal identifier found in the text, or undefined. */
export function findSensitiveData(text: string): SensitiveKind | undefined {
  if (looksLikeCpr(text)) return 'cpr';
  if (emailShape.test(text)) return 'email';
  if (phoneShape.test(text)) return 'phone';
  return undefined;
}

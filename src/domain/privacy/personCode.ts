/**
 * Pseudonymous participant codes, chosen by the staff member: two capital letters and two to
 * four digits (e.g. KB17). The fixed shape is what keeps names and CPR numbers out: neither fits.
 */
export const PERSON_CODE_PATTERN = /^[A-ZÆØÅ]{2}\d{2,4}$/;

export function normalisePersonCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

export function isPersonCode(code: string): boolean {
  return PERSON_CODE_PATTERN.test(code);
}

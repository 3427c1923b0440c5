import type { DigitRun } from './digitRuns';

// A label right before the number says what it is: a week, a time, an amount, a case or company
// number. Phone numbers are not written after these words.
const notPhoneLabel = /(?:^|[^\p{L}])(?:uge(?:r|rne|nr)?|week|kl|klokken|kr|dkk|sag(?:snr|snummer)?|j\.? ?nr|journal(?:nr|nummer)|ref(?:erence|nr)?|løbe(?:nr|nummer)|cvr(?:-?nr)?|ean|p-?nr|faktura(?:nr)?|ordre(?:nr)?|bilag|matr(?:ikel)?(?:\.? ?nr)?|post(?:nr|nummer)|version)\.?(?:[ .:#-]|nr\.?)*$/iu;
// An amount: "12 500 000 kr.", "1234567,50".
const currencyAfter = /^ ?(?:kr\b|kr\.|kroner|dkk|,-|,\d|mio\b|mia\b)/iu;

/**
 * A Danish phone number is eight digits, in any grouping (12345678, 12 34 56 78, 1234 5678,
 * 123 456 78, 12.34.56.78, 12/34/56/78), maybe after +45 or 0045. Within a run we look for
 * eight digits in whole groups that no harmless reading explains: 12-11-2026 and 2026-12-03 are
 * dates, 16.30-18.00 two times, 2025-2026 a season, 12.500.000 an amount. Eight digits written
 * together (12112026) are taken for a phone number even when they could be a date: that is how
 * phone numbers are most often written, and not how dates are.
 */
export function runHasPhone(run: DigitRun): boolean {
  return hasEightPlainDigits(run) && !notPhoneLabel.test(run.before) && !currencyAfter.test(run.after);
}

function hasEightPlainDigits(run: DigitRun): boolean {
  const { harmless } = run;
  const groups = withoutCountryCode(run);
  for (let i = 0; i < groups.length; i++) {
    let digits = 0;
    for (let j = i; j < groups.length && !harmless[j] && digits < 8; j++) {
      digits += groups[j]!.length;
      if (digits === 8) return true;
    }
  }
  return false;
}

/** +45 or 0045 written against the number (+4520 30 40 50) counts apart from it. */
function withoutCountryCode(run: DigitRun): string[] {
  const [first, ...rest] = run.groups;
  if (first!.length > 2 && first!.startsWith('45') && run.before.endsWith('+')) return [first!.slice(2), ...rest];
  if (first!.length > 4 && first!.startsWith('0045')) return [first!.slice(4), ...rest];
  return run.groups;
}

import { isValidIsoDate } from '../calendar';
import type { DigitRun } from './digitRuns';

const sum = (groups: string[]) => groups.reduce((s, g) => s + g.length, 0);

/** DDMMYY is a real date in the 1900s or 2000s (the seventh digit says which; we need not know). */
function isBirthDate(ddmmyy: string): boolean {
  const [dd, mm, yy] = [ddmmyy.slice(0, 2), ddmmyy.slice(2, 4), ddmmyy.slice(4, 6)];
  return isValidIsoDate(`19${yy}-${mm}-${dd}`) || isValidIsoDate(`20${yy}-${mm}-${dd}`);
}

/**
 * A CPR number is ten digits, DDMMYY and four more, however they are grouped: 010190-1234,
 * 01.01.90-1234, 010 190 1234, one digit at a time. Within a run we look at every stretch of
 * whole groups that splits into six digits, a group boundary, and four digits (or one group of
 * ten), whose first six digits are a real date; DD.MM.YYYY-SSSS with the year in full counts too.
 * No modulus-11 test: CPR numbers issued since 2007 need not pass it.
 *
 * What passes is what a harmless reading explains group for group: "03.12.26 16.30" is a date and
 * a time, "01.12.26-15.12.26" two dates, "03.12.26 16-18" a date and opening hours. A stretch with
 * even one group no such reading explains is taken for a CPR number.
 */
export function runHasCpr(run: DigitRun): boolean {
  const { groups, harmless } = run;
  for (let i = 0; i < groups.length; i++) {
    if (groups[i]!.length === 10 && isBirthDate(groups[i]!)) return true;
    for (let k = i; k < groups.length && sum(groups.slice(i, k + 1)) <= 8; k++) {
      const datePart = groups.slice(i, k + 1);
      const digits = sum(datePart);
      const fullYear = digits === 8 && datePart.length === 3 && datePart[0]!.length === 2 && datePart[1]!.length === 2;
      if (digits !== 6 && !fullYear) continue;
      for (let j = k + 1; j < groups.length && sum(groups.slice(k + 1, j + 1)) <= 4; j++) {
        if (sum(groups.slice(k + 1, j + 1)) !== 4) continue;
        const joined = datePart.join('');
        const birth = fullYear ? isValidIsoDate(`${joined.slice(4)}-${joined.slice(2, 4)}-${joined.slice(0, 2)}`) : isBirthDate(joined);
        if (birth && harmless.slice(i, j + 1).some((h) => !h)) return true;
      }
    }
  }
  return false;
}

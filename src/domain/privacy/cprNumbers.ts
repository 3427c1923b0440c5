import { isRealDate } from '../calendar';
import type { DigitRun } from './digitRuns';

/** DDMMYY is a real date in the 1900s or 2000s (the seventh digit says which; we need not know). */
function isBirthDate(ddmmyy: string): boolean {
  const [dd, mm, yy] = [Number(ddmmyy.slice(0, 2)), Number(ddmmyy.slice(2, 4)), Number(ddmmyy.slice(4, 6))];
  return isRealDate(1900 + yy, mm, dd) || isRealDate(2000 + yy, mm, dd);
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
    let datePart = '';
    for (let k = i; k < groups.length && datePart.length + groups[k]!.length <= 8; k++) {
      datePart += groups[k];
      const fullYear = datePart.length === 8 && k - i === 2 && groups[i]!.length === 2 && groups[i + 1]!.length === 2;
      if (datePart.length !== 6 && !fullYear) continue;
      const birth = fullYear ? isRealDate(Number(datePart.slice(4)), Number(datePart.slice(2, 4)), Number(datePart.slice(0, 2))) : isBirthDate(datePart);
      if (!birth) continue;
      let serial = 0;
      for (let j = k + 1; j < groups.length && serial + groups[j]!.length <= 4; j++) {
        serial += groups[j]!.length;
        if (serial === 4 && !harmless.slice(i, j + 1).every(Boolean)) return true;
      }
    }
  }
  return false;
}

import fc from 'fast-check';
import { addDays, addMonths, daysInMonths, lastDayOfMonth, monthsBetween } from '../../../src/domain/calendar';

/** The slow, obviously right answers the integer versions must equal. */
const monthsByDates = (from: string, to: string) => {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(`${m}-01`, 1).slice(0, 7)) out.push(m);
  return out;
};
const lastDayByDates = (month: string) => addDays(addMonths(`${month.slice(0, 7)}-01`, 1), -1);

describe('months counted on integers', () => {
  test.each([
    ['2025-01-01', '2025-12-31'],
    ['2024-11-15', '2025-02-03'],
    ['2025-06-30', '2025-06-01'],
    ['2025-07-10', '2025-06-30'],
    ['1999-12-31', '2000-01-01'],
    ['2024-01-01', '2028-12-31'],
  ])('every month from %s to %s, as stepping by dates gives', (from, to) => {
    expect(monthsBetween(from, to)).toEqual(monthsByDates(from, to));
  });

  test('the last day of every month from 1896 to 2104, leap years included', () => {
    for (const month of monthsBetween('1896-01', '2104-12')) expect(lastDayOfMonth(month)).toBe(lastDayByDates(month));
    expect(lastDayOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(lastDayOfMonth('1900-02')).toBe('1900-02-28');
    expect(lastDayOfMonth('2000-02')).toBe('2000-02-29');
  });

  test('the days of a season in any range, as counting them one by one gives', () => {
    const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, day, fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }), (from, to, excluded) => {
        const inSeason = (m: number) => !excluded.includes(m);
        let oneByOne = 0;
        for (let d = from; d <= to; d = addDays(d, 1)) if (inSeason(Number(d.slice(5, 7)))) oneByOne++;
        return daysInMonths(from, to, inSeason) === oneByOne;
      }),
    );
  });
});

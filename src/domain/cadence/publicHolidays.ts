import Holidays from 'date-holidays';
import type { IsoDate } from '../calendar';

/**
 * Danish public holidays (helligdage: nytår, påske, Kristi himmelfart, pinse, jul) from the
 * date-holidays package, which also knows that Store Bededag ended after 2023.
 */
const denmark = new Holidays('DK');
const byYear = new Map<number, Set<IsoDate>>();

export function isDanishPublicHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  let days = byYear.get(year);
  if (!days) {
    days = new Set(denmark.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    byYear.set(year, days);
  }
  return days.has(date);
}

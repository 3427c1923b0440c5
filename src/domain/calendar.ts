/**
 * Calendar dates as the plans speak of them: local dates in the plan's time zone, written
 * YYYY-MM-DD so that string order is date order. Intl does the time-zone work, which keeps
 * summer time right without a date library for this small job.
 */
export type IsoDate = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar date of an instant in a time zone, e.g. 2026-03-29 in Europe/Copenhagen. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  return formatterFor(timeZone).format(instant);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Whether the day exists (Gregorian calendar), by arithmetic: the privacy guard asks thousands of times per note. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Whole days from `from` to `to` (both calendar dates), negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export function calendarYear(year: number): DateRange {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export function isWithin(date: IsoDate, range: DateRange): boolean {
  return date >= range.from && date <= range.to;
}

/** The overlap of two ranges, or undefined when they do not meet. */
export function intersect(a: DateRange, b: DateRange): DateRange | undefined {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return from <= to ? { from, to } : undefined;
}

/** The date N days later (or earlier, for a negative N). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Every month (YYYY-MM) from the month of `from` to the month of `to`, none when `to` is earlier.
 * Counted on integers: status asks this for every scope and target, and date objects made it the
 * largest cost of a status.
 */
export function monthsBetween(from: string, to: string): string[] {
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const [endYear, endMonth] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const out: string[] = [];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    out.push(`${year}-${month < 10 ? '0' : ''}${month}`);
    if (++month > 12) [month, year] = [1, year + 1];
  }
  return out;
}

/** The last day of a month (YYYY-MM or any date in it). */
export function lastDayOfMonth(month: string): IsoDate {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return `${month.slice(0, 7)}-${days}`;
}

/** How many days from..to (both included) fall in the months `counted` accepts (1–12); counted month by month. */
export function daysInMonths(from: IsoDate, to: IsoDate, counted: (month: number) => boolean): number {
  let days = 0;
  for (const month of monthsBetween(from, to)) {
    if (!counted(Number(month.slice(5, 7)))) continue;
    const first = `${month}-01` > from ? `${month}-01` : from;
    const last = lastDayOfMonth(month) < to ? lastDayOfMonth(month) : to;
    if (last >= first) days += daysBetween(first, last) + 1;
  }
  return days;
}

/** The same day N months later, clamped to the month's end (31 March + 6 months = 30 September). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Monday to Sunday of the ISO week a date falls in. */
export function isoWeekDays(date: IsoDate): IsoDate[] {
  const t = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const monday = t - weekday * 86_400_000;
  return Array.from({ length: 7 }, (_, i) => new Date(monday + i * 86_400_000).toISOString().slice(0, 10));
}

/** The ISO week number ("uge 9"): the week with the year's first Thursday is week 1. */
export function isoWeekNumber(date: IsoDate): number {
  const thursday = Date.parse(`${isoWeekDays(date)[3]}T00:00:00Z`);
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / (7 * 86_400_000)) + 1;
}

/** How much of a range has passed by `today`, counting today: 0 before it starts, 1 once it is over. */
export function elapsedShare(range: DateRange, today: IsoDate): number {
  const total = daysBetween(range.from, range.to) + 1;
  if (today < range.from) return 0;
  if (today >= range.to) return 1;
  return (daysBetween(range.from, today) + 1) / total;
}

/** A range's length in years of 365 days (a quarter is about 0.25). */
export function yearsIn(range: DateRange): number {
  return (daysBetween(range.from, range.to) + 1) / 365;
}

import { addDays, addMonths, daysBetween, type DateRange, type IsoDate } from '../calendar';
import { cadencesOf, type Cadence } from '../plan/cadences';
import type { Network, Plan } from '../plan/schema';
import { isDanishPublicHoliday } from './publicHolidays';
import { zonedTimeToUtc } from './zonedTime';

export interface PlannedMeeting {
  date: IsoDate;
  /** When the plan states a time ("kl. 16-19"): the start as an instant. */
  startsAt?: Date;
  endsAt?: Date;
  /**
   * True when the plan gives only a frequency ("3-4 møder årligt"): the date is spread evenly
   * and a coordinator sets the real one ("næste møde").
   */
  approximate: boolean;
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

function monthOf(date: IsoDate): number {
  return Number(date.slice(5, 7));
}

/** The nth given weekday of a month, or undefined when the month has no such day (a 5th Tuesday). */
function nthWeekdayOfMonth(year: number, month: number, nth: number, weekday: (typeof weekdays)[number]): IsoDate | undefined {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (weekdays.indexOf(weekday) - first.getUTCDay() + 7) % 7;
  const day = 1 + offset + (nth - 1) * 7;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 ? date.toISOString().slice(0, 10) : undefined;
}

/** Months of the year that may hold a meeting, spread evenly for "N a year". */
function spreadMonths(count: number, excluded: Set<number>): number[] {
  const eligible = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => !excluded.has(m));
  if (count >= eligible.length) return eligible;
  const step = eligible.length / count;
  return Array.from({ length: count }, (_, i) => eligible[Math.floor(i * step)]!);
}

/**
 * The meetings a cadence plans within a date range, in the plan's time zone. `anchor` is the
 * first date the rhythm counts from (the plan's start or the last meeting held).
 */
export function plannedMeetings(cadence: Cadence, range: DateRange, anchor: IsoDate, timeZone: string): PlannedMeeting[] {
  const out: PlannedMeeting[] = [];
  switch (cadence.kind) {
    case 'every': {
      const excluded = new Set(cadence.excludeMonths ?? []);
      for (let i = 0; ; i++) {
        const date = cadence.unit === 'week' ? addDays(anchor, i * 7 * cadence.n) : addMonths(anchor, i * cadence.n);
        if (date > range.to) break;
        if (date >= range.from && !excluded.has(monthOf(date))) out.push({ date, approximate: false });
      }
      return out;
    }
    case 'monthlyWeekday': {
      const excluded = new Set(cadence.excludeMonths ?? []);
      for (let month = range.from.slice(0, 7); `${month}-01` <= range.to; month = addMonths(`${month}-01`, 1).slice(0, 7)) {
        const [y, m] = month.split('-').map(Number) as [number, number];
        const date = nthWeekdayOfMonth(y, m, cadence.nth, cadence.weekday);
        if (!date || date < range.from || date > range.to || excluded.has(m)) continue;
        if (cadence.skipPublicHolidays && isDanishPublicHoliday(date)) continue;
        out.push({
          date,
          approximate: false,
          ...(cadence.start ? { startsAt: zonedTimeToUtc(date, cadence.start, timeZone) } : {}),
          ...(cadence.end ? { endsAt: zonedTimeToUtc(date, cadence.end, timeZone) } : {}),
        });
      }
      return out;
    }
    case 'perYear': {
      // "3-4 om året" plans the upper figure; "mindst 2" plans 2; "ca. 10" plans 10.
      const count = cadence.count.max ?? cadence.count.approx ?? cadence.count.min ?? 0;
      const months = spreadMonths(count, new Set(cadence.excludeMonths ?? []));
      const day = Math.min(Number(anchor.slice(8, 10)), 28);
      for (let year = Number(range.from.slice(0, 4)); year <= Number(range.to.slice(0, 4)); year++) {
        for (const m of months) {
          const date = `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          if (date >= range.from && date <= range.to && daysBetween(anchor, date) >= 0) out.push({ date, approximate: true });
        }
      }
      return out;
    }
    case 'dated':
      return cadence.dates.filter((d) => d >= range.from && d <= range.to).sort().map((date) => ({ date, approximate: false }));
    case 'asNeeded':
      return [];
    case 'between':
      // Needs the other body's meetings: see plannedMeetingsOf.
      return [];
  }
}

/**
 * The meetings one of a network's cadences plans, in the plan's time zone. "Mødes imellem
 * bestyrelsesmøderne" falls midway between two planned meetings of the other body.
 */
export function plannedMeetingsOf(plan: Plan, cadence: Cadence, range: DateRange, seen: string[] = []): PlannedMeeting[] {
  if (cadence.kind !== 'between') return plannedMeetings(cadence, range, plan.period.start, plan.timeZone);
  const other = plan.networks.find((n) => n.id === cadence.network);
  if (!other || seen.includes(other.id)) return [];
  // Look a year either side, so the first and last gaps of the range are found.
  const wide = { from: addMonths(range.from, -12), to: addMonths(range.to, 12) };
  const theirs = plannedMeetingsOf(plan, cadencesOf(other)[0]!, wide, [...seen, other.id]).map((m) => m.date);
  const out: PlannedMeeting[] = [];
  for (let i = 1; i < theirs.length; i++) {
    const date = addDays(theirs[i - 1]!, Math.floor(daysBetween(theirs[i - 1]!, theirs[i]!) / 2));
    if (date >= range.from && date <= range.to && date >= plan.period.start) out.push({ date, approximate: true });
  }
  return out;
}

/** Every meeting a network's cadences plan in a range, with the cadence each belongs to. */
export function plannedNetworkMeetings(plan: Plan, network: Network, range: DateRange): (PlannedMeeting & { cadenceId: string })[] {
  return cadencesOf(network).flatMap((c) => plannedMeetingsOf(plan, c, range).map((m) => ({ ...m, cadenceId: c.id })));
}

/** The next planned meeting on or after a day, looking a year ahead. */
export function nextMeeting(plan: Plan, cadence: Cadence, from: IsoDate): PlannedMeeting | undefined {
  return plannedMeetingsOf(plan, cadence, { from, to: addMonths(from, 12) })[0];
}

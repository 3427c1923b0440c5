import { isRealDate } from '../calendar';

/**
 * A number as typed in a note: digit groups joined by separators (after normaliseForCheck every
 * dash, dot, slash and space is one of "-./ "). "3.12.2026 16.30-18.00" is one run of seven
 * groups. The CPR and phone rules read runs group by group, so no regex has to guess a layout.
 */
export interface DigitRun {
  groups: string[];
  /** seps[i] joins groups[i] and groups[i + 1]. */
  seps: string[];
  /** The text before and after the run, for labels ("uge", "sagsnr.") and currency ("kr."). */
  before: string;
  after: string;
  /** Per group: true where a harmless unit (a date, a time, a year range…) explains it. */
  harmless: boolean[];
}

// Separators never sit next to each other ambiguously, so this is linear.
const runPattern = /\d+(?:[-./ ]+\d+)*/g;
const CONTEXT = 30;

/** The runs of eight or more digits: the only ones that can hold a CPR or phone number. */
export function digitRuns(text: string, options: { harmlessReadings?: boolean } = {}): DigitRun[] {
  const harmlessReadings = options.harmlessReadings ?? true;
  const runs: DigitRun[] = [];
  for (const m of text.matchAll(runPattern)) {
    const groups = m[0].split(/[-./ ]+/);
    const seps = m[0].match(/[-./ ]+/g) ?? [];
    const end = m.index + m[0].length;
    const digits = m[0].length - seps.reduce((n, s) => n + s.length, 0);
    // Fewer than eight digits is neither a phone nor a CPR number: no need to read it closer.
    if (digits < 8) continue;
    runs.push({ groups, seps, before: text.slice(Math.max(0, m.index - CONTEXT), m.index), after: text.slice(end, end + CONTEXT), harmless: harmlessReadings ? harmlessGroups(parse(groups, seps)) : groups.map(() => false) });
  }
  return runs;
}

/** A run read once: lengths, values, joiners and digit counts, so each unit test is constant work. */
interface Parsed {
  groups: string[];
  lens: number[];
  values: number[];
  /** joiners[i] joins groups[i] and groups[i + 1]; see joiner(). */
  joiners: (string | undefined)[];
  /** The separator character of each joiner, spaces around it ignored. */
  kinds: (string | undefined)[];
  /** digitsBefore[i]: how many digits groups [0, i) hold. */
  digitsBefore: number[];
}

/**
 * One separator character, maybe with spaces around it ("16 - 18"), spaces collapsed; undefined
 * for two characters such as ".-". " - " and "-" are different joiners: "2024-11-04 - 2024-11-29"
 * is two dates joined by a spaced dash.
 */
function joiner(sep: string): string | undefined {
  const collapsed = sep.length === 1 ? sep : sep.replace(/ +/g, ' ');
  return collapsed.replace(/ /g, '').length <= 1 ? collapsed : undefined;
}

function parse(groups: string[], seps: string[]): Parsed {
  const joiners = seps.map(joiner);
  const digitsBefore = [0];
  for (const g of groups) digitsBefore.push(digitsBefore[digitsBefore.length - 1]! + g.length);
  return {
    groups,
    lens: groups.map((g) => g.length),
    values: groups.map(Number),
    joiners,
    kinds: joiners.map((j) => (j === undefined ? undefined : j.trim() || ' ')),
    digitsBefore,
  };
}

/**
 * A unit spanning groups [i, i + n) stands apart from its neighbours: the separator before and
 * after it differs from the one it uses inside. "24.12.05.06" is then no date followed by "06"
 * but four pairs of digits, as a phone number is written; "24.12.05 kl" is a date.
 */
function standsApart(p: Parsed, i: number, n: number): boolean {
  const before = i > 0 ? p.joiners[i - 1] : undefined;
  const after = i + n < p.groups.length ? p.joiners[i + n - 1] : undefined;
  return (before === undefined || before !== p.joiners[i]) && (after === undefined || after !== p.joiners[i + n - 2]);
}

const has = (p: Parsed, i: number, ...lengths: number[]) => i < p.lens.length && lengths.includes(p.lens[i]!);
const isYear = (p: Parsed, i: number) => has(p, i, 4) && p.values[i]! >= 1900 && p.values[i]! <= 2099;
const bothJoined = (p: Parsed, i: number) => p.joiners[i] !== undefined && p.joiners[i + 1] !== undefined;

/** D.M.YYYY, DD-MM-YY, 3/12-2026: real dates only; a two-digit year may be in either century. */
function dayMonthYear(p: Parsed, i: number): number {
  if (!has(p, i, 1, 2) || !has(p, i + 1, 1, 2) || !(has(p, i + 2, 2) || isYear(p, i + 2)) || !bothJoined(p, i)) return 0;
  const [d, m, y] = [p.values[i]!, p.values[i + 1]!, p.values[i + 2]!];
  const real = p.lens[i + 2] === 4 ? isRealDate(y, m, d) : isRealDate(1900 + y, m, d) || isRealDate(2000 + y, m, d);
  return real && standsApart(p, i, 3) ? 3 : 0;
}

/** 2026-12-03, 2026.12.3. */
function yearMonthDay(p: Parsed, i: number): number {
  if (!isYear(p, i) || !has(p, i + 1, 1, 2) || !has(p, i + 2, 1, 2) || !bothJoined(p, i)) return 0;
  return isRealDate(p.values[i]!, p.values[i + 1]!, p.values[i + 2]!) && standsApart(p, i, 3) ? 3 : 0;
}

/** 16.30, 9.05: the Danish way of writing a time (a colon ends the run, so 16:30 never gets here). */
function clockTime(p: Parsed, i: number): number {
  if (!has(p, i, 1, 2) || !has(p, i + 1, 2) || p.values[i]! > 23 || p.values[i + 1]! > 59) return 0;
  return p.joiners[i] === '.' && standsApart(p, i, 2) ? 2 : 0;
}

/** "16-18", "9-12": opening hours, from six in the morning, the first before the second. */
function hourRange(p: Parsed, i: number): number {
  if (!has(p, i, 1, 2) || !has(p, i + 1, 1, 2)) return 0;
  const [a, b] = [p.values[i]!, p.values[i + 1]!];
  if (a < 6 || b > 24 || a >= b) return 0;
  return p.kinds[i] === '-' && standsApart(p, i, 2) ? 2 : 0;
}

/** 2025-2026, 2025/26: a season or school year. */
function yearRange(p: Parsed, i: number): number {
  if (!isYear(p, i) || !(isYear(p, i + 1) || has(p, i + 1, 2))) return 0;
  const from = p.values[i]!;
  const to = p.lens[i + 1] === 2 ? Math.floor(from / 100) * 100 + p.values[i + 1]! : p.values[i + 1]!;
  if (to <= from || to > from + 10) return 0;
  return (p.kinds[i] === '-' || p.kinds[i] === '/') && standsApart(p, i, 2) ? 2 : 0;
}

/** 1.250.000 or 12.500.000: thousands in dots, written by no one as a phone number. */
function thousands(p: Parsed, i: number): number {
  if (!has(p, i, 1, 2, 3) || (i > 0 && p.joiners[i - 1] === '.')) return 0;
  let n = 1;
  while (has(p, i + n, 3) && p.joiners[i + n - 1] === '.') n++;
  return n >= 3 && standsApart(p, i, n) ? n : 0;
}

const units = [dayMonthYear, yearMonthDay, yearRange, thousands, clockTime, hourRange];

/**
 * Marks the groups a harmless reading explains, choosing the reading that explains the most
 * digits (a small dynamic programme over the groups, linear in their number).
 */
function harmlessGroups(p: Parsed): boolean[] {
  const n = p.groups.length;
  const best = new Array<number>(n + 1).fill(0);
  const choice = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    best[i] = best[i + 1]!;
    for (const unit of units) {
      const k = unit(p, i);
      const covered = k ? p.digitsBefore[i + k]! - p.digitsBefore[i]! + best[i + k]! : 0;
      if (covered > best[i]!) {
        best[i] = covered;
        choice[i] = k;
      }
    }
  }
  const harmless = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; ) {
    const k = choice[i]!;
    if (k) harmless.fill(true, i, i + k);
    i += k || 1;
  }
  return harmless;
}

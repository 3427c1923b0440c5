import { isValidIsoDate } from '../calendar';

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

export function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  for (const m of text.matchAll(runPattern)) {
    const groups = m[0].split(/[-./ ]+/);
    const seps = m[0].match(/[-./ ]+/g) ?? [];
    const run = { groups, seps, before: text.slice(Math.max(0, m.index - CONTEXT), m.index), after: text.slice(m.index + m[0].length, m.index + m[0].length + CONTEXT), harmless: [] };
    runs.push({ ...run, harmless: harmlessGroups(run) });
  }
  return runs;
}

/**
 * One separator character, maybe with spaces around it ("16 - 18"), spaces collapsed; undefined
 * for two characters such as ".-". " - " and "-" are different joiners: "2024-11-04 - 2024-11-29"
 * is two dates joined by a spaced dash.
 */
function joiner(sep: string | undefined): string | undefined {
  if (sep === undefined) return undefined;
  const collapsed = sep.replace(/ +/g, ' ');
  return collapsed.replace(/ /g, '').length <= 1 ? collapsed : undefined;
}

/** The separator character of a joiner, spaces around it ignored. */
const kindOf = (sep: string | undefined) => joiner(sep)?.trim() || (joiner(sep) === ' ' ? ' ' : undefined);

type Run = Pick<DigitRun, 'groups' | 'seps'>;

/**
 * A unit spanning groups [i, i + n) stands apart from its neighbours: the separator before and
 * after it differs from the one it uses inside. "24.12.05.06" is then no date followed by "06"
 * but four pairs of digits, as a phone number is written; "24.12.05 kl" is a date.
 */
function standsApart(run: Run, i: number, n: number): boolean {
  const first = joiner(run.seps[i]);
  const last = joiner(run.seps[i + n - 2]);
  const before = i > 0 ? joiner(run.seps[i - 1]) : undefined;
  const after = i + n < run.groups.length ? joiner(run.seps[i + n - 1]) : undefined;
  return (before === undefined || before !== first) && (after === undefined || after !== last);
}

const len = (g: string | undefined, ...allowed: number[]) => g !== undefined && allowed.includes(g.length);
const pad = (g: string) => g.padStart(2, '0');
const isYear = (g: string | undefined) => len(g, 4) && Number(g) >= 1900 && Number(g) <= 2099;

/** D.M.YYYY, DD-MM-YY, 3/12-2026: real dates only; a two-digit year may be in either century. */
function dayMonthYear(run: Run, i: number): number {
  const [d, m, y] = run.groups.slice(i, i + 3);
  if (!len(d, 1, 2) || !len(m, 1, 2) || !(len(y, 2) || isYear(y))) return 0;
  if (!joiner(run.seps[i]) || !joiner(run.seps[i + 1])) return 0;
  const years = y!.length === 4 ? [y!] : [`19${y}`, `20${y}`];
  return years.some((yy) => isValidIsoDate(`${yy}-${pad(m!)}-${pad(d!)}`)) && standsApart(run, i, 3) ? 3 : 0;
}

/** 2026-12-03, 2026.12.3. */
function yearMonthDay(run: Run, i: number): number {
  const [y, m, d] = run.groups.slice(i, i + 3);
  if (!isYear(y) || !len(m, 1, 2) || !len(d, 1, 2)) return 0;
  if (!joiner(run.seps[i]) || !joiner(run.seps[i + 1])) return 0;
  return isValidIsoDate(`${y}-${pad(m!)}-${pad(d!)}`) && standsApart(run, i, 3) ? 3 : 0;
}

/** 16.30, 9.05: the Danish way of writing a time (a colon ends the run, so 16:30 never gets here). */
function clockTime(run: Run, i: number): number {
  const [h, m] = run.groups.slice(i, i + 2);
  if (!len(h, 1, 2) || !len(m, 2) || Number(h) > 23 || Number(m) > 59) return 0;
  return joiner(run.seps[i]) === '.' && standsApart(run, i, 2) ? 2 : 0;
}

/** "16-18", "9-12": opening hours; the first before the second. */
function hourRange(run: Run, i: number): number {
  const [a, b] = run.groups.slice(i, i + 2);
  if (!len(a, 1, 2) || !len(b, 1, 2) || Number(b) > 24 || Number(a) >= Number(b)) return 0;
  return kindOf(run.seps[i]) === '-' && standsApart(run, i, 2) ? 2 : 0;
}

/** 2025-2026, 2025/26: a season or school year. */
function yearRange(run: Run, i: number): number {
  const [a, b] = run.groups.slice(i, i + 2);
  if (!isYear(a) || !(isYear(b) || len(b, 2))) return 0;
  const to = b!.length === 2 ? Number(a!.slice(0, 2) + b) : Number(b);
  if (to <= Number(a) || to > Number(a) + 10) return 0;
  const sep = kindOf(run.seps[i]);
  return (sep === '-' || sep === '/') && standsApart(run, i, 2) ? 2 : 0;
}

/** 1.250.000 or 12.500.000: thousands in dots, written by no one as a phone number. */
function thousands(run: Run, i: number): number {
  if (!len(run.groups[i], 1, 2, 3)) return 0;
  let n = 1;
  while (len(run.groups[i + n], 3) && joiner(run.seps[i + n - 1]) === '.') n++;
  return n >= 3 && standsApart(run, i, n) ? n : 0;
}

const units = [dayMonthYear, yearMonthDay, yearRange, thousands, clockTime, hourRange];

/**
 * Marks the groups a harmless reading explains, choosing the reading that explains the most
 * digits (a small dynamic programme over the groups, linear in their number).
 */
function harmlessGroups(run: Run): boolean[] {
  const n = run.groups.length;
  const best: number[] = new Array<number>(n + 1).fill(0);
  const choice: number[] = new Array<number>(n).fill(1);
  const digitsIn = (i: number, k: number) => run.groups.slice(i, i + k).reduce((s, g) => s + g.length, 0);
  for (let i = n - 1; i >= 0; i--) {
    best[i] = best[i + 1]!;
    choice[i] = 0;
    for (const unit of units) {
      const k = unit(run, i);
      if (k && digitsIn(i, k) + best[i + k]! > best[i]!) {
        best[i] = digitsIn(i, k) + best[i + k]!;
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

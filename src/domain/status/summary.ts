import type { Contribution, Rollup } from './rollups';
import type { CodeSeries } from './rollupIndex';
import { LOGGED, rollupId } from './rollups';

/**
 * The stored form of the rollups: a few documents per plan instead of one per scope and month,
 * so a status reads a handful of documents whatever the number of records.
 *
 * - `summary|<year>` (hot, read by every status): per scope and counter an array of 12 monthly
 *   totals (`m`), and per scope and organisation 12 monthly meeting counts (`o`).
 * - `summary-days|<year-month>`: the day-level counters of one month, flat (`d`); read only for
 *   a period that starts or ends inside that month, or for "the latest session".
 * - `summary-people|<year>`: per scope and participant code 12 monthly session counts (`p`); read
 *   only by the targets that count distinct people, so the hot document does not grow with them.
 * - `summary-referrals|<year>`: the referral counters per destination (source × offer × step,
 *   `m` as in the summary); read only by targets and questions about one offer.
 *
 * Keys are short and lowercase ("a:din-fritid|s" is activity din-fritid's sessions): Cosmos DB's
 * conditional patch (which guards creating an array) is lower-cased by the embedded server.
 * The encoding is lossless: rollupsFromSummary(summaryDocsOf(r)) is r. Pure.
 */
export type SummaryField = 'm' | 'o' | 'p' | 'd' | 'u' | 't';

export interface SummaryYear {
  id: string;
  planId: string;
  type: 'summary';
  year: string;
  m: Record<string, number[]>;
  o: Record<string, number[]>;
  /** Figures kept from the detail documents (keptFigures.ts); absent in a summary written before them. */
  u?: Record<string, number[]>;
  ps?: number;
  t?: Record<string, number[]>;
  tp?: Record<string, 1>;
  rs?: number;
}
export interface SummaryDays {
  id: string;
  planId: string;
  type: 'summaryDays';
  month: string;
  d: Record<string, number>;
}
export interface SummaryPeople {
  id: string;
  planId: string;
  type: 'summaryPeople';
  year: string;
  p: Record<string, number[]>;
  /** How many patches have changed it: orders the changes (keptFigures.ts). */
  n?: number;
}
export interface SummaryReferrals {
  id: string;
  planId: string;
  type: 'summaryReferrals';
  year: string;
  m: Record<string, number[]>;
  /** How many patches have changed it: orders the changes (keptFigures.ts). */
  n?: number;
}
export type SummaryDoc = SummaryYear | SummaryDays | SummaryPeople | SummaryReferrals;

/** Referral counters for one destination (`reached:started:offer-x`, `ended:offer-x`): kept apart, they outnumber the rest. */
export const isDestinationCounter = (name: string) => /^(reached|cohort):[a-z]+:/.test(name) || name.startsWith('ended:');

/** One increment: of an array element (`index`, a month 0–11) or of a flat counter. */
export interface SummaryWrite {
  docId: string;
  field: SummaryField;
  key: string;
  index?: number;
  value: number;
}

/**
 * Ids name the plan as well: the embedded server checks a patch's condition against every
 * document with the id, whatever its partition, and lower-cases the condition (so it cannot name
 * `planId` itself).
 */
export const summaryYearId = (planId: string, year: string) => `summary|${planId}|${year}`;
export const summaryDaysId = (planId: string, month: string) => `summary-days|${planId}|${month}`;
export const summaryPeopleId = (planId: string, year: string) => `summary-people|${planId}|${year}`;
export const summaryReferralsId = (planId: string, year: string) => `summary-referrals|${planId}|${year}`;

const scopeKinds: Record<string, string> = { activity: 'a', network: 'n', referrals: 'r', assessment: 'q' };
const counterWords: Record<string, string> = {
  sessions: 's', headcount: 'h', new: 'n', volunteers: 'v', meetings: 'm', reached: 'r', cohort: 'c', ended: 'e',
  cohortStarted: 'cs', cohortRetained: 'cr', age: 'a', outcome: 'o', outcomes: 'os', assessments: 'as', asked: 'ak', agreeing: 'ag',
};
const levelWords: Record<string, string> = { referred: '1', started: '2', retained: '3', completed: '4' };
const invert = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [v, k]));
const scopeLong = invert(scopeKinds);
const counterLong = invert(counterWords);
const levelLong = invert(levelWords);

/** Splits at the first ':' or '@': the word that names the counter, the separator, the rest. */
function head(name: string): [string, string, string] {
  const at = name.search(/[:@]/);
  return at < 0 ? [name, '', ''] : [name.slice(0, at), name[at]!, name.slice(at + 1)];
}

export function shortScope(scope: string): string {
  if (scope === LOGGED) return 'l';
  const [kind, , id] = head(scope);
  const short = scopeKinds[kind];
  return short ? `${short}:${id}` : `=${scope}`;
}

export function longScope(short: string): string {
  if (short.startsWith('=')) return short.slice(1);
  if (short === 'l') return LOGGED;
  const [kind, , id] = head(short);
  return `${scopeLong[kind]}:${id}`;
}

/** Counter names: the first word (and a referral level after it) shortened; ids are kept. */
export function shortCounter(name: string): string {
  const [word, sep, rest] = head(name);
  const short = counterWords[word];
  if (!short) return `=${name}`;
  if ((word === 'reached' || word === 'cohort') && sep === ':') {
    const [level, sep2, tail] = head(rest);
    return `${short}:${levelWords[level] ?? `=${level}`}${sep2}${tail}`;
  }
  return `${short}${sep}${rest}`;
}

export function longCounter(short: string): string {
  if (short.startsWith('=')) return short.slice(1);
  const [word, sep, rest] = head(short);
  const long = counterLong[word]!;
  if ((long === 'reached' || long === 'cohort') && sep === ':') {
    const [level, sep2, tail] = head(rest);
    return `${long}:${level.startsWith('=') ? level.slice(1) : levelLong[level]}${sep2}${tail}`;
  }
  return `${long}${sep}${rest}`;
}

/**
 * Participant codes are upper case (Æ, Ø and Å too); keys must be lower case. An upper-case letter
 * is stored lower case, a lower-case one after a '^', and anything else a key cannot hold as
 * '^x<hex>;'. Digits and other caseless characters stay.
 */
export function codeKey(code: string): string {
  let out = '';
  for (const ch of code) {
    const lower = ch.toLowerCase();
    if (ch === '^' || ch === '"' || ch === '\\') out += `^x${ch.codePointAt(0)!.toString(16)};`;
    else if (lower !== ch) out += lower.length === ch.length && lower.toUpperCase() === ch ? lower : `^x${ch.codePointAt(0)!.toString(16)};`;
    else if (ch.toUpperCase() !== ch) out += `^${ch}`;
    else out += ch;
  }
  return out;
}

export function codeOfKey(key: string): string {
  // Most codes hold no escape; upper-casing the whole key then gives what the loop below would.
  if (!key.includes('^')) return key.toUpperCase();
  return key.replace(/\^x([0-9a-f]+);|\^(.)|(.)/gsu, (_, hex: string | undefined, escaped: string | undefined, plain: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : (escaped ?? plain!.toUpperCase()),
  );
}

const DAY = /^d(\d\d):(.+)$/;
const monthIndex = (month: string) => Number(month.slice(5, 7)) - 1;

/** The increments one contribution makes (before its sign). */
export function summaryWritesOf(planId: string, c: Contribution): SummaryWrite[] {
  const year = c.month.slice(0, 4);
  const scope = shortScope(c.scope);
  const index = monthIndex(c.month);
  const out: SummaryWrite[] = [];
  for (const [name, value] of Object.entries(c.counters)) {
    if (!value) continue;
    const day = DAY.exec(name);
    if (day) out.push({ docId: summaryDaysId(planId, c.month), field: 'd', key: `${scope}|${shortCounter(day[2]!)}|${day[1]}`, value });
    else out.push({ docId: isDestinationCounter(name) ? summaryReferralsId(planId, year) : summaryYearId(planId, year), field: 'm', key: `${scope}|${shortCounter(name)}`, index, value });
  }
  for (const [org, value] of Object.entries(c.organisations)) if (value) out.push({ docId: summaryYearId(planId, year), field: 'o', key: `${scope}|${org}`, index, value });
  for (const [code, value] of Object.entries(c.codes)) if (value) out.push({ docId: summaryPeopleId(planId, year), field: 'p', key: `${scope}|${codeKey(code)}`, index, value });
  return out;
}

export function emptySummaryDoc(planId: string, docId: string): SummaryDoc {
  const [kind, , period] = docId.split('|') as [string, string, string];
  if (kind === 'summary-days') return { id: docId, planId, type: 'summaryDays', month: period, d: {} };
  if (kind === 'summary-people') return { id: docId, planId, type: 'summaryPeople', year: period, p: {} };
  if (kind === 'summary-referrals') return { id: docId, planId, type: 'summaryReferrals', year: period, m: {} };
  // A new summary keeps the figures from the start: its year's detail documents start with it.
  return { id: docId, planId, type: 'summary', year: period, m: {}, o: {}, u: {}, ps: 0, t: {}, tp: {}, rs: 0 };
}

/** Adds increments into documents held in memory (a new document, a rebuild, a repair). */
export function addWrites(docs: Map<string, SummaryDoc>, planId: string, writes: SummaryWrite[], sign: 1 | -1 = 1): void {
  for (const w of writes) {
    const doc = docs.get(w.docId) ?? docs.set(w.docId, emptySummaryDoc(planId, w.docId)).get(w.docId)!;
    const field = (doc as unknown as Record<SummaryField, Record<string, number | number[]>>)[w.field];
    if (w.index === undefined) {
      const next = ((field[w.key] as number | undefined) ?? 0) + sign * w.value;
      if (next) field[w.key] = next;
      else delete field[w.key];
    } else {
      const months = (field[w.key] as number[] | undefined) ?? new Array<number>(12).fill(0);
      months[w.index] = (months[w.index] ?? 0) + sign * w.value;
      if (months.every((n) => n === 0)) delete field[w.key];
      else field[w.key] = months;
    }
  }
}

/** The stored documents for a set of rollups: what a rebuild writes. */
export function summaryDocsOf(planId: string, rollups: Iterable<Rollup>): Map<string, SummaryDoc> {
  const docs = new Map<string, SummaryDoc>();
  for (const r of rollups) addWrites(docs, planId, summaryWritesOf(planId, r));
  return docs;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A key is `<scope>|<rest>`; scopes never hold a '|'. */
const splitKey = (key: string): [string, string] => {
  const bar = key.indexOf('|');
  return [key.slice(0, bar), key.slice(bar + 1)];
};

/**
 * The rollups of the months from..to (YYYY-MM) held in these documents: the inverse of
 * summaryDocsOf. `withCodes: false` leaves the participant codes out, for codeSeriesFromSummary.
 */
export function rollupsFromSummary(planId: string, docs: SummaryDoc[], fromMonth = '0000-00', toMonth = '9999-99', withCodes = true): Rollup[] {
  // Every status converts its documents, so names are expanded once per key, not once per month.
  const out: Rollup[] = [];
  /** Per short scope: its long name and its rollups by month. */
  const scopes = new Map<string, { scope: string; months: Map<string, Rollup> }>();
  const scopeOf = (short: string) => {
    let entry = scopes.get(short);
    if (!entry) scopes.set(short, (entry = { scope: longScope(short), months: new Map() }));
    return entry;
  };
  const at = (entry: { scope: string; months: Map<string, Rollup> }, month: string) => {
    let r = entry.months.get(month);
    if (!r) {
      r = { id: rollupId(entry.scope, month), planId, type: 'rollup', scope: entry.scope, month, counters: {}, codes: {}, organisations: {} };
      entry.months.set(month, r);
      out.push(r);
    }
    return r;
  };
  /** The rollups of the year's months in range with a value in `months`, with that value. */
  const eachMonth = (year: string, short: string, months: number[], add: (r: Rollup, value: number) => void) => {
    const names = monthNames(year);
    let entry: ReturnType<typeof scopeOf> | undefined;
    for (let i = 0; i < months.length; i++) {
      if (!months[i]) continue;
      const month = names[i]!;
      if (month >= fromMonth && month <= toMonth) add(at((entry ??= scopeOf(short)), month), months[i]!);
    }
  };
  // The referral counters a summary keeps for its plan's pairs, unless the year's detail is here too.
  const detailYears = new Set(docs.flatMap((d) => (d.type === 'summaryReferrals' ? [d.year] : [])));
  for (const doc of docs) {
    if (doc.type === 'summary' || doc.type === 'summaryReferrals') {
      const kept = doc.type === 'summary' && !detailYears.has(doc.year) ? Object.entries(doc.t ?? {}) : [];
      for (const [key, months] of [...Object.entries(doc.m), ...kept]) {
        const [scope, counter] = splitKey(key);
        const name = longCounter(counter);
        eachMonth(doc.year, scope, months, (r, value) => (r.counters[name] = value));
      }
      for (const [key, months] of Object.entries(doc.type === 'summary' ? doc.o : {})) {
        const [scope, org] = splitKey(key);
        eachMonth(doc.year, scope, months, (r, value) => (r.organisations[org] = value));
      }
    } else if (doc.type === 'summaryPeople') {
      if (!withCodes) continue;
      for (const [key, months] of Object.entries(doc.p)) {
        const [scope, code] = splitKey(key);
        const person = codeOfKey(code);
        eachMonth(doc.year, scope, months, (r, value) => (r.codes[person] = value));
      }
    } else if (doc.month >= fromMonth && doc.month <= toMonth) {
      for (const [key, value] of Object.entries(doc.d)) {
        if (!value) continue;
        const [scope, rest] = splitKey(key);
        const [counter, day] = [rest.slice(0, -3), rest.slice(-2)];
        at(scopeOf(scope), doc.month).counters[`d${day}:${longCounter(counter)}`] = value;
      }
    }
  }
  return out;
}

const monthNamesOf = new Map<string, string[]>();
/** `2025-01` … `2025-12`. */
function monthNames(year: string): string[] {
  let names = monthNamesOf.get(year);
  if (!names) monthNamesOf.set(year, (names = Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`)));
  return names;
}

/**
 * The participant codes of the months from..to held in these documents, as RollupIndex's series:
 * each stored twelve-month array is taken as it is, where spreading it over a rollup per month
 * cost most of a status at a hundred times the logs.
 */
export function codeSeriesFromSummary(docs: SummaryDoc[], fromMonth = '0000-00', toMonth = '9999-99'): CodeSeries {
  const people = docs.filter((d): d is SummaryPeople => d.type === 'summaryPeople').sort((a, b) => a.year.localeCompare(b.year));
  const perScope = new Map<string, { years: string[]; byCode: Map<string, Map<string, number[]>> }>();
  for (const doc of people) {
    for (const [key, months] of Object.entries(doc.p)) {
      const [short, code] = splitKey(key);
      let entry = perScope.get(short);
      if (!entry) perScope.set(short, (entry = { years: [], byCode: new Map() }));
      if (entry.years.at(-1) !== doc.year) entry.years.push(doc.year);
      const person = codeOfKey(code);
      const byYear = entry.byCode.get(person) ?? entry.byCode.set(person, new Map()).get(person)!;
      byYear.set(doc.year, months);
    }
  }
  const out: CodeSeries = new Map();
  for (const [short, { years, byCode }] of perScope) {
    const slots = years.flatMap((year) => monthNames(year).map((month, i) => ({ year, i, month }))).filter((s) => s.month >= fromMonth && s.month <= toMonth);
    const series = new Map<string, number[]>();
    for (const [person, byYear] of byCode) series.set(person, slots.map((s) => byYear.get(s.year)?.[s.i] ?? 0));
    out.set(longScope(short), { months: slots.map((s) => s.month), byCode: series });
  }
  return out;
}


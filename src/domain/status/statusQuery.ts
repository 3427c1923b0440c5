import { addMonths, isValidIsoDate, type DateRange, type IsoDate } from '../calendar';
import type { Plan } from '../plan/schema';
import type { StatusScope } from './planStatus';

/**
 * Reads what a leader asks for: `status`, `status Din Fritid`, `status 2025`, `status sidste
 * kvartal`, `status siden 1. september`, and plain Danish questions ("hvordan går det med Din
 * Fritid?", "hvor mange er brobygget til foreninger i år?", "hvilke milepæle er forsinket?").
 * Deterministic: no model is asked.
 */
export type StatusQuery =
  | { kind: 'status'; scope: StatusScope; scopeName?: string; period: DateRange; periodLabel: string; wholePlan?: boolean }
  | { kind: 'count'; measure: 'referred' | 'started' | 'participants' | 'meetings'; toKind?: string; toText?: string; scope: StatusScope; scopeName?: string; period: DateRange; periodLabel: string }
  | { kind: 'overdueMilestones' }
  | { kind: 'unknownScope'; text: string };

const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const monthsEn = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthIndex = (word: string) => Math.max(months.indexOf(word), monthsEn.indexOf(word));

const pad = (n: number) => String(n).padStart(2, '0');
const endOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
const quarter = (y: number, q: number): DateRange => ({ from: `${y}-${pad(q * 3 - 2)}-01`, to: endOfMonth(y, q * 3) });

/**
 * A word boundary that knows Danish letters: JavaScript's \b counts only ASCII letters, so
 * "forældrecafé" would end a word at "for" and "går" would never match.
 */
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
/** A pattern whose \b marks are Unicode-aware boundaries. */
export const words = (pattern: string, flags = '') => new RegExp(pattern.replace(/\\b/g, (_m, offset: number) => (offset === 0 || pattern[offset - 1] === '(' || pattern[offset - 1] === '|' ? B : E)), `${flags}u`);

export function normalise(text: string): string {
  return text.toLowerCase().replace(/[?!,.:;"()]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The year a status defaults to: this year while the plan runs, else its last (or first) year. */
export function defaultYear(today: IsoDate, plan?: Plan): number {
  const y = Number(today.slice(0, 4));
  if (!plan) return y;
  if (today > plan.period.end) return Number(plan.period.end.slice(0, 4));
  if (today < plan.period.start) return Number(plan.period.start.slice(0, 4));
  return y;
}

interface FoundPeriod {
  period: DateRange;
  label: string;
  wholePlan?: boolean;
}

/** Finds a period phrase; returns it and the text without it. Default: this year, or an ended plan's last year. */
export function parsePeriod(text: string, today: IsoDate, plan?: Plan): FoundPeriod & { rest: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.ceil(m / 3);
  const rules: [RegExp, (match: RegExpExecArray) => FoundPeriod | undefined][] = [
    [words('\\b(i )?(hele )?(plan ?perioden|planens periode|hele perioden|whole plan( period)?|the plan period)\\b'), () =>
      plan ? { period: { from: plan.period.start, to: plan.period.end }, label: `hele planperioden ${plan.period.start.slice(0, 4)}–${plan.period.end.slice(0, 4)}`, wholePlan: true } : undefined],
    [words('\\bsiden (\\d{1,2}) ?\\.? ?([a-zæø]+)(?: (20\\d\\d))?\\b'), (x) => {
      const mi = monthIndex(x[2]!);
      if (mi < 0) return undefined;
      let year = x[3] ? Number(x[3]) : y;
      let from = `${year}-${pad(mi + 1)}-${pad(Number(x[1]))}`;
      if (!x[3] && from > today) from = `${(year -= 1)}-${pad(mi + 1)}-${pad(Number(x[1]))}`;
      return isValidIsoDate(from) ? { period: { from, to: today }, label: `siden ${Number(x[1])}. ${months[mi]} ${year}` } : undefined;
    }],
    [words('\\b(sidste|forrige|last) (kvartal|quarter)\\b'), () => {
      const lq = q === 1 ? { y: y - 1, q: 4 } : { y, q: q - 1 };
      return { period: quarter(lq.y, lq.q), label: `${lq.q}. kvartal ${lq.y}` };
    }],
    [words('\\b(dette|this) (kvartal|quarter)\\b'), () => ({ period: quarter(y, q), label: `${q}. kvartal ${y}` })],
    [words('\\b(?:q([1-4])|([1-4])\\.? kvartal)(?: (20\\d\\d))?\\b'), (x) => {
      const qq = Number(x[1] ?? x[2]);
      const yy = x[3] ? Number(x[3]) : defaultYear(today, plan);
      return { period: quarter(yy, qq), label: `${qq}. kvartal ${yy}` };
    }],
    [words('\\b(sidste|forrige|last) (måned|month)\\b'), () => {
      const d = addMonths(`${today.slice(0, 7)}-01`, -1);
      return { period: { from: d, to: endOfMonth(Number(d.slice(0, 4)), Number(d.slice(5, 7))) }, label: `${months[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}` };
    }],
    [words('\\b(denne|this) (måned|month)\\b'), () => ({ period: { from: `${today.slice(0, 7)}-01`, to: endOfMonth(y, m) }, label: `${months[m - 1]} ${y}` })],
    [words('\\b(sidste år|i fjor|last year)\\b'), () => ({ period: { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` }, label: String(y - 1) })],
    [words('\\b(i år|this year)\\b'), () => ({ period: { from: `${y}-01-01`, to: `${y}-12-31` }, label: String(y) })],
    // "2024-2028", "2024–2028", "2024 til 2028": a span of years.
    [words('\\b(?:fra )?(20\\d\\d) ?(?:-|–|—|til|to) ?(20\\d\\d)\\b'), (x) => {
      const [a, b] = [Number(x[1]), Number(x[2])];
      return a <= b ? { period: { from: `${a}-01-01`, to: `${b}-12-31` }, label: `${a}–${b}` } : undefined;
    }],
    [words('\\b(?:i )?(20\\d\\d)\\b'), (x) => ({ period: { from: `${x[1]}-01-01`, to: `${x[1]}-12-31` }, label: x[1]! })],
  ];
  for (const [re, make] of rules) {
    const match = re.exec(text);
    if (!match) continue;
    const found = make(match);
    if (found) return { ...found, rest: normalise(text.replace(match[0], ' ')) };
  }
  const dy = defaultYear(today, plan);
  return { period: { from: `${dy}-01-01`, to: `${dy}-12-31` }, label: String(dy), rest: text };
}

interface Named {
  scope: StatusScope;
  name: string;
  words: string[];
}

function namesOf(plan: Plan): Named[] {
  return [
    ...plan.focusAreas.map((f) => ({ scope: { kind: 'focusArea' as const, id: f.id }, name: f.name, words: [f.name, ...f.aliases, f.id] })),
    ...plan.activities.map((a) => ({ scope: { kind: 'activity' as const, id: a.id }, name: a.name, words: [a.name, ...a.aliases, a.id] })),
    ...plan.networks.map((n) => ({ scope: { kind: 'network' as const, id: n.id }, name: n.name, words: [n.name, ...n.aliases, n.id] })),
  ];
}

/** The focus area, activity or network a phrase names, loosely: the longest name it contains or is contained in. */
export function matchScope(plan: Plan, phrase: string): Named | undefined {
  const p = normalise(phrase).replace(/-/g, ' ');
  if (!p) return undefined;
  let best: { named: Named; score: number } | undefined;
  for (const named of namesOf(plan)) {
    for (const word of named.words) {
      const w = normalise(word).replace(/-/g, ' ');
      if (w.length < 3) continue;
      const score = p === w ? 1000 + w.length : p.includes(w) ? w.length : w.includes(p) && p.length >= 4 ? p.length - 0.5 : 0;
      if (score > (best?.score ?? 0)) best = { named, score };
    }
  }
  return best?.named;
}

const leadingFillers = words('^(?:(?:status|hvordan|går|gar|det|med|for|i|how|is|are|it|going|with|on|the|of)\\b ?)+');
const filler = words('\\b(status|med|for|på|i|the|of|on|hvordan|går|gar|det|how|is|are|it|going|with)\\b', 'g');

export function parseStatusQuery(text: string, plan: Plan, today: IsoDate): StatusQuery {
  const t = normalise(text);
  if (words('\\bmilep(æ|ae)le?\\b|\\bmilestones?\\b').test(t) && /(forsink|overskred|bagud|overdue|late)/.test(t)) return { kind: 'overdueMilestones' };
  const { period, label, rest, wholePlan } = parsePeriod(t, today, plan);

  const howMany = words('^(hvor mange|how many)\\b').exec(rest);
  if (howMany) {
    const r = rest.slice(howMany[0].length);
    const measure = /(brobyg|indmeld|startet|bridged)/.test(r) ? 'started' : /(henvis|referred)/.test(r) ? 'referred' : /(møde|meeting)/.test(r) ? 'meetings' : 'participants';
    const to = words('\\btil ([a-zæøå -]+?)(?: er| har|$)').exec(r)?.[1]?.trim();
    const toKind = to && /forening/.test(to) ? 'association' : to && /skole/.test(to) ? 'school' : undefined;
    const scopeMatch = measure === 'participants' || measure === 'meetings' ? matchScope(plan, r.replace(words('\\b(deltagere|deltog|børn|unge|voksne|beboere|har|er|der|været|møder|holdt)\\b', 'g'), ' ')) : undefined;
    return { kind: 'count', measure, ...(toKind ? { toKind } : {}), ...(to && !toKind ? { toText: to } : {}), scope: scopeMatch?.scope ?? { kind: 'plan' }, ...(scopeMatch ? { scopeName: scopeMatch.name } : {}), period, periodLabel: label };
  }

  const phrase = rest.replace(filler, ' ').replace(/\s+/g, ' ').trim();
  const whole = wholePlan ? { wholePlan } : {};
  if (!phrase) return { kind: 'status', scope: { kind: 'plan' }, period, periodLabel: label, ...whole };
  // A name may hold a filler word itself ("Forældre for Forandring"): try it with only the leading ones gone first.
  const named = matchScope(plan, rest.replace(leadingFillers, '').trim()) ?? matchScope(plan, phrase);
  if (!named) return { kind: 'unknownScope', text: phrase };
  return { kind: 'status', scope: named.scope, scopeName: named.name, period, periodLabel: label, ...whole };
}

/**
 * E-mail addresses, also written to slip past a filter: navn (at) domæne.dk, navn[at]domæne.dk,
 * navn @ domæne.dk, navn＠domæne.dk (folded by NFKC before this runs), navn at domæne dot dk,
 * navn snabel-a domæne.dk, and domains in any script (IDN, xn--). Scanning from each "@" keeps it
 * linear: no pattern runs over the whole text with nested repetition.
 */

// A spelled-out dot becomes U+E000 (a private-use character), a dot we know was hidden on purpose.
// The text has one space where it had any run of white space (see hasEmail), so " ?" is enough;
// a leading "\s*" would make these quadratic on long runs of spaces.
const bracketedAt = / ?[([{<] ?(?:at|a|@|snabel-?a) ?[)\]}>] ?/giu;
const bracketedDot = / ?[([{<] ?(?:dot|punktum|prik|\.) ?[)\]}>] ?/giu;
const spelledDot = / (?:dot|punktum|prik) /giu;
const spacedAt = / ?@ ?| snabel-?a /giu;
const HIDDEN_DOT = '\uE000';

const localPart = /[\p{L}\p{N}._%+'-]+$/u;
const domain = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?[.\uE000])+(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}])/uy;
const bareAt = /(?<=[\p{L}\p{N}]) at (?=[\p{L}\p{N}])/giu;
// Where most private addresses live; "mette at gmail.com" is an address, "husk at kk.dk …" is Danish.
const mailProviders = /(?:^|[.\uE000])(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|icloud|me|mail|proton|protonmail|gmx|aol|jubii|stofanet|webspeed|youmail|privat)[.\uE000]/iu;

function domainAt(text: string, index: number): string | undefined {
  domain.lastIndex = index;
  return domain.exec(text)?.[0];
}

export function hasEmail(normalised: string): boolean {
  // Each rewrite runs only when its trigger is in the text at all; most notes have none.
  let text = normalised.replace(/ {2,}/g, ' ');
  if (/[([{<]/.test(text)) text = text.replace(bracketedAt, '@').replace(bracketedDot, HIDDEN_DOT);
  if (/ (?:dot|punktum|prik) /i.test(text)) text = text.replace(spelledDot, HIDDEN_DOT);
  if (/@|snabel/i.test(text)) text = text.replace(spacedAt, '@');
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (localPart.test(text.slice(Math.max(0, at - 64), at)) && domainAt(text, at + 1)) return true;
  }
  // "at" is also a common Danish word ("husk at …"), so the bare form needs one more sign:
  // a spelled-out dot, a local part with dots, digits or dashes, or a mail provider's domain.
  for (const m of text.matchAll(bareAt)) {
    const host = domainAt(text, m.index + m[0].length);
    if (!host) continue;
    const local = localPart.exec(text.slice(Math.max(0, m.index - 64), m.index))?.[0] ?? '';
    if (host.includes(HIDDEN_DOT) || /[._%+\d-]/.test(local) || mailProviders.test(`.${host}`)) return true;
  }
  return false;
}

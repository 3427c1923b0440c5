/**
 * Two jobs, kept apart on purpose:
 * - `cleanStoredText` decides what of a free text is stored: it only removes characters that are
 *   unsafe to keep (control characters, lone surrogates, bidirectional overrides).
 * - `normaliseForCheck` produces a throw-away copy for the personal-data guard, folded so that
 *   the many ways of writing one digit, dash or "@" look the same. It is never stored or shown.
 *
 * Hand-written rather than a library: NFKC is built into JavaScript, and the remaining folds
 * (all decimal digits to ASCII, separators, look-alike letters inside numbers) are a few lines.
 * A confusables table (npm has several) maps look-alike letters everywhere in a text; we need a
 * handful of them, and only inside numbers, where Danish words never are.
 */

/**
 * Stripped, not refused: C0/C1 control characters (tab, line feed and carriage return are kept,
 * multi-line notes need them), lone surrogate halves, and the bidirectional embeddings, overrides
 * and isolates U+202A–U+202E and U+2066–U+2069. None of them is visible in Teams' text box, so a
 * refusal would ask the user to remove something they cannot see or find; none carries meaning a
 * note needs; and without them the stored text reads in the order it was typed, which is what an
 * override would hide (a "Trojan source" text shown to colleagues, an export that cannot be opened,
 * a NUL that cuts a string short elsewhere). The guard checks the stripped text (and, for
 * overrides, the text as shown: see visualReading), so nothing can hide behind them either.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const unsafeForStorage = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanStoredText(text: string): string {
  return text.replace(unsafeForStorage, '');
}

// A right-to-left embedding, override or isolate up to its end (nesting read as one level).
const rightToLeftSegment = /[\u202B\u202E\u2067]([^\u202A-\u202E\u2066-\u2069]*)[\u202C\u2069]?/g;

/**
 * The text as it shows on screen when it holds right-to-left overrides: "\u202E4321-091010" shows
 * as 010190-1234. Stripping the override stores the typed order, which hides the number from the
 * eye but not from anyone who reverses it, so the guard reads this version too.
 */
export function visualReading(text: string): string | undefined {
  if (!/[\u202B\u202E\u2067]/.test(text)) return undefined;
  return cleanStoredText(text.replace(rightToLeftSegment, (_m, inner: string) => [...inner].reverse().join('')));
}

// Invisible characters (zero-width space and joiners, soft hyphen, word joiner, variation
// selectors, Hangul fillers, braille blank) and combining marks: removed from the check copy, so
// that "0101\u200B90-1234" reads as the digits it shows.
const invisible = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/gu;
const dashes = /[\p{Pd}\u2212\u2043\u02D7\uFE63\uFF0D]/gu;
const dots = /[\u00B7\u0387\u2024\u2027\u2219\u22C5\u30FB\u3002\uFF61]/gu;
const slashes = /[\\\u2044\u2215\u29F8\uFF0F]/gu;
const spaces = /\s/gu;
const nonAsciiDigit = /(?![0-9])\p{Nd}/gu;

/**
 * The value of any Unicode decimal digit. Unicode encodes every decimal digit set as ten
 * consecutive code points from 0 to 9 (a stability guarantee), so counting back to the start of
 * the block gives the value; the result is cached per code point.
 */
const digitValues = new Map<number, string>();
const isDecimalDigit = (cp: number) => /\p{Nd}/u.test(String.fromCodePoint(cp));
function asciiDigit(char: string): string {
  const cp = char.codePointAt(0)!;
  let value = digitValues.get(cp);
  if (value === undefined) {
    let run = 0;
    while (isDecimalDigit(cp - run - 1)) run++;
    value = String(run % 10);
    digitValues.set(cp, value);
  }
  return value;
}

// Letters that stand for 0 and 1 when typed among digits: Latin, Greek and Cyrillic O, I, l.
const lookAlikes: Record<string, string> = { O: '0', o: '0', Ο: '0', ο: '0', О: '0', о: '0', l: '1', I: '1', Ι: '1', І: '1', і: '1' };
// Whole words of digits and look-alikes, joined by separators: "O1O19O-1234", "0 1 O 1 9 0".
const cluster = /(?<![\p{L}\p{N}])[0-9OoΟοОоlIΙІі]+(?![\p{L}\p{N}])(?:[-./ ]+[0-9OoΟοОоlIΙІі]+(?![\p{L}\p{N}]))*/gu;

/**
 * Look-alike letters count as digits inside a number: in a word made of digits and look-alikes
 * ("O1O19O"), and as a lone letter between digits spaced one by one ("0 1 O 1 9 0"). A lone
 * look-alike next to a longer number is left alone: Danish "I 2026" is "in 2026", not "12026".
 */
function foldCluster(match: string): string {
  if (!/[0-9]/.test(match) || !/[^-./ 0-9]/.test(match)) return match;
  const words = match.split(/([-./ ]+)/);
  // words alternates word, separator, word, …
  const count = (words.length + 1) / 2;
  return words
    .map((w, i) => {
      if (i % 2 === 1 || !/[^0-9]/.test(w)) return w;
      const k = i / 2;
      const neighbours = [k > 0 ? words[i - 2]! : undefined, k < count - 1 ? words[i + 2]! : undefined].filter((n) => n !== undefined);
      if (w.length === 1 && (neighbours.length === 0 || (neighbours.length === 1 && neighbours[0]!.length > 1))) return w;
      return [...w].map((c) => lookAlikes[c] ?? c).join('');
    })
    .join('');
}

// Text of printable ASCII and Latin-1 letters (most notes) has nothing for NFKC, the invisible
// characters, the digit scripts or the separators to fold, so it skips those passes.
const plainText = /^[\x20-\x7E\u00C0-\u00FF]*$/;

/**
 * The check copy: NFKC (full-width and mathematical digits, "＠", ligatures), invisible characters
 * removed, every decimal digit in ASCII, every dash, dot, slash and space in one ASCII form, and
 * look-alike letters inside numbers read as digits.
 */
export function normaliseForCheck(text: string): string {
  return checkCopy(text).text;
}

/**
 * The check copy, and whether look-alike letters were read as digits: nobody writes a date or a
 * season that way ("2012-2O13"), so such a text gets no harmless reading of its numbers.
 */
export function checkCopy(text: string): { text: string; disguised: boolean } {
  const folded = plainText.test(text)
    ? text.replace(/\\/g, '/')
    : text
        .normalize('NFKC')
        .replace(invisible, '')
        .replace(nonAsciiDigit, asciiDigit)
        .replace(dashes, '-')
        .replace(dots, '.')
        .replace(slashes, '/')
        .replace(spaces, ' ');
  const checked = folded.replace(cluster, foldCluster);
  return { text: checked, disguised: checked !== folded };
}

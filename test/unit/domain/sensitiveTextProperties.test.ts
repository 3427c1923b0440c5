import fc from 'fast-check';
import { checkFreeText } from '../../../src/domain/privacy/freeText';
import type { FieldError } from '../../../src/domain/fieldErrors';

/**
 * Generated disguises of CPR numbers, e-mail addresses and phone numbers: other digit scripts,
 * every kind of dash, dot, slash and space, invisible characters, look-alike letters, brackets
 * and spelled-out words, inside ordinary Danish sentences. Each must be refused with the right
 * reason. The layouts are the ones people type (docs/roles-and-privacy.md lists them).
 */
const RUNS = 10_000;

const refusal = (text: string) => {
  const errors: FieldError[] = [];
  const stored = checkFreeText('note', text, 4000, errors);
  return { stored, code: errors[0]?.code };
};

// Zero, as written in the scripts people paste from: ASCII, full-width, Arabic-Indic, Extended
// Arabic-Indic, Devanagari, Bengali, Thai, Myanmar, mathematical bold and monospace.
const zeros = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1040, 0x1d7ce, 0x1d7f6];
const lookAlikes: Record<string, string[]> = { '0': ['O', 'o', 'О', 'Ο'], '1': ['l', 'I', 'І'] };
const invisibles = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u034F', '\u180E', '\u0000', '\u202D', '\u2066', '\u2069'];
const separators = ['-', '–', '—', '\u2011', '\u2010', '−', '.', '·', '/', '⁄', ' ', '\u00A0', '\u202F', '\u2009', '\u3000', ' - ', ' / ', '．', '／', '－', '  '];

/** One digit, in a script, or as a look-alike letter. */
const digitArb = (d: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...zeros).map((z) => String.fromCodePoint(z + Number(d))) },
    { weight: lookAlikes[d] ? 2 : 0, arbitrary: fc.constantFrom(...(lookAlikes[d] ?? ['x'])) },
  );

/** The digits written digit by digit, each maybe followed by an invisible character. */
const written = (digits: string) =>
  fc.tuple(...[...digits].map((d) => fc.tuple(digitArb(d), fc.option(fc.constantFrom(...invisibles), { freq: 6 })))).map((parts) => parts.map(([c, z]) => c + (z ?? '')).join(''));

/** Splits digits into groups of the given sizes and joins them: one separator inside the date part, maybe another before the rest. */
function grouped(digits: string, sizes: number[], inner: string, outer: string, outerAt: number): fc.Arbitrary<string> {
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    groups.push(digits.slice(at, at + size));
    at += size;
  }
  return fc.tuple(...groups.map(written)).map((ws) => ws.map((w, i) => (i === 0 ? w : (i === outerAt ? outer : inner) + w)).join(''));
}

const sentence = (number: fc.Arbitrary<string>, before: string[], after: string[]) =>
  fc.tuple(fc.constantFrom(...before), number, fc.constantFrom(...after)).map(([b, n, a]) => `${b}${n}${a}`);

describe('disguised personal data', () => {
  it(`refuses ${RUNS} generated CPR numbers`, () => {
    const birthDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z') });
    // Layouts with the index of the group the outer separator comes before (the serial number).
    const layouts: [number[], number][] = [[[6, 4], 1], [[2, 2, 2, 4], 3], [[2, 2, 2, 2, 2], 3], [[10], 1], [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 6], [[3, 3, 4], 2], [[2, 4, 4], 2], [[4, 2, 4], 2]];
    const cpr = fc
      .tuple(birthDate, fc.integer({ min: 0, max: 9999 }), fc.constantFrom(...layouts), fc.constantFrom(...separators), fc.constantFrom(...separators), fc.boolean())
      .chain(([date, serial, [sizes, outerAt], inner, outer, sameSeparator]) => {
        const iso = date.toISOString();
        const digits = `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}${String(serial).padStart(4, '0')}`;
        // Pairs (01 01 90 12 34) are typed with one separator throughout, as 01.01.90 12.34 would be a date and a time.
        const outerSep = sameSeparator || sizes.length === 5 ? inner : outer;
        return grouped(digits, sizes, inner, outerSep, outerAt).map((text) => ({ digits, text }));
      });
    fc.assert(
      fc.property(sentence(cpr.map((c) => c.text), ['', 'cpr ', 'Drengen (', 'nr. ', 'Mor til ', 'CPR-nr: ', 'Hun har '], ['', ')', ' kom i dag.', '.', ' – ring hvis nej', '\nFint møde']), (text) => {
        const { stored, code } = refusal(text);
        expect(stored).toBeUndefined();
        expect(code).toBe('containsCpr');
      }),
      { numRuns: RUNS },
    );
  });

  it(`refuses ${RUNS} generated e-mail addresses`, () => {
    const local = fc.constantFrom('navn', 'mette', 'jens.hansen', 'ali_1987', 'mor', 'familien.larsen', 'k.b', 'kontakt', 'ahmed-92', 'søren', 'anne+logbog');
    const domain = fc.constantFrom(['domæne', 'dk'], ['example', 'com'], ['gmail', 'com'], ['hotmail', 'dk'], ['kk', 'dk'], ['bolig-nord', 'dk'], ['例え', 'テスト'], ['пример', 'рф'], ['xn--d1acufc', 'xn--p1ai'], ['skole', 'københavn'], ['firma', 'co', 'uk']);
    const at = fc.constantFrom('@', ' @ ', '＠', '﹫', '(at)', ' (at) ', '[at]', ' [at] ', '{at}', '<at>', '(AT)', ' [At] ', '(a)', ' (@) ', ' snabel-a ');
    const dot = fc.constantFrom('.', '．', ' dot ', ' (dot) ', '[dot]', ' punktum ', ' DOT ');
    // "at" alone is also a Danish word, so it counts with a spelled-out dot (navn at domæne dot dk).
    const spelled = fc.tuple(fc.constant(' at '), fc.constantFrom(' dot ', ' (dot) ', ' punktum ', ' prik '));
    const address = fc
      .tuple(local, domain, fc.oneof({ weight: 4, arbitrary: fc.tuple(at, dot) }, { weight: 1, arbitrary: spelled }), fc.option(fc.constantFrom(...invisibles), { freq: 3 }), fc.nat(), fc.boolean())
      .map(([l, d, [a, dt], invisible, where, wide]) => {
        let text = `${l}${a}${d.join(dt)}`;
        if (invisible) {
          const i = 1 + (where % (text.length - 1));
          text = text.slice(0, i) + invisible + text.slice(i);
        }
        // Full-width letters, folded back by NFKC.
        return wide ? text.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : text;
      });
    fc.assert(
      fc.property(sentence(address, ['', 'skriv til ', 'Mail: ', 'Moren (', 'kontakt '], ['', ')', ' hvis der er spørgsmål.', '.', '\nTak for i dag']), (text) => {
        const { stored, code } = refusal(text);
        expect(stored).toBeUndefined();
        expect(code).toBe('containsEmail');
      }),
      { numRuns: RUNS },
    );
  });

  it(`refuses ${RUNS} generated phone numbers`, () => {
    // Danish subscriber numbers are eight digits starting with 2-9.
    const digits = fc.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 9_999_999 })).map(([first, rest]) => `${first}${String(rest).padStart(7, '0')}`);
    const layouts = [[8], [2, 2, 2, 2], [4, 4], [3, 3, 2], [2, 3, 3], [1, 1, 1, 1, 1, 1, 1, 1]];
    const prefix = fc.constantFrom('', '', '+45 ', '+45', '0045 ', '+45-', '(+45) ', '＋４５ ');
    const phone = fc
      .tuple(digits, fc.constantFrom(...layouts), fc.constantFrom(...separators), prefix)
      // 12.345.678 reads as an amount; a phone number is not written in dotted thousands.
      .filter(([, sizes, sep]) => !(sizes.join() === '2,3,3' && /^[.·．]$/.test(sep)))
      .chain(([d, sizes, sep, p]) => grouped(d, sizes, sep, sep, -1).map((text) => `${p}${text}`));
    fc.assert(
      fc.property(sentence(phone, ['', 'ring til mor på ', 'tlf. ', 'Mobil: ', 'Farens nummer er ', 'Hun kan træffes på '], ['', ' efter kl. 16.', '.', ' (mor)', '\nHusk lektiecafé']), (text) => {
        const { stored, code } = refusal(text);
        expect(stored).toBeUndefined();
        expect(code).toBe('containsPhone');
      }),
      { numRuns: RUNS },
    );
  });
});

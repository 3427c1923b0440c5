import { checkFreeText } from '../../../src/domain/privacy/freeText';
import { cleanStoredText, normaliseForCheck } from '../../../src/domain/privacy/normaliseText';
import { findSensitiveData } from '../../../src/domain/privacy/sensitiveText';
import type { FieldError } from '../../../src/domain/fieldErrors';

/** Every shape the attack on a live copy got through, and the harmless text it wrongly refused. */
describe('finding personal identifiers in free text', () => {
  it.each([
    ['with a dash', 'Drengen (010203-1234) kom med sin mor'],
    ['without a dash', 'cpr 0102031234'],
    ['with a space', 'nr. 311299 1234'],
    ['with dots in the date', '01.01.90-1234'],
    ['with a slash', '010190/1234'],
    ['with an en dash', '010190–1234'],
    ['with an em dash', '010190—1234'],
    ['with a minus sign', '010190−1234'],
    ['with a non-breaking hyphen', '010190\u20111234'],
    ['with a soft hyphen', '010190\u00AD1234'],
    ['with a non-breaking space', '010190\u00A01234'],
    ['in full-width digits', '０１０１９０-１２３４'],
    ['in Arabic-Indic digits', '٠١٠١٩٠-١٢٣٤'],
    ['in Extended Arabic-Indic digits', '۰۱۰۱۹۰-۱۲۳۴'],
    ['in Devanagari digits', '०१०१९०-१२३४'],
    ['in mathematical digits', '𝟎𝟏𝟎𝟏𝟗𝟎-𝟏𝟐𝟑𝟒'],
    ['with a zero-width space inside', '0101\u200B90-1234'],
    ['with a zero-width joiner and a word joiner inside', '01\u200D0190\u20601234'],
    ['with the letter O for zero', 'O1O19O-1234'],
    ['with l and I for one', '0l0I90-l234'],
    ['with Cyrillic О for zero', 'О1О19О-1234'],
    ['with digits spaced one by one', '0 1 0 1 9 0 1 2 3 4'],
    ['spaced one by one with look-alike letters', 'O 1 O 1 9 O - 1 2 3 4'],
    ['grouped like a phone number', '010 190 1234'],
    ['in pairs', '01 01 90 12 34'],
    ['with the year in full', '01.01.1990-1234'],
    ['with a NUL inside', '010190\u00001234'],
  ])('finds a CPR number %s', (_name, text) => {
    expect(findSensitiveData(cleanStoredText(text))).toBe('cpr');
  });

  it('does not take ten digits that cannot be a birth date for a CPR number', () => {
    const notCprBecauseDay32 = 'sag 3213991234 i systemet';
    expect(findSensitiveData(notCprBecauseDay32)).toBeUndefined();
  });

  it.each([
    ['plainly', 'skriv til mor@example.dk'],
    ['with (at)', 'navn (at) domæne.dk'],
    ['with [at]', 'navn[at]domæne.dk'],
    ['with {AT} in capitals', 'navn{AT}domæne.dk'],
    ['with (a)', 'navn(a)domæne.dk'],
    ['with spaces around @', 'navn @ domæne.dk'],
    ['with a full-width ＠', 'navn＠domæne.dk'],
    ['with a small ﹫', 'navn﹫domæne.dk'],
    ['with at and dot spelled out', 'navn at domæne dot dk'],
    ['with (at) and (dot)', 'navn (at) domæne (dot) dk'],
    ['with snabel-a', 'navn snabel-a domæne.dk'],
    ['with punktum', 'navn@domæne punktum dk'],
    ['at a mail provider, "at" spelled out', 'mette at gmail.com'],
    ['with a dotted local part, "at" spelled out', 'jens.hansen at kk.dk'],
    ['with a Cyrillic top-level domain', 'navn@пример.рф'],
    ['with a Japanese domain', 'navn@例え.テスト'],
    ['with a punycode domain', 'navn@xn--d1acufc.xn--p1ai'],
    ['with a zero-width space inside', 'navn@dom\u200Bæne.dk'],
    ['in full-width letters', 'ｎａｖｎ＠ｄｏｍａｉｎ．ｄｋ'],
  ])('finds an e-mail address %s', (_name, text) => {
    expect(findSensitiveData(text)).toBe('email');
  });

  it.each([
    ['ring 12 34 56 78'],
    ['tlf. 12345678'],
    ['+45 12 34 56 78'],
    ['+4512345678'],
    ['0045 1234 5678'],
    ['12.34.56.78'],
    ['123 456 78'],
    ['12/34/56/78'],
    ['12-34-56-78'],
    ['1234 5678'],
    ['１２３４５６７８'],
    ['٢٠٣٠٤٠٥٠'],
    ['1234\u200B5678'],
    ['2O 3O 4O 5O'],
    ['1 2 3 4 5 6 7 8'],
    ['mor: 20 30 40 50'],
    ['24.12.05.06'],
    ['12112026'],
  ])('finds the phone number in "%s"', (text) => {
    expect(findSensitiveData(text)).toBe('phone');
  });

  it.each([
    'Næste gang 2026-12-03',
    '12-11-2026',
    'Næste gang 12-11-2026 kl. 16',
    '17 børn, heraf 3 nye. Næste gang 24.06.2025 kl. 16-18 i Voldparken.',
    '3.12.2026 16.30-18.00',
    '03.12.26 16.30',
    '03.12.26 16-18',
    '01.12.26-31.12.26',
    '2024-11-04 - 2024-11-29',
    '3.-5.12.2026',
    'kl. 16-19',
    '1.250 kr.',
    '12.500,50 kr.',
    '12.500.000 kr.',
    'Rentemestervej 12, 2400 København NV',
    'sæson 2025-2026',
    'uge 48-49 2026',
    'J.nr. 2025-0412',
    'CVR 12345678',
    'I 2026 kom 12 nye',
    'Husk at kk.dk har åbent',
    'Vi aftalte at mødes igen i uge 12.',
  ])('lets "%s" through', (text) => {
    expect(findSensitiveData(text)).toBeUndefined();
  });
});

describe('the check copy', () => {
  it('reads every digit script, dash, dot, slash and space in one ASCII form', () => {
    expect(normaliseForCheck('٠١٢\u2013३४\u3002５\uFF0F6\u00A07')).toBe('012-34.5/6 7');
  });

  it('reads look-alike letters as digits only inside numbers', () => {
    expect(normaliseForCheck('O1O19O og Ole')).toBe('010190 og Ole');
    expect(normaliseForCheck('I 2026 var vi i Holbergskolen')).toBe('I 2026 var vi i Holbergskolen');
  });

  it('gives a number written with look-alike letters no harmless reading: 2012-2O13 is a phone number, 2012-2013 a season', () => {
    expect(findSensitiveData('Ring 2012-2O13')).toBe('phone');
    expect(findSensitiveData('Sæsonen 2012-2013 var god')).toBeUndefined();
  });
});

describe('what a free text stores', () => {
  const check = (raw: string) => {
    const errors: FieldError[] = [];
    return { text: checkFreeText('note', raw, 1000, errors), errors };
  };

  it('strips NUL and other control characters but keeps line breaks and tabs', () => {
    expect(check('17 børn\u0000\u0007\r\n\tfint vejr\u007F\u0085')).toEqual({ text: '17 børn\r\n\tfint vejr', errors: [] });
  });

  it('strips lone surrogates and keeps whole pairs', () => {
    expect(check('sjov dag \uD83D\uDE00 \uD83D og \uDE00 slut')).toEqual({ text: 'sjov dag 😀  og  slut', errors: [] });
  });

  it('strips bidirectional embeddings, overrides and isolates, so the text reads as typed', () => {
    expect(check('Møde \u202Aa\u202Bb\u202Cc\u202Dd\u202Ee\u2066f\u2067g\u2068h\u2069 slut')).toEqual({ text: 'Møde abcdefgh slut', errors: [] });
  });

  it('refuses a phone number hidden behind a bidirectional override', () => {
    expect(check('ring \u202E87654321\u202C').errors).toEqual([{ field: 'note', code: 'containsPhone' }]);
  });

  it('refuses a CPR number that only shows as one through a right-to-left override', () => {
    expect(check('Drengen \u202E4321-091010\u202C kom').errors).toEqual([{ field: 'note', code: 'containsCpr' }]);
  });

  it('measures the length after stripping', () => {
    expect(check(`${'a'.repeat(1000)}\u0000\u0000`)).toEqual({ text: 'a'.repeat(1000), errors: [] });
  });
});

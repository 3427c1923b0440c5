import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFreeText } from '../../../src/domain/privacy/freeText';
import type { FieldError } from '../../../src/domain/fieldErrors';

const notes = readFileSync(join(__dirname, '..', '..', 'fixtures', 'harmlessNotes.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'));

/** Real-sounding notes full of numbers that are not personal data: the guard must store them all. */
describe('harmless Danish notes', () => {
  it('are at least 200 different notes with the numbers the plans are full of', () => {
    expect(notes.length).toBeGreaterThanOrEqual(200);
    expect(new Set(notes).size).toBe(notes.length);
    const having = (re: RegExp) => notes.filter((n) => re.test(n)).length;
    expect(having(/\b20\d\d-\d\d-\d\d\b/)).toBeGreaterThanOrEqual(20); // ISO dates
    expect(having(/\b\d{1,2}\.\d{1,2}\.20\d\d\b/)).toBeGreaterThanOrEqual(20); // 3.12.2026
    expect(having(/\b\d{1,2}[-/]\d{1,2}[-/]20\d\d\b/)).toBeGreaterThanOrEqual(5); // 12-11-2026, 14/3-2026
    expect(having(/\bkl\.? \d/)).toBeGreaterThanOrEqual(20); // times
    expect(having(/\b\d{1,2}\.\d\d\b/)).toBeGreaterThanOrEqual(10); // 16.30
    expect(having(/\d[\d.,]* ?(kr|t\.kr)\b/)).toBeGreaterThanOrEqual(20); // amounts
    expect(having(/\b2[0-9]00 [A-ZÆØÅ]/)).toBeGreaterThanOrEqual(8); // postcodes with a town
    expect(having(/\b[Uu]ge(r|rne)? \d/)).toBeGreaterThanOrEqual(10); // week numbers
  });

  it.each(notes.map((n) => [n]))('stores "%s"', (note) => {
    const errors: FieldError[] = [];
    expect(checkFreeText('note', note, 2000, errors)).toBe(note);
    expect(errors).toEqual([]);
  });
});

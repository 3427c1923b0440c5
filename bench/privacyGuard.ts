import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FieldError } from '../src/domain/fieldErrors';
import { checkFreeText } from '../src/domain/privacy/freeText';
import { summarise, type LatencySummary } from './stats';

const LENGTH = 1000;
const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
const notes = readFileSync(join(__dirname, '..', 'test', 'fixtures', 'harmlessNotes.txt'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));

/** 1,000-character notes: ordinary ones, and the worst shapes for each rule of the guard. */
const inputs: Record<string, string> = {
  'harmless notes (corpus)': fill(`${notes.join(' ')} `),
  'digits spaced one by one': fill('1 2 '),
  'one long digit run with dots': fill('12.'),
  'dates and times back to back': fill('3.12.2026 16.30-18.00 '),
  'many @ signs': fill('a@b'),
  'many bare "at"': fill('x at y.'),
  'look-alike letters and digits': fill('O1 l0 '),
  'invisible characters': fill('1\u200B'),
  'right-to-left overrides': fill('\u202E12'),
};

export function benchPrivacyGuard(rounds: number): Record<string, LatencySummary> {
  const out: Record<string, LatencySummary> = {};
  for (const [name, text] of Object.entries(inputs)) {
    const samples: number[] = [];
    for (let i = 0; i < rounds + 20; i++) {
      const errors: FieldError[] = [];
      const start = performance.now();
      checkFreeText('note', text, 4000, errors);
      if (i >= 20) samples.push(performance.now() - start);
    }
    out[name] = summarise(samples);
  }
  return out;
}

import { rollupsFromRecords, type Rollup } from '../../../src/domain/status/rollups';
import fc from 'fast-check';
import { RollupIndex } from '../../../src/domain/status/rollupIndex';
import { codeKey, codeOfKey, codeSeriesFromSummary, longCounter, rollupsFromSummary, shortCounter, summaryDocsOf } from '../../../src/domain/status/summary';
import { busyLogbook } from '../../support/busyLogbook';
import { loadDemoPlan } from '../../fixtures/plans';

const sorted = (rollups: Iterable<Rollup>) => [...rollups].sort((a, b) => a.id.localeCompare(b.id));

describe('the stored summary', () => {
  test('holds exactly the rollups it was made from: a busy year of every activity, with codes, outcomes and meetings', () => {
    const plan = loadDemoPlan();
    const records = busyLogbook(plan, 2025).map((r, i) => (r.type === 'attendance' ? { ...r, participantCodes: [`AB${i % 50}`, `ab-${i % 3}`, '^"\\'], byAgeBand: { '13-17': 2 }, sessionKind: i % 7 ? undefined : 'festival' } : r));
    const rollups = rollupsFromRecords(plan.id, records);
    expect(rollups.size).toBeGreaterThan(100);
    expect(sorted(rollupsFromSummary(plan.id, [...summaryDocsOf(plan.id, rollups.values()).values()]))).toEqual(sorted(rollups.values()));
  });

  test('keeps one summary document per year, one per month of days, one per year of codes', () => {
    const plan = loadDemoPlan();
    const docs = summaryDocsOf(plan.id, rollupsFromRecords(plan.id, busyLogbook(plan, 2025).map((r) => (r.type === 'attendance' ? { ...r, participantCodes: ['AB1'] } : r))).values());
    const kinds = [...docs.keys()].map((id) => id.split('|')[0]);
    expect(kinds.filter((k) => k === 'summary')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'summary-people')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'summary-days')).toHaveLength(12);
  });

  test.each(['sessions', 'headcount@festival', 'age:65+', 'outcome:job', 'reached:started:offer-fritidsjob', 'cohort:completed', 'ended:org-skolen', 'cohortRetained', 'meetings@quarterly', 'something-new:x'])('shortens the counter name %s and reads it back', (name) => {
    expect(longCounter(shortCounter(name))).toBe(name);
    expect(shortCounter(name)).toBe(shortCounter(name).toLowerCase());
  });

  test.each(['AB12', 'ab12', 'ÆØÅ-æøå', '^"\\x', 'K~1/2', 'İß'])('stores the participant code %s lower case and reads it back', (code) => {
    expect(codeOfKey(codeKey(code))).toBe(code);
    expect(codeKey(code)).toBe(codeKey(code).toLowerCase());
  });

  test('reads back any participant code, with or without an escape in its key (the quick path for keys without one)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (code) => codeOfKey(codeKey(code)) === code));
    fc.assert(fc.property(fc.stringMatching(/^[A-ZÆØÅ0-9-]{1,10}$/), (code) => !codeKey(code).includes('^') && codeOfKey(codeKey(code)) === code));
  });

  test('gives every range and set of activities the same participant codes from the stored arrays as from a rollup per month', () => {
    const plan = loadDemoPlan();
    const records = [2024, 2025].flatMap((year) => busyLogbook(plan, year).map((r, i) => (r.type === 'attendance' ? { ...r, id: `${r.id}-${year}`, participantCodes: [`P${i % 37}`, `Q${(i * 7) % 11}`] } : { ...r, id: `${r.id}-${year}` })));
    const rollups = [...rollupsFromRecords(plan.id, records).values()];
    const docs = [...summaryDocsOf(plan.id, rollups).values()];
    const scopes = plan.activities.map((a) => `activity:${a.id}`);
    const day = fc.integer({ min: 0, max: 730 }).map((n) => new Date(Date.parse('2024-01-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.subarray(scopes, { minLength: 1 }), fc.constantFrom(['2024-01', '2025-12'], ['2024-07', '2025-03'], ['2025-01', '2025-12']), (from, to, chosen, [fromMonth, toMonth]) => {
        const full = new RollupIndex(rollups.filter((r) => r.month >= fromMonth! && r.month <= toMonth!));
        const fromArrays = new RollupIndex(rollupsFromSummary(plan.id, docs, fromMonth, toMonth, false), undefined, codeSeriesFromSummary(docs, fromMonth, toMonth));
        const a = full.codes(chosen, from, to);
        const b = fromArrays.codes(chosen, from, to);
        return a.size === b.size && [...a].every(([code, n]) => b.get(code) === n);
      }),
    );
  });
});


import fc from 'fast-check';
import { keptFiguresFrom, keptFiguresOf, pairChanges, peopleChange, referralPairsOf } from '../../../src/domain/status/keptFigures';
import { RollupIndex } from '../../../src/domain/status/rollupIndex';
import { rollupsFromRecords } from '../../../src/domain/status/rollups';
import { addWrites, codeSeriesFromSummary, rollupsFromSummary, summaryDocsOf, summaryPeopleId, summaryReferralsId, summaryYearId, type SummaryDoc, type SummaryPeople, type SummaryReferrals, type SummaryWrite, type SummaryYear } from '../../../src/domain/status/summary';
import { busyLogbook } from '../../support/busyLogbook';
import { loadDemoPlan, loadPlanFile, planFiles } from '../../fixtures/plans';

const PLAN = 'p';
const peopleId = summaryPeopleId(PLAN, '2025');

/** One patch of the codes: a session of `codes` in activity `a:<scope>`, month `month`, added (1) or taken back (-1). */
const patchOf = (scope: string, codes: string[], month: number): SummaryWrite[] => codes.map((code) => ({ docId: peopleId, field: 'p', key: `a:${scope}|${code}`, index: month, value: 1 }));

describe('the figures a summary keeps of its detail', () => {
  test('follow the participant codes exactly through any order of sessions logged and taken back, one patch at a time', () => {
    const session = fc.record({ scope: fc.constantFrom('lektiecafe', 'fodbold'), codes: fc.uniqueArray(fc.constantFrom('a1', 'b2', 'c3', 'd4', 'e5'), { minLength: 1, maxLength: 4 }), month: fc.integer({ min: 0, max: 11 }) });
    fc.assert(
      fc.property(fc.array(session, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 15 }), (sessions, removals) => {
        const docs = new Map<string, SummaryDoc>();
        const summary = new Map<string, SummaryDoc>();
        const apply = (writes: SummaryWrite[], sign: 1 | -1) => {
          addWrites(docs, PLAN, writes, sign);
          const after = (docs.get(peopleId) as SummaryPeople | undefined)?.p ?? {};
          addWrites(summary, PLAN, peopleChange(PLAN, '2025', after, writes, sign));
        };
        const logged = sessions.map((s) => patchOf(s.scope, s.codes, s.month));
        logged.forEach((w) => apply(w, 1));
        // Taking a session back: its codes go, and with them anyone it was the only session of.
        const gone = new Set(removals.map((r) => r % Math.max(1, logged.length)).filter((i) => i < logged.length));
        for (const i of gone) apply(logged[i]!, -1);
        const expected = keptFiguresOf(docs.get(peopleId) as SummaryPeople | undefined, undefined, []).u;
        const kept = (summary.get(summaryYearId(PLAN, '2025')) as SummaryYear | undefined)?.u ?? {};
        const nonZero = (u: Record<string, number[]>) => Object.fromEntries(Object.entries(u).filter(([, m]) => m.some((n) => n !== 0)));
        expect(nonZero(kept)).toEqual(nonZero(expected));
      }),
    );
  });

  test('count, from January to any month and in any one month, the distinct people of one activity that its codes count', () => {
    const plan = loadDemoPlan();
    const records = busyLogbook(plan, 2025).map((r, i) => (r.type === 'attendance' ? { ...r, participantCodes: [`P${i % 41}`, `Q${(i * 7) % 13}`] } : r));
    const docs = [...summaryDocsOf(PLAN, rollupsFromRecords(PLAN, records).values()).values()];
    const summary = docs.find((d): d is SummaryYear => d.type === 'summary')!;
    Object.assign(summary, keptFiguresOf(docs.find((d): d is SummaryPeople => d.type === 'summaryPeople'), undefined, []));
    const withCodes = new RollupIndex(rollupsFromSummary(PLAN, docs, '2025-01', '2025-12', false), undefined, codeSeriesFromSummary(docs, '2025-01', '2025-12'));
    const fromSummary = new RollupIndex(rollupsFromSummary(PLAN, [summary], '2025-01', '2025-12', false), { years: new Set(['2025']), dayMonths: new Set(), codeYears: new Set(), referralYears: new Set() }, new Map(), keptFiguresFrom([summary]));
    let counted = 0;
    for (const a of plan.activities) {
      for (let m = 1; m <= 12; m++) {
        const month = `2025-${String(m).padStart(2, '0')}`;
        const scopes = [`activity:${a.id}`];
        expect(fromSummary.distinctPeople(scopes, '2025-01-01', `${month}-28`)).toBe(withCodes.codes(scopes, '2025-01-01', `${month}-28`).size);
        expect(fromSummary.distinctPeople(scopes, `${month}-01`, `${month}-01`)).toBe(withCodes.codes(scopes, `${month}-01`, `${month}-01`).size);
        counted += withCodes.codes(scopes, `${month}-01`, `${month}-01`).size;
      }
    }
    expect(counted).toBeGreaterThan(100);
    expect(fromSummary.missing.size).toBe(0);
    // Two activities, or a period starting after January: the codes are asked for.
    fromSummary.distinctPeople(plan.activities.slice(0, 2).map((a) => `activity:${a.id}`), '2025-01-01', '2025-06-30');
    fromSummary.distinctPeople([`activity:${plan.activities[0]!.id}`], '2025-03-01', '2025-06-30');
    expect([...fromSummary.missing]).toEqual(['codes:2025']);
  });

  test("hold the referral counters of a plan's named pairs as the detail has them, and give them to a status without the detail", () => {
    const referrals: SummaryReferrals = { id: summaryReferralsId(PLAN, '2025'), planId: PLAN, type: 'summaryReferrals', year: '2025', m: { 'r:klub|r:2:offer-fritidsjob': [0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3], 'r:klub|r:1:offer-praktik': [5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, n: 7 };
    const kept = keptFiguresOf(undefined, referrals, ['r:klub|offer-fritidsjob']);
    expect(kept.tp).toEqual({ 'r:klub|offer-fritidsjob': 1 });
    expect(kept.rs).toBe(7);
    expect(kept.t['r:klub|r:2:offer-fritidsjob']).toEqual(referrals.m['r:klub|r:2:offer-fritidsjob']);
    // All nine counters of the pair, so an increment of any finds its array.
    expect(Object.keys(kept.t)).toHaveLength(9);
    expect(Object.keys(kept.t).some((k) => k.includes('praktik'))).toBe(false);
    const summary: SummaryYear = { id: summaryYearId(PLAN, '2025'), planId: PLAN, type: 'summary', year: '2025', m: { 'r:klub|r:1': [5, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3] }, o: {}, ...kept };
    const idx = new RollupIndex(rollupsFromSummary(PLAN, [summary], '2025-01', '2025-12'), { years: new Set(['2025']), dayMonths: new Set(), codeYears: new Set(), referralYears: new Set() }, new Map(), keptFiguresFrom([summary]));
    expect(idx.sumMonths('referrals:klub', 'reached:started:offer-fritidsjob', '2025-01-01', '2025-12-31')).toBe(6);
    expect(idx.missing.size).toBe(0);
    expect(idx.sumMonths('referrals:klub', 'reached:referred:offer-praktik', '2025-01-01', '2025-12-31')).toBe(0);
    expect([...idx.missing]).toEqual(['referrals:2025']);
  });

  test('send each referral increment per destination to the pair it belongs to', () => {
    const writes: SummaryWrite[] = [
      { docId: summaryReferralsId(PLAN, '2025'), field: 'm', key: 'r:klub|r:2:offer-fritidsjob', index: 3, value: 1 },
      { docId: summaryReferralsId(PLAN, '2025'), field: 'm', key: 'r:klub|e:offer-fritidsjob', index: 5, value: 1 },
      { docId: summaryReferralsId(PLAN, '2025'), field: 'm', key: 'r:org-kommunen|c:1:org-skolen', index: 3, value: 1 },
    ];
    const byPair = pairChanges(PLAN, '2025', writes);
    expect([...byPair.keys()]).toEqual(['r:klub|offer-fritidsjob', 'r:org-kommunen|org-skolen']);
    expect(byPair.get('r:klub|offer-fritidsjob')!.map((w) => [w.docId, w.field, w.key])).toEqual([
      [summaryYearId(PLAN, '2025'), 't', 'r:klub|r:2:offer-fritidsjob'],
      [summaryYearId(PLAN, '2025'), 't', 'r:klub|e:offer-fritidsjob'],
    ]);
  });

  test("name the activity–offer pairs of the plan's referral targets, and leave out those counting every source", () => {
    const plan = loadPlanFile(planFiles.husumTingbjerg);
    const pairs = referralPairsOf(plan);
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    expect(pairs.every((p) => /^r:[a-z0-9-]+\|offer-[a-z0-9-]+$/.test(p))).toBe(true);
    for (const offer of ['fritidsjob', 'praktik-cafeen', 'virksomhedspraktik', 'forening', 'fritidscenter-klub']) expect(pairs.some((p) => p.endsWith(`|offer-${offer}`))).toBe(true);
  });
});

import type { Container } from '@azure/cosmos';
import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import type { ReferralRecord } from '../../src/domain/records/referral';
import { keptFiguresOf, pairChanges, peopleChange } from '../../src/domain/status/keptFigures';
import { rollupId, rollupsFromRecords, type Contribution } from '../../src/domain/status/rollups';
import { summaryPeopleId, summaryReferralsId, summaryYearId, type SummaryPeople, type SummaryReferrals, type SummaryYear } from '../../src/domain/status/summary';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { CosmosRollupRepository } from '../../src/store/cosmos/cosmosRollupRepository';
import { incrementKept, pairGuard, peopleGuard } from '../../src/store/cosmos/keptFigureIncrements';
import { incrementCounted } from '../../src/store/cosmos/summaryIncrements';
import { openTestStore } from '../support/embeddedStore';

const everything = { from: '0000-01-01', to: '9999-12-31' };
const activities = ['lektiecafe', 'fodbold', 'pigeklub'];
const PAIRS = ['r:lektiecafe|offer-fritidsjob', 'r:fodbold|offer-lommepengejob', 'r:pigeklub|offer-fritidsjob'];

const session = (planId: string, i: number): AttendanceRecord => ({
  id: `attendance-${i}`, planId, type: 'attendance', activityId: activities[i % 3]!, date: `2025-${String((i % 11) + 1).padStart(2, '0')}-1${i % 10}`, headcount: 5 + (i % 9),
  participantCodes: [`AB${i % 25}`, `CD${i % 7}`, `EF${(i * 13) % 40}`], loggedBy: `user-${i % 9}`, loggedAt: '2025-06-10T16:00:00Z',
});
const referral = (planId: string, i: number): ReferralRecord => ({
  id: `referral-${i}`, planId, type: 'referral', from: { activityId: activities[i % 3]! }, to: { offerId: i % 2 ? 'fritidsjob' : 'lommepengejob' }, ageBand: '13-17', consentBasis: 'anonymous', date: `2025-0${(i % 3) + 2}-0${(i % 9) + 1}`,
  status: i % 3 ? 'started' : 'referred', history: [{ status: 'referred', date: `2025-0${(i % 3) + 2}-0${(i % 9) + 1}`, by: 'x' }, ...(i % 3 ? [{ status: 'started' as const, date: '2025-07-01', by: 'x' }] : [])], followUpDate: '2026-01-01', loggedBy: 'x', loggedAt: '2025-06-10T16:00:00Z',
});

type Store = Awaited<ReturnType<typeof openTestStore>>;

/** The container, but the first read of `docId` is followed, before it returns, by `meanwhile`. */
function afterFirstRead(container: Container, docId: string, meanwhile: () => Promise<void>): Container {
  let fired = false;
  return new Proxy(container, {
    get(target, prop) {
      if (prop !== 'item') return Reflect.get(target, prop);
      return (id: string, partition: string) => {
        const item = target.item(id, partition);
        if (id !== docId) return item;
        return new Proxy(item, {
          get: (t, p) =>
            p !== 'read'
              ? Reflect.get(t, p)
              : async (...args: unknown[]) => {
                  const read = await (t.read as (...a: unknown[]) => Promise<unknown>)(...args);
                  if (!fired) {
                    fired = true;
                    await meanwhile();
                  }
                  return read;
                },
        });
      };
    },
  });
}

async function stored(store: Store, planId: string) {
  await store.settle();
  const container = store.database.container(containerDefinitions.rollups.id);
  const read = async <T extends { id: string }>(id: string) => (await container.item(id, planId).read<T>()).resource;
  const [summary, people, referrals] = [await read<SummaryYear>(summaryYearId(planId, '2025')), await read<SummaryPeople>(summaryPeopleId(planId, '2025')), await read<SummaryReferrals>(summaryReferralsId(planId, '2025'))];
  const nonZero = (o: Record<string, number[]> | undefined) => Object.fromEntries(Object.entries(o ?? {}).filter(([, m]) => m.some((n) => n !== 0)));
  const truth = keptFiguresOf(people, referrals, Object.keys(summary!.tp ?? {}));
  return { summary: summary!, kept: { u: nonZero(summary!.u), t: nonZero(summary!.t), tp: summary!.tp }, truth: { u: nonZero(truth.u), t: nonZero(truth.t), tp: truth.tp } };
}

/** The summary's kept figures (keptFigures.ts) on the embedded Cosmos server through the real SDK. */
describe("the figures a summary keeps of its year's codes and referrals", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => store.close());

  it('stay exactly what its detail documents hold while many write, correct and delete at once and the figures are taken again meanwhile', async () => {
    const planId = 'kept-many';
    const first = [session(planId, 0), referral(planId, 0)];
    for (const r of first) await store.repos.records.createOnce(r);
    await store.settle();
    await store.repos.rollups.keepFigures(planId, ['2025'], PAIRS);
    // The app's repository takes them after the call returns (a status asks and goes on).
    await store.settle();
    const records = [...Array.from({ length: 80 }, (_, i) => session(planId, i + 1)), ...Array.from({ length: 30 }, (_, i) => referral(planId, i + 1))];
    // Taken again while the writes land: a write is either in what is read or adds itself after.
    const retakes = () => Array.from({ length: 4 }, () => store.repos.rollups.keepFigures(planId, ['2025']));
    const created = await Promise.allSettled([...records.map((r) => store.repos.records.createOnce(r)), ...retakes()]);
    expect(created.filter((r) => r.status === 'rejected')).toEqual([]);
    const versions = await Promise.all(records.slice(0, 40).map((r) => store.repos.records.get(planId, r.id)));
    const changes = versions.map((v, i) => {
      const record = v!.record;
      if (i % 2) return store.repos.records.remove(planId, record.id, v!.etag);
      const corrected = record.type === 'attendance' ? { ...record, date: '2025-01-05', participantCodes: ['ZZ1', `AB${i}`] } : record.type === 'referral' ? { ...record, to: { offerId: 'fritidsjob' } } : record;
      return store.repos.records.replace(corrected, v!.etag);
    });
    expect(await Promise.all([...changes, ...retakes()])).toEqual([...changes.map(() => 'ok'), undefined, undefined, undefined, undefined]);

    const { kept, truth } = await stored(store, planId);
    expect(Object.keys(kept.u).length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(kept.t).length).toBeGreaterThan(0);
    expect(kept.tp).toEqual(Object.fromEntries(PAIRS.map((p) => [p, 1])));
    expect(kept).toEqual(truth);
    // And what a rebuild from the records takes.
    const left = (await Promise.all((['attendance', 'referral'] as const).map((t) => store.repos.records.listInRange(planId, t, everything)))).flat();
    await store.repos.rollups.replaceAll(planId, [...rollupsFromRecords(planId, left).values()], PAIRS);
    expect((await stored(store, planId)).kept).toEqual(kept);
  }, 180_000);

  it('a change counted in the detail before the figures are taken again, whose share arrives after, is not counted twice', async () => {
    const planId = 'kept-late';
    for (const r of [session(planId, 1), referral(planId, 3)]) await store.repos.records.createOnce(r);
    await store.settle();
    await store.repos.rollups.keepFigures(planId, ['2025'], PAIRS);
    await store.settle();
    const container = store.database.container(containerDefinitions.rollups.id);
    // A session and a referral counted in their detail documents, their shares of the figures still on the way...
    const sessionWrites = [{ docId: summaryPeopleId(planId, '2025'), field: 'p' as const, key: 'a:lektiecafe|late1', index: 0, value: 1 }];
    const [people] = await incrementCounted(container, planId, summaryPeopleId(planId, '2025'), sessionWrites, 1);
    const referralWrites = [{ docId: summaryReferralsId(planId, '2025'), field: 'm' as const, key: 'r:lektiecafe|r:1:offer-fritidsjob', index: 1, value: 1 }];
    const [referrals] = await incrementCounted(container, planId, summaryReferralsId(planId, '2025'), referralWrites, 1);
    // ...while the figures are taken again, with both changes in what is read...
    await store.repos.rollups.keepFigures(planId, ['2025']);
    await store.settle();
    // ...and then the shares arrive.
    const summaryId = summaryYearId(planId, '2025');
    await incrementKept(container, planId, summaryId, peopleChange(planId, '2025', (people!.after as SummaryPeople).p, sessionWrites, 1), 1, peopleGuard(people!.after.n));
    for (const [pair, writes] of pairChanges(planId, '2025', referralWrites)) await incrementKept(container, planId, summaryId, writes, 1, pairGuard(pair, referrals!.after.n));
    const { kept, truth } = await stored(store, planId);
    expect(kept.u['a:lektiecafe|f']![0]).toBeGreaterThan(0);
    // The referral logged in February, and the one counted late.
    expect(kept.t['r:lektiecafe|r:1:offer-fritidsjob']![1]).toBe(2);
    expect(kept).toEqual(truth);
  }, 60_000);

  it('a change of the codes whose share of the kept figures never landed (a crash between the two) is mended by the repair of its month', async () => {
    const planId = 'kept-repair';
    const records = Array.from({ length: 12 }, (_, i) => session(planId, i));
    for (const r of records) await store.repos.records.createOnce(r);
    await store.settle();
    // A session's codes counted, and the process gone before their share of the figures was added.
    const month = records[0]!.date.slice(0, 7);
    const scope = `activity:${records[0]!.activityId}`;
    await incrementCounted(store.database.container(containerDefinitions.rollups.id), planId, summaryPeopleId(planId, '2025'), [{ docId: summaryPeopleId(planId, '2025'), field: 'p', key: `a:${records[0]!.activityId}|new1`, index: Number(month.slice(5)) - 1, value: 1 }], 1);
    const broken = await stored(store, planId);
    expect(broken.kept.u).not.toEqual(broken.truth.u);

    await store.repos.rollups.replaceSome(planId, [rollupId(scope, month)], [...rollupsFromRecords(planId, records).values()].filter((r) => r.scope === scope && r.month === month));
    const mended = await stored(store, planId);
    expect(mended.kept).toEqual(mended.truth);
    expect(mended.summary.ps).toBeGreaterThanOrEqual(13);
  }, 60_000);

  it('a summary written before it kept figures keeps none, and writes leave it so until they are taken', async () => {
    const planId = 'kept-old';
    await store.repos.records.createOnce(session(planId, 1));
    await store.settle();
    const container = store.database.container(containerDefinitions.rollups.id);
    const { resource } = await container.item(summaryYearId(planId, '2025'), planId).read<SummaryYear>();
    const { u: _u, ps: _ps, t: _t, tp: _tp, rs: _rs, ...old } = resource!;
    await container.item(old.id, planId).replace(old);
    await store.repos.records.createOnce(session(planId, 2));
    await store.repos.records.createOnce(referral(planId, 2));
    const before = (await stored(store, planId)).summary;
    expect(before.ps).toBeUndefined();
    expect(before.u).toBeUndefined();
    await store.repos.rollups.keepFigures(planId, ['2025'], PAIRS);
    const after = await stored(store, planId);
    expect(after.summary.tp).toEqual(Object.fromEntries(PAIRS.map((p) => [p, 1])));
    expect(after.kept).toEqual(after.truth);
    expect(Object.keys(after.kept.u).length).toBeGreaterThan(0);
  }, 60_000);

  describe('taken for the first time (a new pair, a summary from before), with a change landing between the detail read and the replace', () => {
    const PAIR = PAIRS[0]!;
    const contribution = (planId: string, scope: string, month: string, counters: Record<string, number>, codes: Record<string, number> = {}): Contribution => ({ scope, month, counters, codes, organisations: {} });
    const repositories = (planId: string, docId: string, meanwhile: (plain: CosmosRollupRepository) => Promise<void>) => {
      const [rollups, records] = [store.database.container(containerDefinitions.rollups.id), store.database.container(containerDefinitions.records.id)];
      const plain = new CosmosRollupRepository(rollups, records);
      return { plain, rollups, hooked: new CosmosRollupRepository(afterFirstRead(rollups, docId, () => meanwhile(plain)), records) };
    };

    it('keeps a referral ending whose share the summary refused, not yet holding its pair', async () => {
      const planId = 'kept-first-pair';
      // A referral's end is counted in the detail only: the summary's ETag does not move with it.
      const { plain, rollups, hooked } = repositories(planId, summaryReferralsId(planId, '2025'), (p) => p.apply(planId, [contribution(planId, 'referrals:lektiecafe', '2025-03', { 'ended:offer-fritidsjob': 1 })], 1));
      await plain.apply(planId, [contribution(planId, 'referrals:lektiecafe', '2025-02', { 'reached:referred': 1, 'reached:referred:offer-fritidsjob': 1 })], 1);
      await hooked.keepFigures(planId, ['2025'], [PAIR]);
      const summary = (await rollups.item(summaryYearId(planId, '2025'), planId).read<SummaryYear>()).resource!;
      const detail = (await rollups.item(summaryReferralsId(planId, '2025'), planId).read<SummaryReferrals>()).resource!;
      expect(detail.m['r:lektiecafe|e:offer-fritidsjob']).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(summary.t).toEqual(keptFiguresOf(undefined, detail, [PAIR]).t);
    }, 60_000);

    it('keeps a new person whose share a summary from before kept figures refused', async () => {
      const planId = 'kept-first-people';
      const session = (code: string, counters: Record<string, number>) => contribution(planId, 'activity:lektiecafe', '2025-03', counters, code ? { [code]: 1 } : {});
      const { plain, rollups, hooked } = repositories(planId, summaryPeopleId(planId, '2025'), (p) => p.apply(planId, [session('CD2', {})], 1));
      await plain.apply(planId, [{ ...session('AB1', { sessions: 1 }), month: '2025-02' }], 1);
      const { resource } = await rollups.item(summaryYearId(planId, '2025'), planId).read<SummaryYear>();
      const { u: _u, ps: _ps, ...old } = resource!;
      await rollups.item(old.id, planId).replace(old);
      // The session's summary counters land first; its codes after the people were read.
      await plain.apply(planId, [session('', { sessions: 1 })], 1);
      await hooked.keepFigures(planId, ['2025'], []);
      const summary = (await rollups.item(summaryYearId(planId, '2025'), planId).read<SummaryYear>()).resource!;
      const people = (await rollups.item(summaryPeopleId(planId, '2025'), planId).read<SummaryPeople>()).resource!;
      expect(Object.keys(people.p)).toHaveLength(2);
      expect(summary.u).toEqual(keptFiguresOf(people, undefined, []).u);
    }, 60_000);
  });
});

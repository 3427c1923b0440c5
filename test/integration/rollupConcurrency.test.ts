import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import { contributionsOf, rollupId, rollupsFromRecords, type Rollup } from '../../src/domain/status/rollups';
import { CosmosRecordRepository } from '../../src/store/cosmos/cosmosRecordRepository';
import { CosmosRollupRepository } from '../../src/store/cosmos/cosmosRollupRepository';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { RollingRecordRepository } from '../../src/store/rollingRecordRepository';
import { WriteBehindRollups } from '../../src/store/writeBehindRollups';
import { repairRollups } from '../../src/usecases/repairRollups';
import { openTestStore } from '../support/embeddedStore';

const session = (planId: string, i: number, date = '2025-06-10'): AttendanceRecord => ({
  id: `attendance-${i}`, planId, type: 'attendance', activityId: 'lektiecafe', date, headcount: 10 + (i % 7), newParticipants: i % 3, participantCodes: [`AB${10 + (i % 20)}`], loggedBy: `user-${i % 20}`, loggedAt: '2025-06-10T16:00:00Z',
});
const everything = { from: '0000-01-01', to: '9999-12-31' };
const sorted = (rollups: Iterable<Rollup>) => [...rollups].sort((a, b) => a.id.localeCompare(b.id));

/**
 * The rollups under load and under failure, on the embedded Cosmos server through the real SDK:
 * increments are atomic, and a record whose rollups could not be written is repaired.
 */
describe('rollups kept by atomic increments', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('200 records written at once to one activity and month all count: the rollup equals a recomputation', async () => {
    const planId = 'concurrent';
    const records = Array.from({ length: 200 }, (_, i) => session(planId, i));
    const results = await Promise.allSettled(records.map((r) => store.repos.records.createOnce(r)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const stored = await store.repos.records.listInRange(planId, 'attendance', everything);
    expect(stored).toHaveLength(200);
    expect(sorted(await store.repos.rollups.inRange(planId, '0000-00', '9999-99'))).toEqual(sorted(rollupsFromRecords(planId, stored).values()));
    expect(await store.repos.rollups.openChanges(planId)).toEqual([]);
  }, 120_000); // correctness under contention, not speed: 200 writers race on one document, slow on a busy machine

  it('a retried create changes nothing, and deletes at once subtract exactly', async () => {
    const planId = 'retries';
    const records = Array.from({ length: 40 }, (_, i) => session(planId, i));
    await Promise.all([...records, ...records].map((r) => store.repos.records.createOnce(r)));
    const versions = await Promise.all(records.slice(0, 15).map((r) => store.repos.records.get(planId, r.id)));
    await Promise.all(versions.map((v) => store.repos.records.remove(planId, v!.record.id, v!.etag)));
    const left = await store.repos.records.listInRange(planId, 'attendance', everything);
    expect(left).toHaveLength(25);
    expect(sorted(await store.repos.rollups.inRange(planId, '0000-00', '9999-99'))).toEqual(sorted(rollupsFromRecords(planId, left).values()));
  });

  it('a record saved when its rollups cannot be written is reported saved, and the repair recomputes them', async () => {
    const planId = 'failing-rollups';
    const recordsContainer = store.database.container(containerDefinitions.records.id);
    const real = new CosmosRollupRepository(store.database.container(containerDefinitions.rollups.id), recordsContainer);
    // The database answers the record's write, then fails before the rollups: the worst moment.
    const failing = new WriteBehindRollups(Object.assign(Object.create(real) as CosmosRollupRepository, { apply: async () => Promise.reject(new Error('database went away')) }));
    const failures: unknown[] = [];
    const records = new RollingRecordRepository(new CosmosRecordRepository(recordsContainer), failing, undefined, (err) => failures.push(err));
    const saved = await records.createOnce(session(planId, 1));
    expect(saved.created).toBe(true);
    await failing.flush();
    expect(failures).toHaveLength(1);
    expect(await store.repos.rollups.inRange(planId, '0000-00', '9999-99')).toEqual([]);
    expect(await store.repos.rollups.openChanges(planId)).toHaveLength(1);

    // A change still under way (younger than the settling time) is left alone.
    expect((await repairRollups(store.repos, planId, new Date())).repaired).toBe(0);
    const report = await repairRollups(store.repos, planId, new Date(Date.now() + 5 * 60_000));
    // The session's activity and month, and the plan's records per day of that month.
    expect(report).toEqual({ planId, repaired: 1, rollups: 2 });
    const stored = await store.repos.records.listInRange(planId, 'attendance', everything);
    expect(sorted(await store.repos.rollups.inRange(planId, '0000-00', '9999-99'))).toEqual(sorted(rollupsFromRecords(planId, stored).values()));
    expect(await store.repos.rollups.openChanges(planId)).toEqual([]);
  });

  it('repairs in one pass a change this version left (its marker beside the record) and one an older version left (its marker in the rollups container)', async () => {
    const planId = 'upgraded';
    const recordsContainer = store.database.container(containerDefinitions.records.id);
    const plain = new CosmosRecordRepository(recordsContainer);
    const at = '2025-06-10T16:00:00.000Z';
    // Two records stored with no increments run: one with this version's marker, one under an older version's marker.
    const [mine, older] = [session(planId, 1), session(planId, 2, '2025-07-01')];
    const touched = (record: typeof mine) => contributionsOf(record).map((c) => rollupId(c.scope, c.month));
    await plain.createOnce(mine, undefined, { id: 'rollup-change|mine', rollupIds: touched(mine), at });
    await plain.createOnce(older);
    await store.database.container(containerDefinitions.rollups.id).items.create({ id: 'rollup-change|older', type: 'rollupChange', planId, rollupIds: touched(older), at });
    expect((await store.repos.rollups.openChanges(planId)).map((c) => c.id).sort()).toEqual(['rollup-change|mine', 'rollup-change|older']);

    expect(await repairRollups(store.repos, planId, new Date(Date.now() + 5 * 60_000))).toEqual({ planId, repaired: 2, rollups: 4 });
    const stored = await store.repos.records.listInRange(planId, 'attendance', everything);
    expect(sorted(await store.repos.rollups.inRange(planId, '0000-00', '9999-99'))).toEqual(sorted(rollupsFromRecords(planId, stored).values()));
    expect(await store.repos.rollups.openChanges(planId)).toEqual([]);
  });
});

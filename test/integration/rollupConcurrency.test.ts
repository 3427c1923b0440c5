import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import { rollupsFromRecords, type Rollup } from '../../src/domain/status/rollups';
import { CosmosRecordRepository } from '../../src/store/cosmos/cosmosRecordRepository';
import { CosmosRollupRepository } from '../../src/store/cosmos/cosmosRollupRepository';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { RollingRecordRepository } from '../../src/store/rollingRecordRepository';
import { repairRollups } from '../../src/usecases/repairRollups';
import type { RollupRepository } from '../../src/usecases/ports';
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
  });

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
    const real = new CosmosRollupRepository(store.database.container(containerDefinitions.rollups.id));
    // The database answers the record's write, then fails before the rollups: the worst moment.
    const failing: RollupRepository = { ...real, beginChange: real.beginChange.bind(real), endChange: real.endChange.bind(real), openChanges: real.openChanges.bind(real), inRange: real.inRange.bind(real), read: real.read.bind(real), replaceAll: real.replaceAll.bind(real), replaceSome: real.replaceSome.bind(real), apply: async () => Promise.reject(new Error('database went away')) };
    const failures: unknown[] = [];
    const records = new RollingRecordRepository(new CosmosRecordRepository(store.database.container(containerDefinitions.records.id)), failing, undefined, (err) => failures.push(err));
    const saved = await records.createOnce(session(planId, 1));
    expect(saved.created).toBe(true);
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
});

import fc from 'fast-check';
import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import type { MeetingRecord } from '../../src/domain/records/meeting';
import type { ReferralRecord, ReferralStatus } from '../../src/domain/records/referral';
import { isEmptyRollup, rollupsFromRecords, type Rollup } from '../../src/domain/status/rollups';
import type { LoggedRecord } from '../../src/usecases/ports';
import { openTestStore } from '../support/embeddedStore';

const PLAN = 'rollup-plan';
const dates = fc.constantFrom('2024-12-31', '2025-01-01', '2025-01-15', '2025-02-28', '2025-03-30', '2025-10-26');
const codes = fc.subarray(['KB17', 'MH22', 'AB33', 'CD44'], { maxLength: 4 });

const attendance = (id: string) =>
  fc.record({ activityId: fc.constantFrom('legepatrulje', 'din-fritid'), date: dates, headcount: fc.integer({ min: 0, max: 40 }), newParticipants: fc.integer({ min: 0, max: 5 }), participantCodes: codes }).map(
    (f): AttendanceRecord => ({ id, planId: PLAN, type: 'attendance', ...f, loggedBy: 'alex', loggedAt: '2025-01-01T10:00:00Z' }),
  );
const meeting = (id: string) =>
  fc.record({ networkId: fc.constantFrom('din-fritid-netvaerk', 'ssp'), date: dates, organisations: fc.subarray(['kff', 'skole', 'klub']) }).map(
    (f): MeetingRecord => ({ id, planId: PLAN, type: 'meeting', ...f, participants: [], othersCount: 0, followUps: [], loggedBy: 'alex', loggedAt: '2025-01-01T10:00:00Z' }),
  );
const paths: ReferralStatus[][] = [['referred'], ['referred', 'started'], ['referred', 'started', 'retained'], ['referred', 'started', 'retained', 'completed'], ['referred', 'interrupted'], ['referred', 'started', 'completed']];
const referral = (id: string) =>
  fc.record({ path: fc.constantFrom(...paths), date: dates, to: fc.constantFrom('forening', 'fritidsjob') }).map(({ path, date, to }): ReferralRecord => {
    const history = path.map((status, i) => ({ status, date: new Date(Date.parse(`${date}T00:00:00Z`) + i * 40 * 86_400_000).toISOString().slice(0, 10), by: 'alex' }));
    return { id, planId: PLAN, type: 'referral', from: { activityId: 'din-fritid' }, to: { offerId: to }, ageBand: '13-17', consentBasis: 'consent', date, status: path[path.length - 1]!, history, followUpDate: '2025-07-01', loggedBy: 'alex', loggedAt: '2025-01-01T10:00:00Z' };
  });

const ids = ['r1', 'r2', 'r3', 'r4', 'r5'];
const recordFor = (id: string) => (id === 'r1' || id === 'r2' ? attendance(id) : id === 'r3' ? meeting(id) : referral(id));
const op = fc.oneof(
  fc.constantFrom(...ids).chain((id) => recordFor(id).map((record) => ({ kind: 'create' as const, record }))),
  fc.constantFrom(...ids).chain((id) => recordFor(id).map((record) => ({ kind: 'edit' as const, record }))),
  fc.constantFrom(...ids).map((id) => ({ kind: 'delete' as const, id })),
);

const normal = (rollups: Iterable<Rollup>) => [...rollups].filter((r) => !isEmptyRollup(r)).sort((a, b) => a.id.localeCompare(b.id));

/**
 * Random creates (some of them retries of a record that exists), edits and deletes, through
 * the same repositories the app uses, on the embedded Cosmos server: the rollups kept on the way
 * always equal a recomputation from the records that are left.
 */
describe('rollups under creates, edits, deletes and retries', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('equal a full recomputation from the records after any sequence', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const planId = `${PLAN}-${run++}`;
        for (const o of ops) {
          if (o.kind === 'create') await store.repos.records.createOnce({ ...o.record, planId } as LoggedRecord);
          else if (o.kind === 'edit') {
            const current = await store.repos.records.get(planId, o.record.id);
            if (current) await store.repos.records.replace({ ...o.record, planId } as LoggedRecord, current.etag);
          } else {
            const current = await store.repos.records.get(planId, o.id);
            if (current) await store.repos.records.remove(planId, o.id, current.etag);
          }
        }
        const left: LoggedRecord[] = [];
        for (const id of ids) {
          const current = await store.repos.records.get(planId, id);
          if (current) left.push(current.record);
        }
        const expected = normal(rollupsFromRecords(planId, left as (AttendanceRecord | MeetingRecord | ReferralRecord)[]).values());
        expect(normal(await store.repos.rollups.inRange(planId, '0000-00', '9999-99'))).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('survive a stale edit: a replace with an old ETag changes neither the record nor the rollups', async () => {
    const planId = `${PLAN}-stale`;
    const first = fc.sample(attendance('s1'), 1)[0]!;
    await store.repos.records.createOnce({ ...first, planId, headcount: 10 });
    const stale = (await store.repos.records.get(planId, 's1'))!.etag;
    await store.repos.records.replace({ ...first, planId, headcount: 12 }, stale);
    expect(await store.repos.records.replace({ ...first, planId, headcount: 99 }, stale)).toBe('conflict');
    const [rollup] = await store.repos.rollups.inRange(planId, '0000-00', '9999-99');
    expect(rollup!.counters.headcount).toBe(12);
  });
});

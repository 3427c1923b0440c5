import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import type { MeetingRecord } from '../../src/domain/records/meeting';
import type { ReferralRecord } from '../../src/domain/records/referral';
import { rollupsFromRecords } from '../../src/domain/status/rollups';
import type { SummaryDoc } from '../../src/domain/status/summary';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { withoutSystemProperties } from '../../src/store/cosmos/systemProperties';
import { openTestStore } from '../support/embeddedStore';

const everything = { from: '0000-01-01', to: '9999-12-31' };
const activities = ['lektiecafe', 'fodbold', 'pigeklub'];
const session = (planId: string, i: number): AttendanceRecord => ({
  id: `attendance-${i}`, planId, type: 'attendance', activityId: activities[i % 3]!, date: `2025-0${(i % 4) + 3}-1${i % 10}`, headcount: 5 + (i % 9), newParticipants: i % 2,
  participantCodes: [`AB${i % 25}`, `CD${i % 7}`], organisations: i % 5 === 0 ? ['boldklubben'] : [], loggedBy: `user-${i % 9}`, loggedAt: '2025-06-10T16:00:00Z',
});
const referral = (planId: string, i: number): ReferralRecord => ({
  id: `referral-${i}`, planId, type: 'referral', from: { activityId: activities[i % 3]! }, to: { offerId: i % 2 ? 'fritidsjob' : 'lommepengejob' }, ageBand: '13-17', consentBasis: 'anonymous', date: `2025-0${(i % 3) + 2}-0${(i % 9) + 1}`,
  status: i % 3 ? 'started' : 'referred', history: [{ status: 'referred', date: `2025-0${(i % 3) + 2}-0${(i % 9) + 1}`, by: 'x' }, ...(i % 3 ? [{ status: 'started' as const, date: '2025-07-01', by: 'x' }] : [])], followUpDate: '2026-01-01', loggedBy: 'x', loggedAt: '2025-06-10T16:00:00Z',
});
const meeting = (planId: string, i: number): MeetingRecord => ({
  id: `meeting-${i}`, planId, type: 'meeting', networkId: 'brobygning', date: `2025-0${(i % 5) + 2}-2${i % 8}`, participants: ['x'], organisations: ['skolen', i % 2 ? 'klubben' : 'biblioteket'], othersCount: 0, followUps: [], loggedBy: 'x', loggedAt: '2025-06-10T16:00:00Z',
});

/** The stored summary documents of a plan, as data: no system properties, no counter back at 0. */
async function summaryOf(store: Awaited<ReturnType<typeof openTestStore>>, planId: string) {
  // Read past the repositories: the increments they finish after a save returns must be in first.
  await store.settle();
  const { resources } = await store.database.container(containerDefinitions.rollups.id).items
    .query<SummaryDoc & Record<string, unknown>>({ query: "SELECT * FROM c WHERE c.planId = @p AND STARTSWITH(c.id, 'summary')", parameters: [{ name: '@p', value: planId }] }, { partitionKey: planId })
    .fetchAll();
  const clean = (o: Record<string, number | number[]>) => Object.fromEntries(Object.entries(o).filter(([, v]) => (Array.isArray(v) ? v.some((n) => n !== 0) : v !== 0)));
  return resources
    .map((r) => withoutSystemProperties<SummaryDoc>(r) as unknown as Record<string, unknown>)
    // Patch numbers (`n`, and the `ps` / `rs` the kept figures were taken at) count writes, not what they hold.
    .map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !['n', 'ps', 'rs'].includes(k)).map(([k, v]) => [k, ['m', 'o', 'p', 'd', 'u', 't'].includes(k) ? clean(v as Record<string, number | number[]>) : v])))
    .filter((d) => ['m', 'o', 'p', 'd'].some((k) => k in d && Object.keys(d[k] as object).length > 0))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/** The summary documents on the embedded Cosmos server through the real SDK: increments from many writers at once, and the rebuild. */
describe('the summary documents', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => store.close());

  it('sessions, referrals and meetings submitted at once, then corrected and deleted at once, leave exactly the documents a rebuild from the records writes', async () => {
    const planId = 'many-writers';
    const records = [...Array.from({ length: 90 }, (_, i) => session(planId, i)), ...Array.from({ length: 30 }, (_, i) => referral(planId, i)), ...Array.from({ length: 20 }, (_, i) => meeting(planId, i))];
    const created = await Promise.allSettled(records.map((r) => store.repos.records.createOnce(r)));
    expect(created.filter((r) => r.status === 'rejected')).toEqual([]);
    // Corrections move headcount, codes and month; deletions take a record's whole contribution back.
    const versions = await Promise.all(records.slice(0, 40).map((r) => store.repos.records.get(planId, r.id)));
    const changes = versions.map((v, i) => {
      const record = v!.record;
      if (i % 2) return store.repos.records.remove(planId, record.id, v!.etag);
      const corrected = record.type === 'attendance' ? { ...record, headcount: record.headcount + 3, date: '2025-09-02', participantCodes: ['ZZ1'] } : record;
      return store.repos.records.replace(corrected, v!.etag);
    });
    expect(await Promise.all(changes)).toEqual(changes.map(() => 'ok'));
    const left = (await Promise.all((['attendance', 'referral', 'meeting'] as const).map((t) => store.repos.records.listInRange(planId, t, everything)))).flat();
    expect(left).toHaveLength(140 - 20);

    const incremental = await summaryOf(store, planId);
    expect(incremental.map((d) => String(d.id).split('|')[0])).toEqual(expect.arrayContaining(['summary', 'summary-days', 'summary-people', 'summary-referrals']));
    await store.repos.rollups.replaceAll(planId, [...rollupsFromRecords(planId, left).values()]);
    expect(await summaryOf(store, planId)).toEqual(incremental);
  }, 180_000);

  it('a deleted session takes its codes, its day and its month back out of the summary', async () => {
    const planId = 'take-back';
    const only = session(planId, 1);
    await store.repos.records.createOnce(only);
    expect((await summaryOf(store, planId)).length).toBe(3);
    const stored = await store.repos.records.get(planId, only.id);
    expect(await store.repos.records.remove(planId, only.id, stored!.etag)).toBe('ok');
    expect(await summaryOf(store, planId)).toEqual([]);
    expect(await store.repos.rollups.inRange(planId, '0000-00', '9999-99')).toEqual([]);
  }, 60_000);
});

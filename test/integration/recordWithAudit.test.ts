import { BulkOperationType } from '@azure/cosmos';
import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import { auditEntry } from '../../src/domain/records/audit';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { CosmosRecordRepository } from '../../src/store/cosmos/cosmosRecordRepository';
import { openCountingStore, type RequestCounter } from '../support/countingStore';
import type { CosmosStore } from '../../src/store/cosmos/connect';

const PLAN = 'husum-tingbjerg-2024-2028';
const session = (id: string, headcount = 12): AttendanceRecord => ({ id, planId: PLAN, type: 'attendance', activityId: 'din-fritid', date: '2025-06-10', headcount, participantCodes: ['AB12'], loggedBy: 'alex-wilber', loggedAt: '2025-06-16T08:00:00.000Z' });
const created = (record: AttendanceRecord) => auditEntry({ planId: PLAN, at: record.loggedAt, actor: record.loggedBy, action: 'create', recordType: 'attendance', recordId: record.id, discriminator: 'first', after: record });

describe('a record and its audit entry, written in one transactional batch', () => {
  let store: CosmosStore;
  let counter: RequestCounter;
  beforeEach(async () => {
    ({ store, counter } = await openCountingStore());
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores both in one round trip, the entry without the person codes', async () => {
    const record = session('attendance-one');
    counter.enabled = true;
    const result = await store.repositories.records.createOnce(record, created(record));
    await store.settle();
    // The batch also holds the rollup change marker, removed once the rollups' increments are in.
    expect(counter.requests.filter((r) => r.container !== 'rollups')).toEqual([
      { operation: 'batch', container: 'records' },
      { operation: 'delete', container: 'records' },
    ]);
    expect(result).toEqual({ created: true, record });
    expect((await store.repositories.records.get(PLAN, record.id))?.record).toEqual(record);
    const [entry] = await store.repositories.audit.listForRecord(PLAN, record.id);
    expect(entry).toMatchObject({ action: 'create', recordId: record.id, after: { headcount: 12, participantCodesCount: 1 } });
    expect(entry!.after).not.toHaveProperty('participantCodes');
  });

  it('stores neither when the database refuses the audit entry after the record', async () => {
    const record = session('attendance-two');
    // The audit entry's operation is made one the database refuses (400), so the batch fails after the record's operation ran.
    counter.nextBatch = ([stored, logged]) => [stored!, { ...logged!, operationType: 'Refused' }];
    await expect(store.repositories.records.createOnce(record, created(record))).rejects.toMatchObject({ code: 400 });
    expect(await store.repositories.records.get(PLAN, record.id)).toBeUndefined();
    expect(await store.repositories.audit.listForRecord(PLAN, record.id)).toEqual([]);
  });

  it('stores one record and one entry when the same submission is stored twice, and keeps the first values', async () => {
    const first = session('attendance-three', 12);
    const again = session('attendance-three', 99);
    await store.repositories.records.createOnce(first, created(first));
    const retry = await store.repositories.records.createOnce(again, created(again));
    expect(retry).toEqual({ created: false, record: first });
    expect(await store.repositories.audit.listForRecord(PLAN, first.id)).toHaveLength(1);
    expect((await store.repositories.records.listInRange(PLAN, 'attendance', { from: '2025-01-01', to: '2025-12-31' })).map((r) => r.headcount)).toEqual([12]);
  });

  it('stores one record and one entry when the same submission arrives twice at once', async () => {
    const record = session('attendance-four');
    const results = await Promise.all([store.repositories.records.createOnce(record, created(record)), store.repositories.records.createOnce(record, created(record))]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await store.repositories.audit.listForRecord(PLAN, record.id)).toHaveLength(1);
  });

  it('keeps audit entries out of the record queries', async () => {
    const record = session('attendance-five');
    await store.repositories.records.createOnce(record, created(record));
    expect(await store.repositories.records.listByAuthor(PLAN, 'alex-wilber', 10)).toEqual([record]);
    expect(await store.repositories.records.listInRange(PLAN, 'attendance', { from: '2025-01-01', to: '2025-12-31' })).toEqual([record]);
    expect(await store.repositories.records.listWithPersonCodesBefore(PLAN, '2026-01-01')).toEqual([record]);
  });

  it('keeps a rollup change marker stored in the record\'s batch out of the record queries, and finds it as an open change', async () => {
    const record = session('attendance-six');
    const marker = { id: 'rollup-change|kept', rollupIds: ['activity:din-fritid|2025-06'], at: '2025-06-16T08:00:00.000Z' };
    // Straight to the Cosmos repository: a change whose increments never ran (the process died after the batch).
    const records = new CosmosRecordRepository(store.database.container(containerDefinitions.records.id));
    expect(await records.createOnce(record, created(record), marker)).toEqual({ created: true, record });
    expect(await store.repositories.rollups.openChanges(PLAN)).toEqual([marker]);
    expect(await store.repositories.records.listByAuthor(PLAN, 'alex-wilber', 10)).toEqual([record]);
    expect(await store.repositories.records.listInRange(PLAN, 'attendance', { from: '2025-01-01', to: '2025-12-31' })).toEqual([record]);
    expect(await store.repositories.records.listWithPersonCodesBefore(PLAN, '2026-01-01')).toEqual([record]);
    expect(await store.repositories.records.listOpenReferralsDue(PLAN, '2026-01-01')).toEqual([]);
    await store.repositories.rollups.endChange(PLAN, marker.id);
    expect(await store.repositories.rollups.openChanges(PLAN)).toEqual([]);
  });

  it("rolls back every operation of a failed batch on the embedded server, as Azure does, and answers 207 with the failing operation's status", async () => {
    const container = store.database.container(containerDefinitions.records.id);
    await container.items.create({ id: 'kept', planId: PLAN, type: 'probe', value: 1 });
    const response = await container.items.batch(
      [
        { operationType: BulkOperationType.Create, resourceBody: { id: 'new', planId: PLAN, type: 'probe' } },
        { operationType: BulkOperationType.Replace, id: 'kept', resourceBody: { id: 'kept', planId: PLAN, type: 'probe', value: 2 } },
        { operationType: BulkOperationType.Patch, id: 'kept', resourceBody: { operations: [{ op: 'incr', path: '/value', value: 5 }] } },
        { operationType: BulkOperationType.Create, resourceBody: { id: 'kept', planId: PLAN, type: 'probe' } },
      ],
      PLAN,
    );
    expect(response.code).toBe(207);
    expect(response.result?.map((r) => r.statusCode)).toEqual([424, 424, 424, 409]);
    expect((await container.item('new', PLAN).read()).resource).toBeUndefined();
    expect((await container.item('kept', PLAN).read()).resource).toMatchObject({ value: 1 });
  });

  it('applies a batch that succeeds, patch included', async () => {
    const container = store.database.container(containerDefinitions.records.id);
    await container.items.create({ id: 'counter', planId: PLAN, type: 'probe', value: 1 });
    const response = await container.items.batch(
      [
        { operationType: BulkOperationType.Create, resourceBody: { id: 'other', planId: PLAN, type: 'probe' } },
        { operationType: BulkOperationType.Patch, id: 'counter', resourceBody: { operations: [{ op: 'incr', path: '/value', value: 5 }] } },
      ],
      PLAN,
    );
    expect(response.result?.map((r) => r.statusCode)).toEqual([201, 200]);
    expect((await container.item('counter', PLAN).read()).resource).toMatchObject({ value: 6 });
    expect((await container.item('other', PLAN).read()).resource).toBeDefined();
  });
});

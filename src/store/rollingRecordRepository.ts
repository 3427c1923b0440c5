import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../domain/records/audit';
import { contributionsOf, rollupId, type Contribution } from '../domain/status/rollups';
import type { LoggedRecord, MembershipProof, RecordRepository, RollupChange, RollupRepository } from '../usecases/ports';

const idsOf = (contributions: Contribution[]) => [...new Set(contributions.map((c) => rollupId(c.scope, c.month)))];

/** The record store, able to store a rollup change marker in the same transactional batch as a record change. */
export interface MarkingRecordRepository extends Omit<RecordRepository, 'createOnce'> {
  createOnce<R extends LoggedRecord>(record: R, audit?: AuditEntry, marker?: RollupChange, proof?: MembershipProof): Promise<{ created: boolean; record: R }>;
  replace(record: LoggedRecord, etag: string, marker?: RollupChange): Promise<'ok' | 'conflict'>;
  remove(planId: string, id: string, etag: string, marker?: RollupChange): Promise<'ok' | 'conflict'>;
}

/** Where the rollups' writes go, and how they run after the answer (writeBehindRollups.ts). */
export type LaterRollups = Pick<RollupRepository, 'apply' | 'endChange'> & { later(planId: string, work: () => Promise<void>): void };

/**
 * Keeps the rollups in step with the records: every successful create, replace and delete
 * applies its record's contribution, as atomic increments. A retried create that finds its record
 * already stored changes nothing, so a Teams retry is not counted twice.
 *
 * The record change is stored in one transactional batch with a marker naming the rollups it
 * touches (the embedded server has no transaction spanning the records and the rollups). The
 * increments and the marker's removal then run after the caller has its answer: should the
 * process die, or the database fail, before they are done, the marker stays, and the scheduler's
 * next tick recomputes those rollups from the records (usecases/repairRollups.ts). A save that
 * reached the records is never reported as failed because its rollup could not be updated.
 */
export class RollingRecordRepository implements RecordRepository {
  constructor(
    private readonly inner: MarkingRecordRepository,
    private readonly rollups: LaterRollups,
    private readonly now: () => string = () => new Date().toISOString(),
    private readonly onRollupFailure: (err: unknown, planId: string) => void = () => undefined,
  ) {}

  /** Stores a record change with its marker; if it was made, its rollups follow after the answer, their failure left to the repair. */
  private async changing<T>(planId: string, touched: Contribution[], change: (marker: RollupChange) => Promise<T>, roll: (result: T) => (() => Promise<void>) | undefined): Promise<T> {
    const marker: RollupChange = { id: `rollup-change|${randomUUID()}`, rollupIds: idsOf(touched), at: this.now() };
    const result = await change(marker);
    // No increments means the change was not made (a retry, a conflict), nor its marker stored; if a
    // lost answer hid that it was (cosmosRecordRepository.ts), the marker stays and the repair counts it.
    const increments = roll(result);
    if (increments) {
      this.rollups.later(planId, async () => {
        try {
          await increments();
          await this.rollups.endChange(planId, marker.id);
        } catch (err) {
          this.onRollupFailure(err, planId);
        }
      });
    }
    return result;
  }

  async createOnce<R extends LoggedRecord>(record: R, audit?: AuditEntry, proof?: MembershipProof): Promise<{ created: boolean; record: R }> {
    const contributions = contributionsOf(record);
    return this.changing(record.planId, contributions, (marker) => this.inner.createOnce(record, audit, marker, proof), (result) =>
      result.created ? () => this.rollups.apply(record.planId, contributions, 1) : undefined,
    );
  }

  get: RecordRepository['get'] = (planId, id) => this.inner.get(planId, id);

  async replace(record: LoggedRecord, etag: string): Promise<'ok' | 'conflict'> {
    const before = await this.inner.get(record.planId, record.id);
    if (!before || before.etag !== etag) return 'conflict';
    const removed = contributionsOf(before.record);
    const added = contributionsOf(record);
    return this.changing(record.planId, [...removed, ...added], (marker) => this.inner.replace(record, etag, marker), (result) =>
      result === 'ok'
        ? async () => {
            await this.rollups.apply(record.planId, removed, -1);
            await this.rollups.apply(record.planId, added, 1);
          }
        : undefined,
    );
  }

  async remove(planId: string, id: string, etag: string): Promise<'ok' | 'conflict'> {
    const before = await this.inner.get(planId, id);
    if (!before || before.etag !== etag) return 'conflict';
    const removed = contributionsOf(before.record);
    return this.changing(planId, removed, (marker) => this.inner.remove(planId, id, etag, marker), (result) => (result === 'ok' ? () => this.rollups.apply(planId, removed, -1) : undefined));
  }

  listInRange: RecordRepository['listInRange'] = (...args) => this.inner.listInRange(...args);
  listByAuthor: RecordRepository['listByAuthor'] = (...args) => this.inner.listByAuthor(...args);
  listOpenReferralsBy: RecordRepository['listOpenReferralsBy'] = (...args) => this.inner.listOpenReferralsBy(...args);
  listOpenReferralsDue: RecordRepository['listOpenReferralsDue'] = (...args) => this.inner.listOpenReferralsDue(...args);
  listWithPersonCodesBefore: RecordRepository['listWithPersonCodesBefore'] = (...args) => this.inner.listWithPersonCodesBefore(...args);
}

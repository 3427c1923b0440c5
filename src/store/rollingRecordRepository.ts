import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../domain/records/audit';
import { contributionsOf, rollupId, type Contribution } from '../domain/status/rollups';
import type { LoggedRecord, RecordRepository, RollupRepository } from '../usecases/ports';

const idsOf = (contributions: Contribution[]) => [...new Set(contributions.map((c) => rollupId(c.scope, c.month)))];

/**
 * Keeps the rollups in step with the records: every successful create, replace and delete
 * applies its record's contribution, as atomic increments. A retried create that finds its record
 * already stored changes nothing, so a Teams retry is not counted twice.
 *
 * The record and its rollups are separate writes (the embedded server has no transaction that
 * spans them), so each change is bracketed by a marker naming the rollups it touches: should the
 * process die, or the database fail, between the two, the marker stays, and the scheduler's next
 * tick recomputes those rollups from the records (usecases/repairRollups.ts). A save that reached
 * the records is never reported as failed because its rollup could not be updated.
 */
export class RollingRecordRepository implements RecordRepository {
  constructor(
    private readonly inner: RecordRepository,
    private readonly rollups: RollupRepository,
    private readonly now: () => string = () => new Date().toISOString(),
    private readonly onRollupFailure: (err: unknown, planId: string) => void = () => undefined,
  ) {}

  /** Runs a record change bracketed by its marker; rollups after it, their failure left to the repair. */
  private async changing<T>(planId: string, touched: Contribution[], change: () => Promise<T>, roll: (result: T) => Promise<void>): Promise<T> {
    const marker = { id: `rollup-change|${randomUUID()}`, rollupIds: idsOf(touched), at: this.now() };
    await this.rollups.beginChange(planId, marker);
    const result = await change();
    try {
      await roll(result);
      await this.rollups.endChange(planId, marker.id);
    } catch (err) {
      this.onRollupFailure(err, planId);
    }
    return result;
  }

  async createOnce<R extends LoggedRecord>(record: R, audit?: AuditEntry): Promise<{ created: boolean; record: R }> {
    const contributions = contributionsOf(record);
    return this.changing(record.planId, contributions, () => this.inner.createOnce(record, audit), async (result) => {
      if (result.created) await this.rollups.apply(record.planId, contributions, 1);
    });
  }

  get: RecordRepository['get'] = (planId, id) => this.inner.get(planId, id);

  async replace(record: LoggedRecord, etag: string): Promise<'ok' | 'conflict'> {
    const before = await this.inner.get(record.planId, record.id);
    if (!before || before.etag !== etag) return 'conflict';
    const removed = contributionsOf(before.record);
    const added = contributionsOf(record);
    return this.changing(record.planId, [...removed, ...added], () => this.inner.replace(record, etag), async (result) => {
      if (result !== 'ok') return;
      await this.rollups.apply(record.planId, removed, -1);
      await this.rollups.apply(record.planId, added, 1);
    });
  }

  async remove(planId: string, id: string, etag: string): Promise<'ok' | 'conflict'> {
    const before = await this.inner.get(planId, id);
    if (!before || before.etag !== etag) return 'conflict';
    const removed = contributionsOf(before.record);
    return this.changing(planId, removed, () => this.inner.remove(planId, id, etag), async (result) => {
      if (result === 'ok') await this.rollups.apply(planId, removed, -1);
    });
  }

  listInRange: RecordRepository['listInRange'] = (...args) => this.inner.listInRange(...args);
  listByAuthor: RecordRepository['listByAuthor'] = (...args) => this.inner.listByAuthor(...args);
  listOpenReferralsBy: RecordRepository['listOpenReferralsBy'] = (...args) => this.inner.listOpenReferralsBy(...args);
  listOpenReferralsDue: RecordRepository['listOpenReferralsDue'] = (...args) => this.inner.listOpenReferralsDue(...args);
  listWithPersonCodesBefore: RecordRepository['listWithPersonCodesBefore'] = (...args) => this.inner.listWithPersonCodesBefore(...args);
}

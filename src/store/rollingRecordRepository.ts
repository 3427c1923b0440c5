import { contributionsOf } from '../domain/status/rollups';
import type { LoggedRecord, RecordRepository, RollupRepository } from '../usecases/ports';

/**
 * Keeps the rollups in step with the records: every successful create, replace and delete
 * applies its record's contribution. A retried create that finds its record already stored
 * changes nothing, so a Teams retry is not counted twice. Should the process die between the
 * record write and the rollup write, the rebuild command recomputes the rollups from the records.
 */
export class RollingRecordRepository implements RecordRepository {
  constructor(
    private readonly inner: RecordRepository,
    private readonly rollups: RollupRepository,
  ) {}

  async createOnce<R extends LoggedRecord>(record: R): Promise<{ created: boolean; record: R }> {
    const result = await this.inner.createOnce(record);
    if (result.created) await this.rollups.apply(record.planId, contributionsOf(record), 1);
    return result;
  }

  get: RecordRepository['get'] = (planId, id) => this.inner.get(planId, id);

  async replace(record: LoggedRecord, etag: string): Promise<'ok' | 'conflict'> {
    const before = await this.inner.get(record.planId, record.id);
    if (!before || before.etag !== etag) return 'conflict';
    const result = await this.inner.replace(record, etag);
    if (result === 'ok') {
      await this.rollups.apply(record.planId, contributionsOf(before.record), -1);
      await this.rollups.apply(record.planId, contributionsOf(record), 1);
    }
    return result;
  }

  async remove(planId: string, id: string, etag: string): Promise<'ok' | 'conflict'> {
    const before = await this.inner.get(planId, id);
    if (!before || before.etag !== etag) return 'conflict';
    const result = await this.inner.remove(planId, id, etag);
    if (result === 'ok') await this.rollups.apply(planId, contributionsOf(before.record), -1);
    return result;
  }

  listInRange: RecordRepository['listInRange'] = (...args) => this.inner.listInRange(...args);
  listByAuthor: RecordRepository['listByAuthor'] = (...args) => this.inner.listByAuthor(...args);
  listOpenReferralsBy: RecordRepository['listOpenReferralsBy'] = (...args) => this.inner.listOpenReferralsBy(...args);
  listOpenReferralsDue: RecordRepository['listOpenReferralsDue'] = (...args) => this.inner.listOpenReferralsDue(...args);
  listWithPersonCodesBefore: RecordRepository['listWithPersonCodesBefore'] = (...args) => this.inner.listWithPersonCodesBefore(...args);
}

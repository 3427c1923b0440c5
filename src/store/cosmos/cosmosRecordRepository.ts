import type { Container } from '@azure/cosmos';
import type { DateRange } from '../../domain/calendar';
import type { AttendanceRecord } from '../../domain/attendance/attendance';
import type { ReferralRecord } from '../../domain/records/referral';
import type { LoggedRecord, RecordOfType, RecordRepository, RecordType, Versioned } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';
import { withoutSystemProperties } from './systemProperties';


type Doc = LoggedRecord & Record<string, unknown>;

export class CosmosRecordRepository implements RecordRepository {
  /** `pageSize`: results per round trip; the embedded server re-runs the whole query for every page. */
  constructor(
    private readonly container: Container,
    private readonly pageSize = 1000,
  ) {}

  async createOnce<R extends LoggedRecord>(record: R): Promise<{ created: boolean; record: R }> {
    try {
      await this.container.items.create(record);
      return { created: true, record };
    } catch (err) {
      // A retried invoke carries the same submission id, so the same document id: keep the first.
      if (isStatus(err, CONFLICT)) {
        const existing = await this.get(record.planId, record.id);
        if (existing) return { created: false, record: existing.record as R };
      }
      throw err;
    }
  }

  async get(planId: string, id: string): Promise<Versioned<LoggedRecord> | undefined> {
    const { resource } = await this.container.item(id, planId).read<Doc>();
    if (!resource) return undefined;
    return { record: withoutSystemProperties<LoggedRecord>(resource), etag: String(resource._etag) };
  }

  async replace(record: LoggedRecord, etag: string): Promise<'ok' | 'conflict'> {
    try {
      await this.container.item(record.id, record.planId).replace(record, { accessCondition: { type: 'IfMatch', condition: etag } });
      return 'ok';
    } catch (err) {
      if (isStatus(err, PRECONDITION_FAILED) || isStatus(err, NOT_FOUND)) return 'conflict';
      throw err;
    }
  }

  async remove(planId: string, id: string, etag: string): Promise<'ok' | 'conflict'> {
    try {
      await this.container.item(id, planId).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
      return 'ok';
    } catch (err) {
      if (isStatus(err, PRECONDITION_FAILED) || isStatus(err, NOT_FOUND)) return 'conflict';
      throw err;
    }
  }

  async listInRange<T extends RecordType>(planId: string, type: T, range: DateRange): Promise<RecordOfType<T>[]> {
    return this.query<RecordOfType<T>>(planId, 'SELECT * FROM c WHERE c.planId = @plan AND c.type = @type AND c.date >= @from AND c.date <= @to', {
      '@type': type,
      '@from': range.from,
      '@to': range.to,
    });
  }

  async listByAuthor(planId: string, memberId: string, limit: number): Promise<LoggedRecord[]> {
    return this.query<LoggedRecord>(planId, `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.planId = @plan AND c.loggedBy = @member ORDER BY c.loggedAt DESC`, { '@member': memberId });
  }

  async listOpenReferralsBy(planId: string, memberId: string): Promise<ReferralRecord[]> {
    return this.query<ReferralRecord>(
      planId,
      "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'referral' AND c.loggedBy = @member AND c.status IN ('referred', 'started', 'retained') ORDER BY c.followUpDate ASC",
      { '@member': memberId },
    );
  }

  async listOpenReferralsDue(planId: string, date: string): Promise<ReferralRecord[]> {
    return this.query<ReferralRecord>(
      planId,
      "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'referral' AND c.followUpDate <= @date AND c.status IN ('referred', 'started', 'retained')",
      { '@date': date },
    );
  }

  async listWithPersonCodesBefore(planId: string, cutoff: string): Promise<(AttendanceRecord | ReferralRecord)[]> {
    return this.query<AttendanceRecord | ReferralRecord>(
      planId,
      'SELECT * FROM c WHERE c.planId = @plan AND c.date < @cutoff AND (IS_DEFINED(c.participantCodes) OR IS_DEFINED(c.personCode))',
      { '@cutoff': cutoff },
    );
  }

  /**
   * Every query names its plan in the WHERE clause as well as in the partition key option: Azure
   * scopes by the option, the embedded server ignores it.
   */
  private async query<T>(planId: string, query: string, params: Record<string, string>): Promise<T[]> {
    const { resources } = await this.container.items
      .query<T & Record<string, unknown>>(
        { query, parameters: Object.entries({ ...params, '@plan': planId }).map(([name, value]) => ({ name, value })) },
        { partitionKey: planId, maxItemCount: this.pageSize },
      )
      .fetchAll();
    return resources.map((r) => withoutSystemProperties<T>(r));
  }
}

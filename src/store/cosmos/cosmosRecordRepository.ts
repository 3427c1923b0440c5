import { BulkOperationType, ErrorResponse, type Container, type JSONObject, type OperationInput, type OperationResponse } from '@azure/cosmos';
import type { AuditEntry } from '../../domain/records/audit';
import type { DateRange } from '../../domain/calendar';
import type { AttendanceRecord } from '../../domain/attendance/attendance';
import type { ReferralRecord } from '../../domain/records/referral';
import { FreshMembershipNeeded } from '../../usecases/freshMembershipNeeded';
import type { LoggedRecord, MembershipProof, RecordOfType, RecordType, RollupChange, Versioned } from '../../usecases/ports';
import type { MarkingRecordRepository } from '../rollingRecordRepository';
import { grantId, grantWindow } from './membershipGrants';
import { CONFLICT, FAILED_DEPENDENCY, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';
import { storedChange } from './rollupChangeDocs';
import { withoutSystemProperties } from './systemProperties';


type Doc = LoggedRecord & Record<string, unknown>;

const created = (body: object): OperationInput => ({ operationType: BulkOperationType.Create, resourceBody: body as JSONObject });

/** A batch refused by the database, with the status of the operation that failed it. */
function failedBatch(what: string, results: OperationResponse[]): ErrorResponse {
  const failed = results.find((r) => r.statusCode >= 400 && r.statusCode !== FAILED_DEPENDENCY);
  return Object.assign(new ErrorResponse(`${what} failed (${failed?.statusCode ?? 'no answer'})`), { code: failed?.statusCode });
}

export class CosmosRecordRepository implements MarkingRecordRepository {
  /** `pageSize`: results per round trip; the embedded server re-runs the whole query for every page. */
  constructor(
    private readonly container: Container,
    private readonly pageSize = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * With an audit entry or a rollup change marker, the record and they are stored in one
   * transactional batch (all or nothing, one round trip): they all live in the plan's partition.
   * A proof is a read of the membership's grant in the same batch (membershipGrants.ts): gone, the
   * batch fails and nothing is stored.
   */
  async createOnce<R extends LoggedRecord>(record: R, audit?: AuditEntry, marker?: RollupChange, proof?: MembershipProof): Promise<{ created: boolean; record: R }> {
    if (!audit && !marker && !proof) return this.createAlone(record);
    // A grant lives in its plan's partition: a proof for another plan proves nothing here.
    if (proof && proof.planId !== record.planId) throw new FreshMembershipNeeded(proof);
    const proving: OperationInput[] = proof ? [{ operationType: BulkOperationType.Read, id: grantId(proof, grantWindow(this.now())) }] : [];
    let results: OperationResponse[];
    try {
      results = await this.batch(record.planId, [...proving, created(record), ...(audit ? [created(audit)] : []), ...(marker ? [created(storedChange(record.planId, marker))] : [])]);
    } catch (err) {
      // The SDK turns a failed batch request into a plain Error without its status. Asking for the
      // record tells a retry (it is there) from an outage (this read fails with the outage's own code).
      // Should this very batch have been applied (its answer lost), its marker stays and the
      // scheduler's repair counts the record.
      const existing = await this.get(record.planId, record.id);
      if (existing) return { created: false, record: existing.record as R };
      throw err;
    }
    if (proof && results[0]?.statusCode === NOT_FOUND) throw new FreshMembershipNeeded(proof);
    const [stored, logged] = results.slice(proving.length);
    if (stored && stored.statusCode < 300) return { created: true, record };
    // A retried invoke carries the same submission id, so the same document id: keep the first.
    if (stored?.statusCode === CONFLICT) return this.existing(record);
    // The entry exists without the record: the record was deleted and the same submission arrives
    // again (an old card saved once more). It is stored as before this batch existed; its
    // creation is in the log already.
    if (audit && logged?.statusCode === CONFLICT) return this.createOnce(record, undefined, marker, proof);
    throw failedBatch(`storing ${record.id} with its audit entry`, results);
  }

  private async batch(planId: string, operations: OperationInput[]): Promise<OperationResponse[]> {
    return (await this.container.items.batch(operations, planId)).result ?? [];
  }

  private async createAlone<R extends LoggedRecord>(record: R): Promise<{ created: boolean; record: R }> {
    try {
      await this.container.items.create(record);
      return { created: true, record };
    } catch (err) {
      if (isStatus(err, CONFLICT)) return this.existing(record);
      throw err;
    }
  }

  private async existing<R extends LoggedRecord>(record: R): Promise<{ created: boolean; record: R }> {
    const found = await this.get(record.planId, record.id);
    if (!found) throw new ErrorResponse(`${record.id} conflicted but cannot be read`);
    return { created: false, record: found.record as R };
  }

  async get(planId: string, id: string): Promise<Versioned<LoggedRecord> | undefined> {
    const { resource } = await this.container.item(id, planId).read<Doc>();
    if (!resource) return undefined;
    return { record: withoutSystemProperties<LoggedRecord>(resource), etag: String(resource._etag) };
  }

  /** With a marker, the replacement and the marker are one transactional batch. */
  async replace(record: LoggedRecord, etag: string, marker?: RollupChange): Promise<'ok' | 'conflict'> {
    if (marker) {
      const replacing: OperationInput = { operationType: BulkOperationType.Replace, id: record.id, resourceBody: record as unknown as JSONObject, ifMatch: etag };
      return this.changedInBatch(record.planId, replacing, marker, `replacing ${record.id}`);
    }
    try {
      await this.container.item(record.id, record.planId).replace(record, { accessCondition: { type: 'IfMatch', condition: etag } });
      return 'ok';
    } catch (err) {
      if (isStatus(err, PRECONDITION_FAILED) || isStatus(err, NOT_FOUND)) return 'conflict';
      throw err;
    }
  }

  /** With a marker, the deletion and the marker are one transactional batch. */
  async remove(planId: string, id: string, etag: string, marker?: RollupChange): Promise<'ok' | 'conflict'> {
    if (marker) {
      // The SDK's type leaves ifMatch out of a delete operation; it sends it, and Azure Cosmos DB
      // and the embedded server (atomicBatch.ts, through the server's delete) honour it.
      const deleting = { operationType: BulkOperationType.Delete, id, ifMatch: etag } as OperationInput;
      return this.changedInBatch(planId, deleting, marker, `deleting ${id}`);
    }
    try {
      await this.container.item(id, planId).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
      return 'ok';
    } catch (err) {
      if (isStatus(err, PRECONDITION_FAILED) || isStatus(err, NOT_FOUND)) return 'conflict';
      throw err;
    }
  }

  /** A record change under its ETag with its marker, both or neither; a changed or gone record is a conflict. */
  private async changedInBatch(planId: string, change: OperationInput, marker: RollupChange, what: string): Promise<'ok' | 'conflict'> {
    const results = await this.batch(planId, [change, created(storedChange(planId, marker))]);
    const status = results[0]?.statusCode;
    if (status !== undefined && status < 300) return 'ok';
    if (status === PRECONDITION_FAILED || status === NOT_FOUND) return 'conflict';
    throw failedBatch(what, results);
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

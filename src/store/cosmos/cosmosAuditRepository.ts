import type { Container } from '@azure/cosmos';
import type { AuditEntry } from '../../domain/records/audit';
import type { AuditRepository } from '../../usecases/ports';
import { withoutSystemProperties } from './systemProperties';
import { CONFLICT, isStatus } from './cosmosErrors';

/**
 * The audit log lives in the records container, in each plan's partition beside the records it
 * describes, so a new record and its entry are written in one transactional batch
 * (CosmosRecordRepository.createOnce). `type: 'audit'` keeps entries out of every record query.
 */
export class CosmosAuditRepository implements AuditRepository {
  constructor(private readonly container: Container) {}

  async append(entry: AuditEntry): Promise<void> {
    try {
      await this.container.items.create(entry);
    } catch (err) {
      // Same deterministic id = the same change retried: it is in the log already.
      if (isStatus(err, CONFLICT)) return;
      throw err;
    }
  }

  async listForRecord(planId: string, recordId: string): Promise<AuditEntry[]> {
    const { resources } = await this.container.items
      .query<AuditEntry & Record<string, unknown>>(
        {
          // The plan in the WHERE clause too: the embedded server ignores the partition key option.
          query: "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'audit' AND c.recordId = @id ORDER BY c.at ASC",
          parameters: [
            { name: '@plan', value: planId },
            { name: '@id', value: recordId },
          ],
        },
        { partitionKey: planId },
      )
      .fetchAll();
    return resources.map((r) => withoutSystemProperties<AuditEntry>(r));
  }
}

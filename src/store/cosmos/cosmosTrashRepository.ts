import type { Container } from '@azure/cosmos';
import type { TrashedRecord, TrashRepository } from '../../usecases/ports';
import { isStatus, NOT_FOUND } from './cosmosErrors';
import { withoutSystemProperties } from './systemProperties';

/** How long a deleted record can be brought back: the rest of the working day and the next. */
export const UNDO_SECONDS = 24 * 60 * 60;

type TrashDoc = TrashedRecord & { id: string; planId: string; type: 'trash'; ttl: number };
const idOf = (recordId: string) => `trash|${recordId}`;

/**
 * Deleted records, kept beside the records (partition = plan) for a day so "Fortryd" can put
 * them back with their person codes; Cosmos DB's time to live removes them after that. The type
 * keeps them out of every record query.
 */
export class CosmosTrashRepository implements TrashRepository {
  constructor(private readonly container: Container) {}

  async put(planId: string, entry: TrashedRecord): Promise<void> {
    const doc: TrashDoc = { ...entry, id: idOf(entry.record.id), planId, type: 'trash', ttl: UNDO_SECONDS };
    await this.container.items.upsert(doc);
  }

  async get(planId: string, recordId: string): Promise<TrashedRecord | undefined> {
    const { resource } = await this.container.item(idOf(recordId), planId).read<TrashDoc & Record<string, unknown>>();
    if (!resource) return undefined;
    const { record, deletedBy, deletedAt } = withoutSystemProperties<TrashDoc>(resource);
    return { record, deletedBy, deletedAt };
  }

  async remove(planId: string, recordId: string): Promise<void> {
    await this.container.item(idOf(recordId), planId).delete().catch((err: unknown) => {
      if (!isStatus(err, NOT_FOUND)) throw err;
    });
  }
}

import type { Container } from '@azure/cosmos';
import type { SenderLease } from '../../domain/reminders/senderLease';
import type { SenderLeaseRepository, Versioned } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';
import { SENDER_LEASE_TTL_S } from './expiry';

interface SenderLeaseDocument extends SenderLease {
  id: 'sender-lease';
  /** The reminders container's partition key: one logical partition per tenant, beside the plans'. */
  planId: string;
  type: 'senderLease';
  ttl: number;
}

/** '|' never occurs in a plan id (a slug), so a tenant's partition cannot meet a plan's. */
const partitionOf = (tenantId: string) => `tenant|${tenantId}`;

const documentOf = (lease: SenderLease): SenderLeaseDocument => ({ id: 'sender-lease', planId: partitionOf(lease.tenantId), type: 'senderLease', ...lease, ttl: SENDER_LEASE_TTL_S });

function versioned(doc: SenderLeaseDocument & { _etag?: unknown }): Versioned<SenderLease> {
  return { record: { tenantId: doc.tenantId, holder: doc.holder, expiresAt: doc.expiresAt }, etag: String(doc._etag) };
}

/**
 * A tenant's sender lease: one small document in the reminders container, read by id and written
 * only on an ETag match (or a create that fails when it exists), so two instances racing for it
 * cannot both win. Works the same on the embedded server and on Azure Cosmos DB.
 */
export class CosmosSenderLeaseRepository implements SenderLeaseRepository {
  constructor(private readonly container: Container) {}

  async get(tenantId: string): Promise<Versioned<SenderLease> | undefined> {
    try {
      const { resource } = await this.container.item('sender-lease', partitionOf(tenantId)).read<SenderLeaseDocument>();
      return resource ? versioned(resource) : undefined;
    } catch (err) {
      if (isStatus(err, NOT_FOUND)) return undefined;
      throw err;
    }
  }

  async create(lease: SenderLease): Promise<Versioned<SenderLease> | undefined> {
    try {
      const { resource } = await this.container.items.create(documentOf(lease));
      return resource ? versioned(resource) : undefined;
    } catch (err) {
      if (isStatus(err, CONFLICT)) return undefined;
      throw err;
    }
  }

  async replace(lease: SenderLease, etag: string): Promise<Versioned<SenderLease> | undefined> {
    try {
      const { resource } = await this.container.item('sender-lease', partitionOf(lease.tenantId)).replace(documentOf(lease), { accessCondition: { type: 'IfMatch', condition: etag } });
      return resource ? versioned(resource as unknown as SenderLeaseDocument) : undefined;
    } catch (err) {
      if (isStatus(err, PRECONDITION_FAILED) || isStatus(err, NOT_FOUND)) return undefined;
      throw err;
    }
  }
}

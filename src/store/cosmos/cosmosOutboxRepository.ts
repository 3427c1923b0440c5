import type { Container } from '@azure/cosmos';
import type { OutboxItem } from '../../domain/reminders/outbox';
import type { OutboxRepository, PlanningLease, Versioned } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';
import { LEASE_TTL_S, outboxTtl } from './expiry';
import { withoutSystemProperties } from './systemProperties';

interface LeaseDocument extends PlanningLease {
  id: 'planning-lease';
  type: 'lease';
  ttl: number;
}

/** The stored form of an item: with the Cosmos time to live its status calls for. */
const withTtl = (item: OutboxItem) => ({ ...item, ttl: outboxTtl(item) });

type Stored<T> = T & Record<string, unknown>;

const versioned = <T>(doc: Stored<T>): Versioned<T> => ({ record: withoutSystemProperties<T>(doc), etag: String(doc._etag) });

/**
 * The outbox and the planning lease, in the reminders container (partition = plan). Every
 * state change is a conditional replace on the item's ETag: two instances can both try, one wins.
 * Each write sets the item's Cosmos time to live (expiry.ts): finished items and idle leases go.
 */
export class CosmosOutboxRepository implements OutboxRepository {
  constructor(private readonly container: Container) {}

  async createMissing(items: OutboxItem[]): Promise<number> {
    let created = 0;
    for (const item of items) {
      try {
        await this.container.items.create(withTtl(item));
        created++;
      } catch (err) {
        // Planned before (another instance, or this one before a restart): the first item stands.
        if (!isStatus(err, CONFLICT)) throw err;
      }
    }
    return created;
  }

  async due(planId: string, now: string, limit: number): Promise<Versioned<OutboxItem>[]> {
    const { resources } = await this.container.items
      .query<Stored<OutboxItem>>(
        {
          query: `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.planId = @plan AND c.type = 'outbox' AND ((c.status = 'pending' AND c.notBefore <= @now) OR (c.status = 'sending' AND c.claimedUntil <= @now))`,
          parameters: [
            { name: '@plan', value: planId },
            { name: '@now', value: now },
          ],
        },
        { partitionKey: planId },
      )
      .fetchAll();
    return resources.map((r) => versioned<OutboxItem>(r)).sort((a, b) => a.record.notBefore.localeCompare(b.record.notBefore));
  }

  async update(item: OutboxItem, etag: string): Promise<Versioned<OutboxItem> | undefined> {
    try {
      const { resource } = await this.container.item(item.id, item.planId).replace<OutboxItem>(withTtl(item), { accessCondition: { type: 'IfMatch', condition: etag } });
      return resource ? versioned<OutboxItem>(resource as unknown as Stored<OutboxItem>) : undefined;
    } catch (err) {
      if (isStatus(err, PRECONDITION_FAILED) || isStatus(err, NOT_FOUND)) return undefined;
      throw err;
    }
  }

  async heldFor(planId: string, memberId: string): Promise<Versioned<OutboxItem>[]> {
    const { resources } = await this.container.items
      .query<Stored<OutboxItem>>(
        {
          query: "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'outbox' AND c.status = 'held' AND c.recipient.memberId = @member",
          parameters: [
            { name: '@plan', value: planId },
            { name: '@member', value: memberId },
          ],
        },
        { partitionKey: planId },
      )
      .fetchAll();
    return resources.map((r) => versioned<OutboxItem>(r));
  }

  async get(planId: string, id: string): Promise<OutboxItem | undefined> {
    try {
      const { resource } = await this.container.item(id, planId).read<Stored<OutboxItem>>();
      return resource && resource.type === 'outbox' ? withoutSystemProperties<OutboxItem>(resource) : undefined;
    } catch (err) {
      if (isStatus(err, NOT_FOUND)) return undefined;
      throw err;
    }
  }

  async listAll(planId: string): Promise<OutboxItem[]> {
    const { resources } = await this.container.items
      .query<Stored<OutboxItem>>({ query: "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'outbox'", parameters: [{ name: '@plan', value: planId }] }, { partitionKey: planId })
      .fetchAll();
    return resources.map((r) => withoutSystemProperties<OutboxItem>(r));
  }

  async acquireLease(planId: string, holder: string, now: string, expiresAt: string): Promise<Versioned<PlanningLease> | undefined> {
    const { resource } = await this.container.item('planning-lease', planId).read<Stored<LeaseDocument>>();
    if (!resource) {
      const doc: LeaseDocument = { id: 'planning-lease', type: 'lease', planId, holder, expiresAt, ttl: LEASE_TTL_S };
      try {
        const { resource: created } = await this.container.items.create(doc);
        return created ? leaseOf(created as unknown as Stored<LeaseDocument>) : undefined;
      } catch (err) {
        if (isStatus(err, CONFLICT)) return undefined;
        throw err;
      }
    }
    if (resource.holder !== holder && resource.expiresAt > now) return undefined;
    const taken: LeaseDocument = { ...leaseOf(resource).record, id: 'planning-lease', type: 'lease', holder, expiresAt, ttl: LEASE_TTL_S };
    try {
      const { resource: replaced } = await this.container.item('planning-lease', planId).replace(taken, { accessCondition: { type: 'IfMatch', condition: String(resource._etag) } });
      return replaced ? leaseOf(replaced as unknown as Stored<LeaseDocument>) : undefined;
    } catch (err) {
      if (isStatus(err, PRECONDITION_FAILED)) return undefined;
      throw err;
    }
  }

  async saveLease(lease: PlanningLease, etag: string): Promise<boolean> {
    const doc: LeaseDocument = { ...lease, id: 'planning-lease', type: 'lease', ttl: LEASE_TTL_S };
    try {
      await this.container.item('planning-lease', lease.planId).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      return true;
    } catch (err) {
      if (isStatus(err, PRECONDITION_FAILED) || isStatus(err, NOT_FOUND)) return false;
      throw err;
    }
  }
}

function leaseOf(doc: Stored<LeaseDocument>): Versioned<PlanningLease> {
  const { planId, holder, expiresAt, plannedFor } = doc;
  return { record: { planId, holder, expiresAt, ...(plannedFor ? { plannedFor } : {}) }, etag: String(doc._etag) };
}

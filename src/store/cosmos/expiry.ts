import type { OutboxItem } from '../../domain/reminders/outbox';
import { outboxRetentionDays } from '../../domain/reminders/outboxRetention';

/**
 * Cosmos DB's time to live, in seconds from an item's last write. The containers that hold
 * expiring items have `defaultTtl: -1`: TTL is on, and nothing expires unless it says so.
 * The embedded server stores `ttl` but does not delete anything (docs/storage.md).
 */
const DAY_S = 24 * 60 * 60;
const NEVER = -1;

/** An outbox item: never while it may still be sent; its retention period once it is finished. */
export function outboxTtl(item: Pick<OutboxItem, 'kind' | 'status'>): number {
  const days = outboxRetentionDays(item);
  return days === undefined ? NEVER : days * DAY_S;
}

/**
 * The planning lease is rewritten every morning a plan is planned, so it expires only when no
 * instance has planned the plan for a week (the plan has ended, or Logbog stopped). A new lease is
 * simply taken then; planning the day once more creates nothing that exists.
 */
export const LEASE_TTL_S = 7 * DAY_S;

/**
 * A tenant's sender lease lasts seconds; its document goes a day after its last write (no
 * reminders sent to the tenant for a day). A missing lease is simply created again.
 */
export const SENDER_LEASE_TTL_S = DAY_S;

import type { ContainerRequest } from '@azure/cosmos';

/**
 * Containers and partition keys; docs/storage.md explains the choice. Everything a turn reads
 * is either one user's memberships (partition = that user) or one plan's data (partition =
 * the plan), so no turn needs a cross-partition query.
 */
export const containerDefinitions = {
  plans: { id: 'plans', partitionKey: { paths: ['/planId'] } },
  members: { id: 'members', partitionKey: { paths: ['/aadObjectId'] } },
  /**
   * Everything logged in a plan, and beside it (told apart by `type`) the append-only audit log
   * and deleted records kept for undo: one partition per plan, so a record and its audit entry
   * are written in one transactional batch.
   */
  records: {
    id: 'records',
    partitionKey: { paths: ['/planId'] },
    /** Records never expire; a deleted one kept for undo does (`ttl` on its trash document). */
    defaultTtl: -1,
    indexingPolicy: {
      indexingMode: 'consistent',
      automatic: true,
      includedPaths: [{ path: '/*' }],
      // Free-text fields are never filtered on; not indexing them saves RUs on every write. The
      // audit entries kept here carry whole records as before/after snapshots: read by plan and
      // record id only, so indexing every field of every snapshot would cost RUs for no query.
      excludedPaths: [{ path: '/note/?' }, { path: '/summary/?' }, { path: '/before/*' }, { path: '/after/*' }, { path: '/"_etag"/?' }],
      compositeIndexes: [
        [
          { path: '/type', order: 'ascending' },
          { path: '/date', order: 'ascending' },
        ],
      ],
    },
  },
  /** Teams conversations (channels, group chats): the network a channel is linked to. */
  conversations: { id: 'conversations', partitionKey: { paths: ['/conversationId'] } },
  /**
   * Reminders: the outbox, the planning lease, milestone states and "næste møde" dates. Time to
   * live is on (-1: nothing expires unless it says so); finished outbox items and idle leases
   * carry a `ttl` (expiry.ts).
   */
  reminders: { id: 'reminders', partitionKey: { paths: ['/planId'] }, defaultTtl: -1 },
  /** Status rollups per plan, scope and month; kept up to date on every record write. */
  rollups: { id: 'rollups', partitionKey: { paths: ['/planId'] } },
} satisfies Record<string, ContainerRequest>;

export type ContainerName = keyof typeof containerDefinitions;

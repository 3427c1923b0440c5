import type { Container } from '@azure/cosmos';
import type { Membership, MembershipProof } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND } from './cosmosErrors';

/**
 * A membership's grant: a small document in the plan's partition of `records`, named by the user
 * and the membership's version (its ETag). A write on a remembered membership reads it inside its
 * own transactional batch (cosmosRecordRepository.ts): the membership lives in another container,
 * which a batch cannot reach, and its grant is what the batch can. Gone, the batch stores nothing.
 *
 * - Created only by `allowProof`, after a fresh read of the membership, and taken back when the
 *   membership has changed in between (read again after the grant is written).
 * - Every grant of a user in a plan is deleted after their membership there is changed or removed
 *   (`revokeGrants`, from replaceForPlan). A grant created before that deletion is deleted by it;
 *   one created after it finds the new version on its second read and is deleted there. Either
 *   way no grant of an old version outlives the change that made it old.
 * - `type: 'membershipGrant'` and no record fields keep grants out of every record query.
 */
interface GrantDocument {
  id: string;
  planId: string;
  type: 'membershipGrant';
  aadObjectId: string;
}

/** Versions are ETags (quoted); an id keeps their letters, digits and dashes. */
export const grantId = ({ aadObjectId, version }: Pick<MembershipProof, 'aadObjectId' | 'version'>) => `membership-grant|${aadObjectId}|${version.replace(/[^A-Za-z0-9-]/g, '')}`;

export async function allowProof(records: Container, members: Container, membership: Membership): Promise<void> {
  if (!membership.version) return;
  const grant: GrantDocument = { id: grantId({ aadObjectId: membership.aadObjectId, version: membership.version }), planId: membership.planId, type: 'membershipGrant', aadObjectId: membership.aadObjectId };
  try {
    await records.items.create(grant);
  } catch (err) {
    // There already: its creator did the second read.
    if (isStatus(err, CONFLICT)) return;
    throw err;
  }
  const { resource } = await members.item(membership.planId, membership.aadObjectId).read<{ type?: string; _etag?: string }>();
  if (resource?.type !== 'membership' || resource._etag !== membership.version) await deleteQuietly(records, grant.id, grant.planId);
}

/** Deletes every grant of these users in the plan: their memberships there have just changed. */
export async function revokeGrants(records: Container, planId: string, aadObjectIds: ReadonlySet<string>): Promise<void> {
  if (!aadObjectIds.size) return;
  const { resources } = await records.items
    .query<GrantDocument>(
      { query: "SELECT c.id, c.aadObjectId FROM c WHERE c.planId = @plan AND c.type = 'membershipGrant'", parameters: [{ name: '@plan', value: planId }] },
      { partitionKey: planId },
    )
    .fetchAll();
  for (const grant of resources) if (aadObjectIds.has(grant.aadObjectId)) await deleteQuietly(records, grant.id, planId);
}

async function deleteQuietly(container: Container, id: string, partition: string): Promise<void> {
  try {
    await container.item(id, partition).delete();
  } catch (err) {
    if (!isStatus(err, NOT_FOUND)) throw err;
  }
}

import type { Container } from '@azure/cosmos';
import type { Membership, MembershipProof } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND } from './cosmosErrors';

/**
 * A membership's grant: a small document in the plan's partition of `records`, named by the user,
 * the membership's version (its ETag) and a ten-minute window. A write on a remembered membership
 * reads the grant of the current window inside its own transactional batch
 * (cosmosRecordRepository.ts): the membership lives in another container, which a batch cannot
 * reach, and its grant is what the batch can. Gone, the batch stores nothing.
 *
 * - `allowProof` writes the grants of the current and the next window, then reads the membership
 *   again; only when that read still shows the version is the version provable here. Otherwise, or
 *   when anything fails, it deletes what it wrote, as far as it can, and says no.
 * - `revokeStaleGrants` (from every replaceForPlan, after the memberships are written) deletes each
 *   grant of the plan whose version is not its user's current one, so a revocation that failed is
 *   mended by the next change of the plan's people.
 * - The window bounds what those cannot: a grant left behind (its writer died between writing it
 *   and its check, a revocation failed and no change followed, or, on Azure Cosmos DB with session
 *   consistency, a read served by a replica that had not yet seen the other side's write) proves
 *   nothing once its window has passed: at most 20 minutes after it was written. Its `ttl` lets
 *   Azure delete it a while after that.
 * - `type: 'membershipGrant'` and no record fields keep grants out of every record query.
 */
export const GRANT_WINDOW_MS = 10 * 60_000;
const GRANT_TTL_S = (3 * GRANT_WINDOW_MS) / 1000;
const CLOCK_MARGIN_MS = 60_000;

interface GrantDocument {
  id: string;
  planId: string;
  type: 'membershipGrant';
  aadObjectId: string;
  version: string;
  window: number;
  ttl: number;
}

export const grantWindow = (nowMs: number) => Math.floor(nowMs / GRANT_WINDOW_MS);

/** Versions are ETags (quoted); an id keeps their letters, digits and dashes. */
export const grantId = ({ aadObjectId, version }: Pick<MembershipProof, 'aadObjectId' | 'version'>, window: number) =>
  `membership-grant|${aadObjectId}|${version.replace(/[^A-Za-z0-9-]/g, '')}|${window}`;

/**
 * Makes the membership's version provable for the current and the next window: until the time
 * returned (a minute before the next window ends, for the clocks of other instances), or not at all.
 */
export async function allowProof(records: Container, members: Container, membership: Membership, nowMs: number): Promise<number | undefined> {
  const { version, aadObjectId, planId } = membership;
  if (!version) return undefined;
  const now = grantWindow(nowMs);
  const grants: GrantDocument[] = [now, now + 1].map((window) => ({ id: grantId({ aadObjectId, version }, window), planId, type: 'membershipGrant', aadObjectId, version, window, ttl: GRANT_TTL_S }));
  let failure: unknown;
  try {
    for (const grant of grants) {
      try {
        await records.items.create(grant);
      } catch (err) {
        // There already (another instance, an earlier turn): checked below all the same.
        if (!isStatus(err, CONFLICT)) throw err;
      }
    }
    const { resource } = await members.item(planId, aadObjectId).read<{ type?: string; _etag?: string }>();
    if (resource?.type === 'membership' && resource._etag === version) return (now + 2) * GRANT_WINDOW_MS - CLOCK_MARGIN_MS;
  } catch (err) {
    // Unchecked is not provable; the deletions below are tried all the same.
    failure = err;
  }
  await Promise.all(grants.map((g) => deleteQuietly(records, g.id, planId).catch(() => undefined)));
  if (failure) throw failure;
  return undefined;
}

/**
 * Deletes every grant of the plan that is not of its user's current membership version (`current`:
 * user → ETag, for every member of the plan), and those of windows gone by.
 */
export async function revokeStaleGrants(records: Container, planId: string, current: ReadonlyMap<string, string>, nowMs: number): Promise<void> {
  const { resources } = await records.items
    .query<Pick<GrantDocument, 'id' | 'aadObjectId' | 'version' | 'window'>>(
      { query: "SELECT c.id, c.aadObjectId, c.version, c.window FROM c WHERE c.planId = @plan AND c.type = 'membershipGrant'", parameters: [{ name: '@plan', value: planId }] },
      { partitionKey: planId },
    )
    .fetchAll();
  const now = grantWindow(nowMs);
  for (const grant of resources) {
    if (current.get(grant.aadObjectId) !== grant.version || !(grant.window >= now - 1)) await deleteQuietly(records, grant.id, planId);
  }
}

async function deleteQuietly(container: Container, id: string, partition: string): Promise<void> {
  try {
    await container.item(id, partition).delete();
  } catch (err) {
    if (!isStatus(err, NOT_FOUND)) throw err;
  }
}

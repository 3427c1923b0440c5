import type { Container } from '@azure/cosmos';
import type { Person } from '../../domain/people/person';
import type { Membership, MembershipRepository, PendingMembership, TeamsPerson } from '../../usecases/ports';
import { isStatus, NOT_FOUND } from './cosmosErrors';
import { allowProof, revokeStaleGrants } from './membershipGrants';
import { withoutSystemProperties } from './systemProperties';

interface MembershipDocument extends Membership {
  /** One document per user per plan: the plan id is unique within the user's partition. */
  id: string;
  /** The user's partition also holds their preferences and identity documents. */
  type: 'membership';
}

/**
 * Someone the plan names by e-mail address only. Kept in a partition of its own per address
 * (`email:<address>`), so a user's first turn finds their plans with one single-partition query.
 */
interface PendingDocument extends PendingMembership {
  id: string;
  type: 'pendingMembership';
  aadObjectId: string;
}

interface IdentityDocument extends TeamsPerson {
  id: 'identity';
  type: 'identity';
  claimed: boolean;
}

const emailPartition = (email: string) => `email:${email}`;

type Wanted = MembershipDocument | PendingDocument;

function documentFor(planId: string, p: Person): Wanted | undefined {
  if (p.aadObjectId) return { id: planId, type: 'membership', aadObjectId: p.aadObjectId, planId, memberId: p.id, name: p.name, roles: p.roles, networks: p.networks };
  if (p.email) return { id: planId, type: 'pendingMembership', aadObjectId: emailPartition(p.email), email: p.email, planId, memberId: p.id };
  return undefined;
}

const sameContent = (a: object, b: object) => JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());

const membershipOf = ({ aadObjectId, planId, memberId, name, roles, networks, _etag }: MembershipDocument & { _etag?: string }): Membership => ({
  aadObjectId,
  planId,
  memberId,
  name,
  roles,
  ...(networks ? { networks } : {}),
  ...(_etag ? { version: _etag } : {}),
});

export class CosmosMembershipRepository implements MembershipRepository {
  /** `records`: where the memberships' grants live (membershipGrants.ts); without it, nothing is provable. */
  constructor(
    private readonly container: Container,
    private readonly records?: Container,
    private readonly now: () => number = Date.now,
  ) {}

  async forUser(aadObjectId: string): Promise<Membership[]> {
    const { resources } = await this.container.items
      .query<MembershipDocument>(
        { query: "SELECT * FROM c WHERE c.aadObjectId = @aad AND c.type = 'membership'", parameters: [{ name: '@aad', value: aadObjectId }] },
        { partitionKey: aadObjectId },
      )
      .fetchAll();
    return resources.map(membershipOf).sort((a, b) => a.planId.localeCompare(b.planId));
  }

  async inPlans(aadObjectId: string, planIds: string[]): Promise<Membership[]> {
    const found = await Promise.all(
      planIds.map(async (planId) => {
        const { resource } = await this.container.item(planId, aadObjectId).read<MembershipDocument>();
        return resource?.type === 'membership' ? membershipOf(resource) : undefined;
      }),
    );
    return found.filter((m): m is Membership => m !== undefined).sort((a, b) => a.planId.localeCompare(b.planId));
  }

  async replaceForPlan(planId: string, people: Person[]): Promise<void> {
    // Imports and roster changes are rare, so the one cross-partition query lives here. Only what
    // differs is written: a change to one person of eighty writes one document.
    const { resources: existing } = await this.container.items
      .query<Wanted & Record<string, unknown>>({
        query: "SELECT * FROM c WHERE c.planId = @plan AND (c.type = 'membership' OR c.type = 'pendingMembership')",
        parameters: [{ name: '@plan', value: planId }],
      })
      .fetchAll();
    const wanted = new Map<string, Wanted>();
    for (const p of people) {
      const doc = documentFor(planId, p);
      if (doc) wanted.set(doc.aadObjectId, doc);
    }
    // Each member's version once this is done (user → ETag), for the grants below.
    const current = new Map<string, string>();
    for (const doc of existing) {
      const want = wanted.get(doc.aadObjectId);
      if (!want) await this.deleteQuietly(doc.id, doc.aadObjectId);
      else if (sameContent(withoutSystemProperties<Wanted>(doc), want)) {
        wanted.delete(doc.aadObjectId);
        if (doc.type === 'membership' && typeof doc._etag === 'string') current.set(doc.aadObjectId, doc._etag);
      }
    }
    for (const doc of wanted.values()) {
      const { resource } = await this.container.items.upsert(doc);
      if (doc.type === 'membership' && resource?._etag) current.set(doc.aadObjectId, resource._etag);
    }
    // After the memberships: a grant of any other version is deleted, whether this call changed
    // that member or an earlier one failed to finish (membershipGrants.ts).
    if (this.records) await revokeStaleGrants(this.records, planId, current, this.now());
  }

  async allowProofOf(membership: Membership): Promise<number | undefined> {
    return this.records ? allowProof(this.records, this.container, membership, this.now()) : undefined;
  }

  async pendingFor(emails: string[]): Promise<PendingMembership[]> {
    const out: PendingMembership[] = [];
    for (const email of new Set(emails)) {
      const { resources } = await this.container.items
        .query<PendingDocument>(
          // The partition in the WHERE clause too: the embedded server ignores the partition key option.
          { query: "SELECT * FROM c WHERE c.aadObjectId = @p AND c.type = 'pendingMembership'", parameters: [{ name: '@p', value: emailPartition(email) }] },
          { partitionKey: emailPartition(email) },
        )
        .fetchAll();
      out.push(...resources.map(({ email: e, planId, memberId }) => ({ email: e, planId, memberId })));
    }
    return out;
  }

  async identityOf(aadObjectId: string): Promise<(TeamsPerson & { claimed: boolean }) | undefined> {
    const { resource } = await this.container.item('identity', aadObjectId).read<IdentityDocument & Record<string, unknown>>();
    return resource ? { ...personOf(resource), claimed: resource.claimed === true } : undefined;
  }

  async rememberIdentity(person: TeamsPerson, claimed: boolean): Promise<void> {
    const doc: IdentityDocument = { id: 'identity', type: 'identity', ...person, claimed };
    await this.container.items.upsert(doc);
  }

  async identitiesByEmail(email: string): Promise<TeamsPerson[]> {
    const { resources } = await this.container.items
      .query<IdentityDocument & Record<string, unknown>>({
        query: "SELECT * FROM c WHERE c.type = 'identity' AND ARRAY_CONTAINS(c.emails, @e)",
        parameters: [{ name: '@e', value: email.toLowerCase() }],
      })
      .fetchAll();
    return resources.map(personOf);
  }

  async identityByTeamsId(teamsUserId: string): Promise<TeamsPerson | undefined> {
    const { resources } = await this.container.items
      .query<IdentityDocument & Record<string, unknown>>({ query: "SELECT * FROM c WHERE c.type = 'identity' AND c.teamsUserId = @id", parameters: [{ name: '@id', value: teamsUserId }] })
      .fetchAll();
    return resources[0] ? personOf(resources[0]) : undefined;
  }

  private async deleteQuietly(id: string, partition: string): Promise<void> {
    try {
      await this.container.item(id, partition).delete();
    } catch (err) {
      if (!isStatus(err, NOT_FOUND)) throw err;
    }
  }
}

function personOf(doc: IdentityDocument & Record<string, unknown>): TeamsPerson {
  const { id: _id, type: _type, claimed: _claimed, ...person } = withoutSystemProperties<IdentityDocument>(doc);
  return person;
}

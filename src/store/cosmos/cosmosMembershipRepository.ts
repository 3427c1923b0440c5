import type { Container } from '@azure/cosmos';
import type { Plan } from '../../domain/plan/schema';
import type { Membership, MembershipRepository } from '../../usecases/ports';

interface MembershipDocument extends Membership {
  /** One document per user per plan: the plan id is unique within the user's partition. */
  id: string;
  /** The user's partition also holds their preferences document. */
  type: 'membership';
}

export class CosmosMembershipRepository implements MembershipRepository {
  constructor(private readonly container: Container) {}

  async forUser(aadObjectId: string): Promise<Membership[]> {
    const { resources } = await this.container.items
      .query<MembershipDocument>(
        { query: "SELECT * FROM c WHERE c.aadObjectId = @aad AND c.type = 'membership'", parameters: [{ name: '@aad', value: aadObjectId }] },
        { partitionKey: aadObjectId },
      )
      .fetchAll();
    return resources
      .map(({ aadObjectId: aad, planId, memberId, name, roles }) => ({ aadObjectId: aad, planId, memberId, name, roles }))
      .sort((a, b) => a.planId.localeCompare(b.planId));
  }

  async replaceForPlan(plan: Plan): Promise<void> {
    // Imports are rare and run by an admin, so the one cross-partition query lives here.
    const { resources: existing } = await this.container.items
      .query<MembershipDocument>({ query: "SELECT c.id, c.aadObjectId FROM c WHERE c.planId = @plan AND c.type = 'membership'", parameters: [{ name: '@plan', value: plan.id }] })
      .fetchAll();
    const keep = new Set(plan.members.map((m) => m.aadObjectId));
    for (const doc of existing) {
      if (!keep.has(doc.aadObjectId)) await this.container.item(doc.id, doc.aadObjectId).delete();
    }
    for (const m of plan.members) {
      const doc: MembershipDocument = { id: plan.id, type: 'membership', aadObjectId: m.aadObjectId, planId: plan.id, memberId: m.id, name: m.name, roles: m.roles };
      await this.container.items.upsert(doc);
    }
  }
}

import type { Container } from '@azure/cosmos';
import type { Plan } from '../../domain/plan/schema';
import type { PlanRepository, StoredPlan } from '../../usecases/ports';

interface PlanDocument extends StoredPlan {
  id: string;
  planId: string;
  type: 'plan';
}

export class CosmosPlanRepository implements PlanRepository {
  constructor(private readonly container: Container) {}

  async get(planId: string): Promise<StoredPlan | undefined> {
    const { resource } = await this.container.item(planId, planId).read<PlanDocument>();
    return resource ? { plan: resource.plan, importedAt: resource.importedAt, revision: resource.revision } : undefined;
  }

  async listIds(): Promise<string[]> {
    const { resources } = await this.container.items.query<{ planId: string }>("SELECT c.planId FROM c WHERE c.type = 'plan'").fetchAll();
    return resources.map((r) => r.planId).sort();
  }

  async save(plan: Plan, importedAt: string): Promise<StoredPlan> {
    const previous = await this.get(plan.id);
    const doc: PlanDocument = { id: plan.id, planId: plan.id, type: 'plan', plan, importedAt, revision: (previous?.revision ?? 0) + 1 };
    await this.container.items.upsert(doc);
    return { plan, importedAt, revision: doc.revision };
  }
}

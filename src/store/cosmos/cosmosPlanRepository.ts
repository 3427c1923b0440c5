import type { Container } from '@azure/cosmos';
import { applyRoster, emptyRoster, type PlanRoster } from '../../domain/people/roster';
import type { Plan } from '../../domain/plan/schema';
import type { PlanRepository, PlanSources, StoredPlan } from '../../usecases/ports';
import { CONFLICT, isStatus, PRECONDITION_FAILED } from './cosmosErrors';

interface PlanDocument extends StoredPlan {
  id: string;
  planId: string;
  type: 'plan';
}

interface RosterDocument extends PlanRoster {
  id: string;
  type: 'roster';
}

/** Beside the plan in its partition; '|' cannot occur in a plan id (a slug). */
const rosterId = (planId: string) => `${planId}|roster`;

/**
 * The plan file and its roster (the people's changes made in chat) are two documents in the
 * plan's partition: a re-import replaces the first only, a change in chat the second only, each
 * with its own ETag, so neither can undo the other. Readers get the two combined.
 */
export class CosmosPlanRepository implements PlanRepository {
  constructor(private readonly container: Container) {}

  async get(planId: string): Promise<StoredPlan | undefined> {
    const sources = await this.sources(planId);
    return sources ? { ...sources.file, plan: applyRoster(sources.file.plan, sources.roster) } : undefined;
  }

  async sources(planId: string): Promise<PlanSources | undefined> {
    const [{ resource: plan }, { resource: roster, etag }] = await Promise.all([
      this.container.item(planId, planId).read<PlanDocument>(),
      this.container.item(rosterId(planId), planId).read<RosterDocument>(),
    ]);
    if (!plan) return undefined;
    return {
      file: { plan: plan.plan, importedAt: plan.importedAt, revision: plan.revision },
      roster: roster ? { planId, entries: roster.entries, resolved: roster.resolved } : emptyRoster(planId),
      rosterEtag: roster ? etag : undefined,
    };
  }

  async listIds(): Promise<string[]> {
    const { resources } = await this.container.items.query<{ planId: string }>("SELECT c.planId FROM c WHERE c.type = 'plan'").fetchAll();
    return resources.map((r) => r.planId).sort();
  }

  async save(plan: Plan, importedAt: string): Promise<StoredPlan> {
    const previous = await this.sources(plan.id);
    const doc: PlanDocument = { id: plan.id, planId: plan.id, type: 'plan', plan, importedAt, revision: (previous?.file.revision ?? 0) + 1 };
    await this.container.items.upsert(doc);
    return { plan: applyRoster(plan, previous?.roster), importedAt, revision: doc.revision };
  }

  async saveRoster(roster: PlanRoster, etag: string | undefined): Promise<'ok' | 'conflict'> {
    const doc: RosterDocument = { id: rosterId(roster.planId), type: 'roster', ...roster };
    try {
      if (etag) await this.container.item(doc.id, roster.planId).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      else await this.container.items.create(doc);
      return 'ok';
    } catch (err) {
      if (isStatus(err, PRECONDITION_FAILED) || isStatus(err, CONFLICT)) return 'conflict';
      throw err;
    }
  }
}

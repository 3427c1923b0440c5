import type { Clock } from '../domain/clock';
import type { PlanRepository, StoredPlan } from '../usecases/ports';

/**
 * Every turn needs the user's plan, a document of up to ~100 KB that costs RUs to read. Plans
 * change only on import, so each instance keeps them for a short while; another instance's
 * import shows up here within `ttlMs`.
 */
export class CachedPlanRepository implements PlanRepository {
  private readonly cache = new Map<string, { stored: StoredPlan | undefined; at: number }>();

  constructor(
    private readonly inner: PlanRepository,
    private readonly clock: Clock,
    private readonly ttlMs = 30_000,
  ) {}

  async get(planId: string): Promise<StoredPlan | undefined> {
    const hit = this.cache.get(planId);
    const now = this.clock.now().getTime();
    if (hit && now - hit.at < this.ttlMs) return hit.stored;
    const stored = await this.inner.get(planId);
    this.cache.set(planId, { stored, at: now });
    return stored;
  }

  async save(...args: Parameters<PlanRepository['save']>): Promise<StoredPlan> {
    const stored = await this.inner.save(...args);
    this.cache.set(stored.plan.id, { stored, at: this.clock.now().getTime() });
    return stored;
  }
}

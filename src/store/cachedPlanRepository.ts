import type { Clock } from '../domain/clock';
import type { PlanRepository, StoredPlan } from '../usecases/ports';
import { TtlCache } from './ttlCache';

/**
 * Every turn needs the user's plan, a document of up to ~100 KB that costs RUs to read. Plans
 * change only on import, so each instance keeps them for a short while.
 */
export class CachedPlanRepository implements PlanRepository {
  private readonly cache: TtlCache<string, StoredPlan | undefined>;

  constructor(
    private readonly inner: PlanRepository,
    clock: Clock,
    ttlMs = 30_000,
  ) {
    this.cache = new TtlCache(clock, ttlMs);
  }

  get(planId: string): Promise<StoredPlan | undefined> {
    return this.cache.get(planId, () => this.inner.get(planId));
  }

  /** The plan as this instance last read it, however long ago; no database call. */
  peek(planId: string): StoredPlan | undefined {
    return this.cache.peek(planId);
  }

  listIds(): Promise<string[]> {
    return this.inner.listIds();
  }

  async save(...args: Parameters<PlanRepository['save']>): Promise<StoredPlan> {
    const stored = await this.inner.save(...args);
    this.cache.set(stored.plan.id, stored);
    return stored;
  }
}

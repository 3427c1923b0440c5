import type { Clock } from '../domain/clock';
import type { PlanRoster } from '../domain/people/roster';
import type { PlanRepository, PlanSources, StoredPlan } from '../usecases/ports';
import { TtlCache } from './ttlCache';

/**
 * Every turn needs the user's plan, a document of up to ~100 KB that costs RUs to read. Plans
 * change on import and when a leader changes its people, so each instance keeps them for a short while.
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

  /** Uncached: a change to the roster must start from what is stored. */
  sources(planId: string): Promise<PlanSources | undefined> {
    return this.inner.sources(planId);
  }

  async saveRoster(roster: PlanRoster, etag: string | undefined): Promise<'ok' | 'conflict'> {
    const result = await this.inner.saveRoster(roster, etag);
    // This instance shows the change at once; others within the cache's lifetime, and a member's
    // own rights at once anyway (resolveMember reads their membership fresh).
    if (result === 'ok') this.cache.forget(roster.planId);
    return result;
  }
}

import type { Clock } from '../domain/clock';
import type { IndicatorRepository, IndicatorValue, ReportedValue } from '../usecases/ports';
import { TtlCache } from './ttlCache';

/**
 * Every status reads a plan's indicator values and partners' figures; a leader enters them a few
 * times a year. Kept a short while per instance, as the plan is: an entry made here shows at once,
 * one made on another instance within `ttlMs`.
 */
export class CachedIndicatorRepository implements IndicatorRepository {
  private readonly values: TtlCache<string, IndicatorValue[]>;
  private readonly reported: TtlCache<string, ReportedValue[]>;

  constructor(
    private readonly inner: IndicatorRepository,
    clock: Clock,
    ttlMs = 30_000,
  ) {
    this.values = new TtlCache(clock, ttlMs);
    this.reported = new TtlCache(clock, ttlMs);
  }

  list(planId: string): Promise<IndicatorValue[]> {
    return this.values.get(planId, () => this.inner.list(planId));
  }

  listReported(planId: string): Promise<ReportedValue[]> {
    return this.reported.get(planId, () => this.inner.listReported(planId));
  }

  async save(value: IndicatorValue): Promise<void> {
    try {
      await this.inner.save(value);
    } finally {
      this.values.forget(value.planId);
    }
  }

  async saveReported(value: ReportedValue): Promise<void> {
    try {
      await this.inner.saveReported(value);
    } finally {
      this.reported.forget(value.planId);
    }
  }
}

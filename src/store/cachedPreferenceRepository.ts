import type { Clock } from '../domain/clock';
import type { PreferenceRepository, UserPreferences } from '../usecases/ports';
import { TtlCache } from './ttlCache';

/** Every turn reads the user's language; it changes only when they say "sprog dansk" / "language english". */
export class CachedPreferenceRepository implements PreferenceRepository {
  private readonly cache: TtlCache<string, UserPreferences>;

  constructor(
    private readonly inner: PreferenceRepository,
    clock: Clock,
    ttlMs = 30_000,
  ) {
    this.cache = new TtlCache(clock, ttlMs);
  }

  get(aadObjectId: string): Promise<UserPreferences> {
    return this.cache.get(aadObjectId, () => this.inner.get(aadObjectId));
  }

  /** The preferences as this instance last read them; no database call. */
  peek(aadObjectId: string): UserPreferences | undefined {
    return this.cache.peek(aadObjectId);
  }

  async save(aadObjectId: string, preferences: UserPreferences): Promise<void> {
    await this.inner.save(aadObjectId, preferences);
    this.cache.set(aadObjectId, preferences);
  }
}

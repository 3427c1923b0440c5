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

  async save(aadObjectId: string, preferences: UserPreferences): Promise<void> {
    await this.inner.save(aadObjectId, preferences);
    this.cache.set(aadObjectId, preferences);
  }
}

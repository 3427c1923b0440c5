import type { Clock } from '../domain/clock';

/**
 * A per-instance cache whose entries expire after `ttlMs`: for data read on every turn and
 * changed rarely. Another instance's change shows up here within `ttlMs`; this instance's own
 * writes go through `set` and show at once.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();
  /** Bumped by every set and forget: a load that began before one does not put back what it read. */
  private changes = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const changesBefore = this.changes;
    const value = await load();
    if (this.changes === changesBefore) this.entries.set(key, { value, at: now });
    return value;
  }

  /** The last value loaded, however old: for answering while the source is away, never for deciding. */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: K, value: V): void {
    this.changes++;
    this.entries.set(key, { value, at: this.clock.now().getTime() });
  }

  /** Drops an entry, so the next get loads it again. */
  forget(key: K): void {
    this.changes++;
    this.entries.delete(key);
  }
}

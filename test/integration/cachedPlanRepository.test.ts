import type { Clock } from '../../src/domain/clock';
import { CachedPlanRepository } from '../../src/store/cachedPlanRepository';
import { CachedPreferenceRepository } from '../../src/store/cachedPreferenceRepository';
import { loadDemoPlan } from '../fixtures/plans';
import { openTestStore } from '../support/embeddedStore';

describe('the plan cache in front of Cosmos', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let now = 0;
  const clock: Clock = { now: () => new Date(now) };
  beforeEach(async () => {
    store = await openTestStore();
    now = Date.parse('2025-06-16T08:00:00Z');
  });
  afterEach(async () => {
    await store.close();
  });

  it('serves a plan from memory within the time limit, and re-reads it after', async () => {
    const plan = loadDemoPlan();
    await store.repos.plans.save(plan, '2025-06-16T08:00:00.000Z');
    const cached = new CachedPlanRepository(store.repos.plans, clock, 30_000);
    expect((await cached.get(plan.id))?.revision).toBe(1);

    // Another instance imports a new revision straight into the database.
    await store.repos.plans.save({ ...plan, name: 'Ny revision' }, '2025-06-16T08:00:10.000Z');
    now += 29_000;
    expect((await cached.get(plan.id))?.plan.name).toBe(plan.name);
    now += 2_000;
    expect((await cached.get(plan.id))?.plan.name).toBe('Ny revision');
  });

  it('sees its own import at once', async () => {
    const plan = loadDemoPlan();
    const cached = new CachedPlanRepository(store.repos.plans, clock, 30_000);
    expect(await cached.get(plan.id)).toBeUndefined();
    await cached.save(plan, '2025-06-16T08:00:00.000Z');
    expect((await cached.get(plan.id))?.plan.id).toBe(plan.id);
  });
});

describe('the preference cache in front of Cosmos', () => {
  it('serves a language from memory within the time limit, sees its own change at once and another instance\'s after', async () => {
    const store = await openTestStore();
    let now = Date.parse('2025-06-16T08:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    try {
      const cached = new CachedPreferenceRepository(store.repos.preferences, clock, 30_000);
      expect(await cached.get('user-1')).toEqual({});
      await cached.save('user-1', { language: 'en' });
      expect(await cached.get('user-1')).toEqual({ language: 'en' });
      // Another instance switches the user back to Danish.
      await store.repos.preferences.save('user-1', { language: 'da' });
      now += 29_000;
      expect(await cached.get('user-1')).toEqual({ language: 'en' });
      now += 2_000;
      expect(await cached.get('user-1')).toEqual({ language: 'da' });
    } finally {
      await store.close();
    }
  });
});

import type { Clock } from '../../src/domain/clock';
import type { MilestoneState } from '../../src/domain/reminders/scheduleState';
import { CachedIndicatorRepository } from '../../src/store/cachedIndicatorRepository';
import { CachedScheduleRepository } from '../../src/store/cachedScheduleRepository';
import { TtlCache } from '../../src/store/ttlCache';
import type { IndicatorValue } from '../../src/usecases/ports';
import { openTestStore } from '../support/embeddedStore';

const PLAN = 'husum-tingbjerg-2024-2028';
let now = Date.parse('2025-06-16T08:00:00Z');
const clock: Clock = { now: () => new Date(now) };
let store: Awaited<ReturnType<typeof openTestStore>>;
beforeEach(async () => {
  store = await openTestStore();
  now = Date.parse('2025-06-16T08:00:00Z');
});
afterEach(async () => {
  await store.close();
});

const value = (n: number): IndicatorValue => ({ id: `indicator|karakter|2025`, type: 'indicatorValue', planId: PLAN, indicatorId: 'karakter', period: '2025', value: n, source: 'Skolen', enteredBy: 'alex-wilber', enteredAt: '2025-06-16T08:00:00Z' });
const milestone = (done?: MilestoneState['done']): MilestoneState => ({ id: `milestone|m1`, type: 'milestoneState', planId: PLAN, milestoneId: 'm1', ...(done ? { done } : {}) });

describe('indicator values and milestone states kept a short while per instance, for status', () => {
  it("shows a value entered here at once, and another instance's within the time limit", async () => {
    const cached = new CachedIndicatorRepository(store.repos.indicators, clock, 30_000);
    expect(await cached.list(PLAN)).toEqual([]);
    await cached.save(value(7.1));
    expect((await cached.list(PLAN)).map((v) => v.value)).toEqual([7.1]);
    // Another instance corrects it straight in the database.
    await store.repos.indicators.save(value(7.4));
    now += 29_000;
    expect((await cached.list(PLAN)).map((v) => v.value)).toEqual([7.1]);
    now += 2_000;
    expect((await cached.list(PLAN)).map((v) => v.value)).toEqual([7.4]);
  });

  it("marks a milestone done here at once, and after someone else's change gets in first, starts the next try from what is stored", async () => {
    const cached = new CachedScheduleRepository(store.repos.schedule, clock, 30_000);
    expect(await cached.saveMilestoneState(milestone(), undefined)).toBe('ok');
    const [first] = await cached.milestoneStates(PLAN);
    // Another instance marks it done; this one still holds the old version and loses the race.
    const [stored] = await store.repos.schedule.milestoneStates(PLAN);
    expect(await store.repos.schedule.saveMilestoneState(milestone({ date: '2025-06-16', by: 'bo' }), stored!.etag)).toBe('ok');
    expect(await cached.saveMilestoneState(milestone({ date: '2025-06-16', by: 'alex' }), first!.etag)).toBe('conflict');
    const [fresh] = await cached.milestoneStates(PLAN);
    expect(fresh!.record.done?.by).toBe('bo');
    expect(await cached.saveMilestoneState(milestone({ date: '2025-06-16', by: 'alex' }), fresh!.etag)).toBe('ok');
    expect((await cached.milestoneStates(PLAN))[0]!.record.done?.by).toBe('alex');
  });

  it('does not put back what a read saw when a change was made while it was under way', async () => {
    const cache = new TtlCache<string, number>(clock, 30_000);
    let release: (n: number) => void = () => undefined;
    const slowRead = cache.get('plan', () => new Promise<number>((resolve) => (release = resolve)));
    cache.forget('plan');
    release(1);
    expect(await slowRead).toBe(1);
    expect(await cache.get('plan', async () => 2)).toBe(2);
  });
});

import { systemClock } from '../domain/clock';
import type { Repositories } from '../usecases/ports';
import { CachedIndicatorRepository } from './cachedIndicatorRepository';
import { CachedPlanRepository } from './cachedPlanRepository';
import { CachedPreferenceRepository } from './cachedPreferenceRepository';
import { CachedScheduleRepository } from './cachedScheduleRepository';
import { RememberedMembershipRepository } from './rememberedMembershipRepository';

/**
 * The repositories as the app uses them: plans, preferences, indicator values and milestone states
 * kept a short while per instance, memberships remembered (see each class for what may be stale and for how long). One function,
 * so the server and the benchmarks that measure it wire the same thing.
 */
/** `onProofFailure`: a membership version could not be made provable (the database failed; saves then read fresh). */
export function appRepositories(stored: Repositories, onProofFailure?: (err: unknown) => void) {
  // The caches expire on real time, whatever clock the app is given.
  const plans = new CachedPlanRepository(stored.plans, systemClock);
  const preferences = new CachedPreferenceRepository(stored.preferences, systemClock);
  const memberships = new RememberedMembershipRepository(stored.memberships, undefined, undefined, undefined, onProofFailure);
  const indicators = new CachedIndicatorRepository(stored.indicators, systemClock);
  const schedule = new CachedScheduleRepository(stored.schedule, systemClock);
  const repos: Repositories = { ...stored, plans, preferences, memberships, indicators, schedule };
  return { repos, plans, preferences, memberships };
}

import type { Clock } from '../../domain/clock';
import type { Logger } from '../../logging/logger';
import type { LastKnown } from '../../usecases/lastKnown';
import type { Repositories, UserDirectory } from '../../usecases/ports';

export interface HandlerDeps {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  /** Whether an error means the database did not answer (down, unreachable, too slow). */
  isStoreUnavailable(err: unknown): boolean;
  /** What this instance last read, to answer from while the database is away. */
  lastKnown: LastKnown;
  /** Microsoft Graph's users, when configured. */
  users?: UserDirectory;
  /** Who may start a plan from a file before any plan names them admin (PLAN_ADMINS). */
  bootstrapAdmins?: string[];
}

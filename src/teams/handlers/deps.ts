import type { Clock } from '../../domain/clock';
import type { Repositories } from '../../usecases/ports';

export interface HandlerDeps {
  repos: Repositories;
  clock: Clock;
}

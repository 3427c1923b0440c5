import type { Clock } from '../domain/clock';
import type { MilestoneState, NextMeetingOverride } from '../domain/reminders/scheduleState';
import type { ScheduleRepository, Versioned } from '../usecases/ports';
import { TtlCache } from './ttlCache';

/**
 * Every status reads a plan's milestone states; they change when someone marks a milestone. Kept
 * a short while per instance: a change made here shows at once, one made on another instance
 * within `ttlMs`. A save that finds someone else's change first ('conflict') drops the copy, so
 * the next try starts from what is stored. The reminder scheduler reads the states uncached.
 */
export class CachedScheduleRepository implements ScheduleRepository {
  private readonly states: TtlCache<string, Versioned<MilestoneState>[]>;

  constructor(
    private readonly inner: ScheduleRepository,
    clock: Clock,
    ttlMs = 30_000,
  ) {
    this.states = new TtlCache(clock, ttlMs);
  }

  milestoneStates(planId: string): Promise<Versioned<MilestoneState>[]> {
    return this.states.get(planId, () => this.inner.milestoneStates(planId));
  }

  async saveMilestoneState(state: MilestoneState, etag: string | undefined): Promise<'ok' | 'conflict'> {
    try {
      return await this.inner.saveMilestoneState(state, etag);
    } finally {
      this.states.forget(state.planId);
    }
  }

  nextMeetings(planId: string): Promise<NextMeetingOverride[]> {
    return this.inner.nextMeetings(planId);
  }

  saveNextMeeting(override: NextMeetingOverride): Promise<void> {
    return this.inner.saveNextMeeting(override);
  }
}

import type { Container } from '@azure/cosmos';
import type { MilestoneState, NextMeetingOverride } from '../../domain/reminders/scheduleState';
import type { ScheduleRepository, Versioned } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';
import { withoutSystemProperties } from './systemProperties';

/** Milestone states and "næste møde" dates, beside the outbox in the reminders container. */
export class CosmosScheduleRepository implements ScheduleRepository {
  constructor(private readonly container: Container) {}

  async milestoneStates(planId: string): Promise<Versioned<MilestoneState>[]> {
    const resources = await this.query<MilestoneState>(planId, 'milestoneState');
    return resources.map((r) => ({ record: withoutSystemProperties<MilestoneState>(r), etag: String(r._etag) }));
  }

  async saveMilestoneState(state: MilestoneState, etag: string | undefined): Promise<'ok' | 'conflict'> {
    try {
      if (etag) await this.container.item(state.id, state.planId).replace(state, { accessCondition: { type: 'IfMatch', condition: etag } });
      else await this.container.items.create(state);
      return 'ok';
    } catch (err) {
      if (isStatus(err, CONFLICT) || isStatus(err, PRECONDITION_FAILED) || isStatus(err, NOT_FOUND)) return 'conflict';
      throw err;
    }
  }

  async nextMeetings(planId: string): Promise<NextMeetingOverride[]> {
    return (await this.query<NextMeetingOverride>(planId, 'nextMeeting')).map((r) => withoutSystemProperties<NextMeetingOverride>(r));
  }

  async saveNextMeeting(override: NextMeetingOverride): Promise<void> {
    await this.container.items.upsert(override);
  }

  private async query<T>(planId: string, type: string): Promise<(T & Record<string, unknown>)[]> {
    const { resources } = await this.container.items
      .query<T & Record<string, unknown>>(
        { query: 'SELECT * FROM c WHERE c.planId = @plan AND c.type = @type', parameters: [{ name: '@plan', value: planId }, { name: '@type', value: type }] },
        { partitionKey: planId },
      )
      .fetchAll();
    return resources;
  }
}

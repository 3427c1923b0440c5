import { ErrorResponse, type Container } from '@azure/cosmos';
import type { AttendanceRecord } from '../../domain/attendance/attendance';
import type { DateRange } from '../../domain/calendar';
import type { AttendanceRepository } from '../../usecases/ports';

const CONFLICT = 409;

function withoutSystemProperties(doc: AttendanceRecord & Record<string, unknown>): AttendanceRecord {
  const { id, planId, type, activityId, date, headcount, newParticipants, loggedBy, loggedAt } = doc;
  return { id, planId, type, activityId, date, headcount, loggedBy, loggedAt, ...(newParticipants === undefined ? {} : { newParticipants }) };
}

export class CosmosAttendanceRepository implements AttendanceRepository {
  constructor(private readonly container: Container) {}

  async createOnce(record: AttendanceRecord): Promise<{ created: boolean; record: AttendanceRecord }> {
    try {
      await this.container.items.create(record);
      return { created: true, record };
    } catch (err) {
      // A retried invoke carries the same submission id, so the same document id: keep the first.
      if (err instanceof ErrorResponse && err.code === CONFLICT) {
        const { resource } = await this.container.item(record.id, record.planId).read<AttendanceRecord & Record<string, unknown>>();
        if (resource) return { created: false, record: withoutSystemProperties(resource) };
      }
      throw err;
    }
  }

  async listInRange(planId: string, range: DateRange): Promise<AttendanceRecord[]> {
    const { resources } = await this.container.items
      .query<AttendanceRecord & Record<string, unknown>>(
        {
          query: "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'attendance' AND c.date >= @from AND c.date <= @to",
          parameters: [
            { name: '@plan', value: planId },
            { name: '@from', value: range.from },
            { name: '@to', value: range.to },
          ],
        },
        { partitionKey: planId },
      )
      .fetchAll();
    return resources.map(withoutSystemProperties);
  }
}

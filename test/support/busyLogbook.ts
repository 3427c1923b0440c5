import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import { addDays } from '../../src/domain/calendar';
import type { Plan } from '../../src/domain/plan/schema';
import type { MeetingRecord } from '../../src/domain/records/meeting';
import type { OutcomeRecord } from '../../src/domain/records/outcome';

/**
 * A year of a busy logbook for any plan: every activity held weekly with a dozen people, every
 * outcome logged monthly, every network meeting monthly with its organisations. Enough for every
 * counted target to have a figure, so a status card shows as many lines as it ever will.
 */
export function busyLogbook(plan: Plan, year: number): (AttendanceRecord | OutcomeRecord | MeetingRecord)[] {
  const by = { loggedBy: plan.members[0]?.id ?? 'someone', loggedAt: `${year}-01-01T10:00:00Z` };
  const out: (AttendanceRecord | OutcomeRecord | MeetingRecord)[] = [];
  let n = 0;
  for (let week = 0; week < 50; week++) {
    const date = addDays(`${year}-01-06`, week * 7);
    for (const activity of plan.activities) {
      out.push({ id: `s${n++}`, planId: plan.id, type: 'attendance', activityId: activity.id, date, headcount: 12, newParticipants: week % 4 === 0 ? 3 : 0, ...by });
      if (week % 4 === 0) for (const outcome of activity.outcomes) out.push({ id: `o${n++}`, planId: plan.id, type: 'outcome', activityId: activity.id, outcomeId: outcome.id, date, count: 2, ...by });
    }
    if (week % 4 === 1) {
      for (const network of plan.networks) out.push({ id: `m${n++}`, planId: plan.id, type: 'meeting', networkId: network.id, date, participants: [], organisations: network.organisations, othersCount: 4, followUps: [], ...by });
    }
  }
  return out;
}

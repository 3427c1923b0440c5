import type { DateRange, IsoDate } from '../calendar';
import { milestoneOccurrences } from '../plan/milestones';
import type { Plan } from '../plan/schema';
import { effectiveDueDate } from '../reminders/dueReminders';
import type { MilestoneState } from '../reminders/scheduleState';

export type MilestoneMark = 'done' | 'overdue' | 'open' | 'notReached';

/** One milestone on the timeline: when it is due now, when the plan first said, and where it stands. */
export interface TimelineEntry {
  id: string;
  text: string;
  due: IsoDate;
  plannedDue: IsoDate;
  moved: boolean;
  doneOn?: IsoDate;
  mark: MilestoneMark;
}

/**
 * Every milestone of the period on one line, the way status sorts them (milestoneSummary): due
 * in the period, or still open from before it while it runs; done, overdue, open, or once the
 * plan has ended not reached. Milestones dated before the plan began are its history.
 */
export function milestoneTimeline(plan: Plan, window: DateRange, today: IsoDate, states: MilestoneState[], activityIds?: string[]): TimelineEntry[] {
  const ended = today > plan.period.end;
  const running = window.from <= today && today <= window.to;
  const out: TimelineEntry[] = [];
  for (const m of milestoneOccurrences(plan)) {
    if (activityIds && !(m.activity !== undefined && activityIds.includes(m.activity))) continue;
    if (m.due < plan.period.start) continue;
    const state = states.find((s) => s.milestoneId === m.id);
    const due = effectiveDueDate(m, state);
    const inWindow = due >= window.from && due <= window.to;
    if (!inWindow && !(running && due < window.from && !state?.done)) continue;
    const mark: MilestoneMark = state?.done ? 'done' : ended ? 'notReached' : due < today ? 'overdue' : 'open';
    out.push({ id: m.id, text: m.text, due, plannedDue: m.due, moved: due !== m.due, ...(state?.done ? { doneOn: state.done.date } : {}), mark });
  }
  return out.sort((a, b) => a.due.localeCompare(b.due));
}

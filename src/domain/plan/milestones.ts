import { addDays, addMonths, type IsoDate } from '../calendar';
import { activeRange } from './active';
import type { Milestone, Plan } from './schema';

/**
 * A milestone as it falls due once: a dated or month-range milestone is one occurrence; a
 * yearly one (the audit, the report to Landsbyggefonden) is one per year, `<id>@<year>`, each
 * done or moved on its own.
 */
export interface MilestoneOccurrence {
  id: string;
  milestoneId: string;
  text: string;
  due: IsoDate;
  year?: number;
  activity?: string;
  owner?: string;
}

/** A month range is due at the end of its last month ("maj–juli" is due 31 July). */
export function dueDateOf(due: { date: IsoDate } | { from: string; to: string }): IsoDate {
  return 'date' in due ? due.date : addDays(addMonths(`${due.to}-01`, 1), -1);
}

function occurrencesOf(m: Milestone, plan: Plan): MilestoneOccurrence[] {
  const base = { milestoneId: m.id, text: m.text, ...(m.activity ? { activity: m.activity } : {}), ...(m.owner ? { owner: m.owner } : {}) };
  if (!('yearly' in m.due)) return [{ ...base, id: m.id, due: dueDateOf(m.due) }];
  const range = activeRange(m.active, plan);
  const out: MilestoneOccurrence[] = [];
  for (let year = Number(range.from.slice(0, 4)); year <= Number(range.to.slice(0, 4)); year++) {
    const due = `${year}-${m.due.yearly}`;
    if (due >= range.from && due <= range.to) out.push({ ...base, id: `${m.id}@${year}`, due, year });
  }
  return out;
}

/** Every occurrence of every milestone of the plan, in plan order. */
export function milestoneOccurrences(plan: Plan): MilestoneOccurrence[] {
  return plan.milestones.flatMap((m) => occurrencesOf(m, plan));
}

export function findOccurrence(plan: Plan, id: string): MilestoneOccurrence | undefined {
  return milestoneOccurrences(plan).find((o) => o.id === id);
}

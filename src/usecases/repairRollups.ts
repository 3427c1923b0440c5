import { rollupsFromRecords } from '../domain/status/rollups';
import type { Repositories } from './ports';

const EVERYTHING = { from: '0000-01-01', to: '9999-12-31' };
/** A marker younger than this may belong to a change still under way. */
export const SETTLE_MS = 2 * 60_000;

export interface RepairReport {
  planId: string;
  repaired: number;
  rollups: number;
}

/**
 * Recomputes, from the records, the rollups of record changes that began and never finished (a
 * crash, or the database failing between the record and its rollups), then clears their markers.
 * Run by the scheduler on every tick; it reads nothing when there is nothing to repair. Markers
 * carry wall-clock time (the store writes them), so `now` is the wall clock, not the app's clock.
 */
export async function repairRollups(repos: Repositories, planId: string, now: Date, settleMs = SETTLE_MS): Promise<RepairReport> {
  const settled = new Date(now.getTime() - settleMs).toISOString();
  const open = await repos.rollups.openChanges(planId);
  const stale = open.filter((c) => c.at < settled);
  if (!stale.length) return { planId, repaired: 0, rollups: 0 };
  // Rollups a change still under way is writing are left for the next tick.
  const busy = new Set(open.filter((c) => c.at >= settled).flatMap((c) => c.rollupIds));
  const ids = [...new Set(stale.flatMap((c) => c.rollupIds))].filter((id) => !busy.has(id));
  const records = (await Promise.all((['attendance', 'meeting', 'referral', 'outcome', 'assessment'] as const).map((type) => repos.records.listInRange(planId, type, EVERYTHING)))).flat();
  const all = rollupsFromRecords(planId, records);
  await repos.rollups.replaceSome(planId, ids, ids.flatMap((id) => all.get(id) ?? []));
  for (const change of stale) if (change.rollupIds.every((id) => !busy.has(id))) await repos.rollups.endChange(planId, change.id);
  return { planId, repaired: stale.length, rollups: ids.length };
}

import { elapsedShare, yearsIn, type DateRange, type IsoDate } from '../calendar';
import { plannedMeetingsOf } from '../cadence/plannedMeetings';
import { activeWindow } from '../plan/active';
import { cadencesOf, type Cadence } from '../plan/cadences';
import type { Amount, Network } from '../plan/schema';
import { judge, type Judgement } from './judge';
import type { StatusContext } from './measures';
import { scaled } from './targetStatus';

/**
 * Every network's meetings against its cadence, with no target invented for it: "mødes minimum
 * 2 gange årligt" shows meetings held against planned. A network with several cadences (its own
 * meetings, reporting to another body) is judged on each.
 */
export interface CadenceStatus {
  network: Network;
  cadence: Cadence & { id: string };
  held: number;
  /** Meetings the cadence planned up to today (or the period's end). */
  plannedSoFar: number;
  /** Meetings it plans in the whole period. */
  plannedInPeriod: number;
  goal: Amount;
  judgement: Judgement;
}

export function cadenceStatuses(ctx: StatusContext, networks: Network[], asked: DateRange): CadenceStatus[] {
  const { plan, idx, today } = ctx;
  const out: CadenceStatus[] = [];
  for (const network of networks) {
    const cadences = cadencesOf(network);
    const scope = `network:${network.id}`;
    const window = activeWindow(network.active, plan, asked);
    for (const cadence of cadences) {
      // "Efter behov" plans nothing, so nothing can be behind.
      if (cadence.kind === 'asNeeded') continue;
      if (!window) {
        out.push({ network, cadence, held: 0, plannedSoFar: 0, plannedInPeriod: 0, goal: {}, judgement: 'inactive' });
        continue;
      }
      const end: IsoDate = today < window.to ? today : window.to;
      const tagged = (id: string) => idx.sum(scope, `meetings@${id}`, window.from, end);
      // A meeting logged without saying which cadence belongs to the network's own rhythm, its first.
      const held = cadence === cadences[0] ? idx.sum(scope, 'meetings', window.from, end) - cadences.slice(1).reduce((n, c) => n + tagged(c.id), 0) : tagged(cadence.id);
      const plannedSoFar = end >= window.from ? plannedMeetingsOf(plan, cadence, { from: window.from, to: end }).length : 0;
      const plannedInPeriod = plannedMeetingsOf(plan, cadence, window).length;
      if (cadence.kind === 'perYear') {
        // "3-4 møder årligt": dates are only spread evenly, so the minimum is prorated instead.
        const goal = scaled(cadence.count, yearsIn(window));
        out.push({ network, cadence, held, plannedSoFar, plannedInPeriod, goal, judgement: judge(held || undefined, goal, elapsedShare(window, today)) });
      } else {
        // No meeting logged at all is "ingen data": nobody may have logged them yet.
        const goal = { min: plannedSoFar };
        out.push({ network, cadence, held, plannedSoFar, plannedInPeriod, goal, judgement: judge(held || undefined, goal) });
      }
    }
  }
  return out;
}

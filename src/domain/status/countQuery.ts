import { intersect, type IsoDate } from '../calendar';
import type { Plan } from '../plan/schema';
import type { TargetStatus } from './planStatus';
import type { Rollup } from './rollups';
import type { StatusQuery } from './statusQuery';

type CountQuery = Extract<StatusQuery, { kind: 'count' }>;

/** Destinations (`offer-<id>`, `org-<id>`) that fit "til foreninger", "til skoler" or a named offer. */
function destinationsFor(plan: Plan, query: CountQuery): Set<string> | undefined {
  if (!query.toKind && !query.toText) return undefined;
  const out = new Set<string>();
  const orgKind = (id: string | undefined) => plan.organisations.find((o) => o.id === id)?.kind;
  for (const offer of plan.offers) {
    const words = [offer.name, ...offer.aliases].map((w) => w.toLowerCase());
    if ((query.toKind && (orgKind(offer.organisation) === query.toKind || words.some((w) => w.includes(query.toKind === 'association' ? 'forening' : 'skole')))) || (query.toText && words.some((w) => w.includes(query.toText!) || query.toText!.includes(w)))) out.add(`offer-${offer.id}`);
  }
  for (const org of plan.organisations) if ((query.toKind && org.kind === query.toKind) || (query.toText && org.name.toLowerCase().includes(query.toText))) out.add(`org-${org.id}`);
  return out;
}

/** "hvor mange …": one number from the rollups, and the plan's matching target if it has one. */
export function answerCount(plan: Plan, query: CountQuery, rollups: Rollup[], today: IsoDate, targets: TargetStatus[]): { value: number; target?: TargetStatus } {
  const window = intersect(query.period, { from: plan.period.start, to: plan.period.end }) ?? query.period;
  const end = today < window.to ? today : window.to;
  const inWindow = (r: Rollup) => r.month >= window.from.slice(0, 7) && r.month <= end.slice(0, 7);
  const activityIds = new Set(targets.filter((t) => t.holder.kind === 'activity').map((t) => t.holder.id));
  const inScope = (scopeId: string) => query.scope.kind === 'plan' || activityIds.has(scopeId) || (query.scope.kind === 'network' && scopeId === query.scope.id);
  let value = 0;
  if (query.measure === 'started' || query.measure === 'referred') {
    const destinations = destinationsFor(plan, query);
    for (const r of rollups.filter((r) => r.scope.startsWith('referrals:') && inWindow(r) && inScope(r.scope.slice(10)))) {
      if (!destinations) value += r.counters[`reached:${query.measure}`] ?? 0;
      else for (const d of destinations) value += r.counters[`reached:${query.measure}:${d}`] ?? 0;
    }
    const target = targets.find((t) => t.target.kind === 'referrals' && t.target.reaching === query.measure && (!destinations || !t.target.toOffer || destinations.has(`offer-${t.target.toOffer}`)));
    return { value, ...(target ? { target } : {}) };
  }
  const [prefix, counter] = query.measure === 'meetings' ? ['network:', 'meetings'] : ['activity:', 'headcount'];
  for (const r of rollups.filter((r) => r.scope.startsWith(prefix) && inWindow(r) && inScope(r.scope.slice(prefix.length)))) {
    for (const [key, n] of Object.entries(r.counters)) {
      const day = /^d(\d\d):(.+)$/.exec(key);
      if (day && day[2] === counter && `${r.month}-${day[1]}` >= window.from && `${r.month}-${day[1]}` <= end) value += n;
    }
  }
  return { value };
}

import type { PlanIssue, PlanPath } from './parsePlan';
import { ageBandsOf } from '../records/ageBands';
import { cadencesOf } from './cadences';
import type { Plan, Target } from './schema';
import type { Measure } from './targets';

/**
 * What zod cannot see: every id a target names must exist in the plan. A `toOffer` naming no
 * offer would otherwise import and count 0 forever.
 */
export function checkTargetReferences(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const ids = {
    activities: new Set(plan.activities.map((a) => a.id)),
    networks: new Set(plan.networks.map((n) => n.id)),
    offers: new Set(plan.offers.map((o) => o.id)),
    indicators: new Set(plan.focusAreas.flatMap((f) => f.goals.flatMap((g) => g.indicators.map((i) => i.id)))),
  };
  const bands = new Set(ageBandsOf(plan));
  const expect = (known: Set<string>, id: string | undefined, path: PlanPath, what: string) => {
    if (id !== undefined && !known.has(id)) issues.push({ path, message: `${what} "${id}" er ikke defineret i planen` });
  };
  const activitiesNamed = (list: string[] | undefined, path: PlanPath) => list?.forEach((a, i) => expect(ids.activities, a, [...path, i], 'aktiviteten'));
  /** The outcomes and session kinds of the activities a target counts from. */
  const ofActivities = (named: string[] | undefined, own: string[]) => plan.activities.filter((a) => (named ?? own).includes(a.id));

  const checkMeasure = (m: Measure, path: PlanPath, own: string[]) => {
    if ('activities' in m) activitiesNamed(m.activities, [...path, 'activities']);
    switch (m.of) {
      case 'referrals':
        expect(ids.offers, m.toOffer, [...path, 'toOffer'], 'tilbuddet');
        break;
      case 'outcomes':
        if (!ofActivities(m.activities, own).some((a) => a.outcomes.some((o) => o.id === m.outcome))) issues.push({ path: [...path, 'outcome'], message: `resultatet "${m.outcome}" er ikke defineret under aktivitetens outcomes` });
        break;
      case 'meetings':
        expect(ids.networks, m.network, [...path, 'network'], 'netværket');
        break;
      case 'indicator':
        expect(ids.indicators, m.indicator, [...path, 'indicator'], 'indikatoren');
        break;
      case 'uniquePeople':
        break;
      default:
        if (m.ageBand && !bands.has(m.ageBand)) issues.push({ path: [...path, 'ageBand'], message: `aldersgruppen "${m.ageBand}" er ikke en af planens (settings.ageBands)` });
    }
  };

  const checkTarget = (t: Target, path: PlanPath, own: string[]) => {
    if ('activities' in t) activitiesNamed(t.activities, [...path, 'activities']);
    switch (t.kind) {
      case 'count':
        if (t.ageBand && !bands.has(t.ageBand)) issues.push({ path: [...path, 'ageBand'], message: `aldersgruppen "${t.ageBand}" er ikke en af planens (settings.ageBands)` });
        if (t.ageBand && t.of !== 'participants') issues.push({ path: [...path, 'ageBand'], message: 'en aldersgruppe kan kun bruges, når der tælles deltagere (of: participants)' });
        checkSessionKinds(t.sessionKinds, ofActivities(t.activities, own), [...path, 'sessionKinds']);
        break;
      case 'organisationsInvolved':
        checkSessionKinds(t.sessionKinds, ofActivities(undefined, own), [...path, 'sessionKinds']);
        break;
      case 'referrals':
        expect(ids.offers, t.toOffer, [...path, 'toOffer'], 'tilbuddet');
        break;
      case 'meetingsHeld':
        expect(ids.networks, t.network, [...path, 'network'], 'netværket');
        break;
      case 'pointInTime':
        expect(ids.offers, t.offer, [...path, 'offer'], 'tilbuddet');
        break;
      case 'repeatParticipation':
        if (t.per === 'week') issues.push({ path: [...path, 'per'], message: 'gentagelser tælles pr. måned, kvartal, år eller plan, ikke pr. uge' });
        break;
      case 'outcomes':
        checkMeasure({ of: 'outcomes', outcome: t.outcome, ...(t.activities ? { activities: t.activities } : {}) }, path, own);
        break;
      case 'change':
      case 'yearlyAverage':
        checkMeasure(t.measure, [...path, 'measure'], own);
        break;
      case 'funnel':
        checkMeasure(t.from, [...path, 'from'], own);
        checkMeasure(t.to, [...path, 'to'], own);
        break;
      case 'assessment':
        expect(ids.networks, t.by, [...path, 'by'], 'netværket');
        break;
      case 'gap': {
        expect(ids.indicators, t.indicator, [...path, 'indicator'], 'indikatoren');
        const indicator = plan.focusAreas.flatMap((f) => f.goals.flatMap((g) => g.indicators)).find((i) => i.id === t.indicator);
        if (indicator && (indicator.baseline.value === null || indicator.baseline.comparison?.value == null || !indicator.baseline.year)) {
          issues.push({ path: [...path, 'indicator'], message: `indikatoren "${t.indicator}" skal have baseline.value, baseline.year og baseline.comparison.value, før forskellen kan følges` });
        }
        break;
      }
      default:
        break;
    }
  };

  const checkSessionKinds = (kinds: string[] | undefined, activities: Plan['activities'], path: PlanPath) => {
    kinds?.forEach((k, i) => {
      if (!activities.some((a) => a.sessionKinds.some((s) => s.id === k))) issues.push({ path: [...path, i], message: `slags gang "${k}" er ikke defineret under aktivitetens sessionKinds` });
    });
  };

  const uniqueIds = (targets: Target[], path: PlanPath) => {
    const seen = new Set<string>();
    targets.forEach((t, j) => {
      if (seen.has(t.id)) issues.push({ path: [...path, j, 'id'], message: `mål-id "${t.id}" findes mere end én gang` });
      seen.add(t.id);
    });
  };

  plan.activities.forEach((a, i) => {
    a.targets.forEach((t, j) => checkTarget(t, ['activities', i, 'targets', j], [a.id]));
    uniqueIds(a.targets, ['activities', i, 'targets']);
  });
  plan.focusAreas.forEach((f, i) => {
    const own = plan.activities.filter((a) => a.focusAreas.includes(f.id)).map((a) => a.id);
    f.goals.forEach((g, j) => {
      g.targets.forEach((t, k) => checkTarget(t, ['focusAreas', i, 'goals', j, 'targets', k], own));
      uniqueIds(g.targets, ['focusAreas', i, 'goals', j, 'targets']);
    });
  });
  plan.networks.forEach((n, i) => {
    const cadences = cadencesOf(n);
    const seen = new Set<string>();
    cadences.forEach((c, j) => {
      const path: PlanPath = n.cadences ? ['networks', i, 'cadences', j] : ['networks', i, 'cadence'];
      if (seen.has(c.id)) issues.push({ path: [...path, 'id'], message: `kadence-id "${c.id}" findes mere end én gang` });
      seen.add(c.id);
      if (cadences.length > 1 && !c.label) issues.push({ path: [...path, 'label'], message: 'et netværk med flere kadencer skal give hver et label, som mødekortet kan vise' });
      if (c.kind === 'between') {
        expect(ids.networks, c.network, [...path, 'network'], 'netværket');
        if (c.network === n.id) issues.push({ path: [...path, 'network'], message: 'et netværk kan ikke mødes imellem sine egne møder' });
      }
    });
  });
  return issues;
}

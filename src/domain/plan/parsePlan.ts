import { checkTargetReferences } from './checkTargets';
import { danishErrorMap } from './danishIssues';
import { planSchema, type Plan } from './schema';

export type PlanPath = (string | number)[];

export interface PlanIssue {
  path: PlanPath;
  message: string;
}

export type PlanParseResult = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

/** Validates a plan's shape with zod, then that every id it refers to is defined once. */
export function parsePlan(raw: unknown): PlanParseResult {
  const shape = planSchema.safeParse(raw, { errorMap: danishErrorMap });
  if (!shape.success) {
    return { ok: false, issues: shape.error.issues.map((i) => ({ path: i.path, message: i.message })) };
  }
  const issues = [...checkReferences(shape.data), ...checkTargetReferences(shape.data)];
  return issues.length ? { ok: false, issues } : { ok: true, plan: shape.data };
}

function checkReferences(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const idsOf = (list: { id: string }[], listName: string): Set<string> => {
    const seen = new Set<string>();
    list.forEach((item, index) => {
      if (seen.has(item.id)) issues.push({ path: [listName, index, 'id'], message: `id "${item.id}" findes mere end én gang` });
      seen.add(item.id);
    });
    return seen;
  };
  const focusAreas = idsOf(plan.focusAreas, 'focusAreas');
  const organisations = idsOf(plan.organisations, 'organisations');
  const places = idsOf(plan.places, 'places');
  const members = idsOf(plan.members, 'members');
  const activities = idsOf(plan.activities, 'activities');
  idsOf(plan.networks, 'networks');
  idsOf(plan.offers, 'offers');
  idsOf(plan.milestones, 'milestones');

  const expect = (known: Set<string>, id: string | undefined, path: PlanPath, what: string) => {
    if (id !== undefined && !known.has(id)) issues.push({ path, message: `${what} "${id}" er ikke defineret i planen` });
  };

  if (plan.period.start > plan.period.end) issues.push({ path: ['period', 'end'], message: 'slutdatoen ligger før startdatoen' });
  const aadIds = new Set<string>();
  const emails = new Set<string>();
  plan.members.forEach((m, i) => {
    expect(organisations, m.organisation, ['members', i, 'organisation'], 'organisationen');
    const twice = (m.aadObjectId !== undefined && aadIds.has(m.aadObjectId)) || (m.email !== undefined && emails.has(m.email));
    if (twice) issues.push({ path: ['members', i, m.email !== undefined && emails.has(m.email) ? 'email' : 'aadObjectId'], message: 'samme Teams-bruger står to gange' });
    if (m.aadObjectId !== undefined) aadIds.add(m.aadObjectId);
    if (m.email !== undefined) emails.add(m.email);
  });
  plan.places.forEach((p, i) => {
    expect(places, p.subArea, ['places', i, 'subArea'], 'delområdet');
    expect(organisations, p.organisation, ['places', i, 'organisation'], 'organisationen');
  });
  plan.activities.forEach((a, i) => {
    a.focusAreas.forEach((f, j) => expect(focusAreas, f, ['activities', i, 'focusAreas', j], 'indsatsområdet'));
    expect(organisations, a.owner, ['activities', i, 'owner'], 'organisationen');
    a.partners.forEach((p, j) => expect(organisations, p, ['activities', i, 'partners', j], 'organisationen'));
  });
  plan.networks.forEach((n, i) => {
    expect(activities, n.activity, ['networks', i, 'activity'], 'aktiviteten');
    n.members.forEach((m, j) => expect(members, m, ['networks', i, 'members', j], 'medlemmet'));
    n.coordinators.forEach((m, j) => expect(members, m, ['networks', i, 'coordinators', j], 'medlemmet'));
    n.organisations.forEach((o, j) => expect(organisations, o, ['networks', i, 'organisations', j], 'organisationen'));
  });
  plan.offers.forEach((o, i) => expect(organisations, o.organisation, ['offers', i, 'organisation'], 'organisationen'));
  plan.milestones.forEach((m, i) => {
    expect(activities, m.activity, ['milestones', i, 'activity'], 'aktiviteten');
    expect(members, m.owner, ['milestones', i, 'owner'], 'medlemmet');
  });
  return issues;
}

import type { Clock } from '../domain/clock';
import { parsePlan, type PlanIssue } from '../domain/plan/parsePlan';
import type { Repositories, StoredPlan } from './ports';

export type ImportResult = { ok: true; stored: StoredPlan } | { ok: false; issues: PlanIssue[] };

/** Validates a plan (already read from YAML or JSON) and stores it with its memberships. */
export async function importPlan(repos: Repositories, clock: Clock, raw: unknown): Promise<ImportResult> {
  const parsed = parsePlan(raw);
  if (!parsed.ok) return parsed;
  const stored = await repos.plans.save(parsed.plan, clock.now().toISOString());
  await repos.memberships.replaceForPlan(parsed.plan);
  return { ok: true, stored };
}

import type { Clock } from '../domain/clock';
import { normaliseEmail } from '../domain/people/person';
import type { PlanIssue } from '../domain/plan/parsePlan';
import { parsePlanText } from '../domain/plan/planText';
import { importPlan } from './importPlan';
import type { Repositories, StoredPlan, UserDirectory } from './ports';

/** A file sent to the bot in chat, as the Teams edge fetched it. */
export type ReceivedFile = { name: string; text: string } | { name: string; problem: 'tooBig' | 'cannotFetch' };

export type PlanFileResult =
  | { kind: 'onlyPersonal' }
  | { kind: 'notYaml'; name: string }
  | { kind: 'tooBig' | 'cannotFetch'; name: string }
  | { kind: 'yamlError'; name: string; line: number | undefined; code: string }
  | { kind: 'notAdmin' }
  | { kind: 'notAdminOfPlan'; planId: string }
  | { kind: 'issues'; name: string; issues: { line: number | undefined; path: PlanIssue['path']; message: string }[] }
  | { kind: 'imported'; name: string; stored: StoredPlan; pending: string[] };

export interface PlanFileDeps {
  repos: Repositories;
  clock: Clock;
  users?: UserDirectory;
  /** E-mail addresses or object ids who may start a plan while none names them admin (PLAN_ADMINS). */
  bootstrapAdmins: string[];
}

/**
 * May this user import a plan with this id? An existing plan: its admins. A new plan: an admin
 * of any plan, or someone in PLAN_ADMINS (how the very first plan gets in).
 */
async function mayImport(deps: PlanFileDeps, aadObjectId: string, planId: string | undefined): Promise<PlanFileResult | undefined> {
  const memberships = await deps.repos.memberships.forUser(aadObjectId);
  const exists = planId ? await deps.repos.plans.get(planId) : undefined;
  if (exists) return memberships.some((m) => m.planId === planId && m.roles.includes('admin')) ? undefined : { kind: 'notAdminOfPlan', planId: planId! };
  if (memberships.some((m) => m.roles.includes('admin'))) return undefined;
  const identity = await deps.repos.memberships.identityOf(aadObjectId);
  const names = new Set([aadObjectId.toLowerCase(), ...(identity?.emails ?? [])].map(normaliseEmail));
  return deps.bootstrapAdmins.some((a) => names.has(normaliseEmail(a))) ? undefined : { kind: 'notAdmin' };
}

/** An admin sends a plan file in the personal chat: Danish errors with line numbers, or the plan imported. */
export async function importPlanFile(deps: PlanFileDeps, turn: { aadObjectId: string | undefined; conversationType: string | undefined }, file: ReceivedFile): Promise<PlanFileResult> {
  if (!turn.aadObjectId) return { kind: 'notAdmin' };
  if (turn.conversationType !== 'personal') return { kind: 'onlyPersonal' };
  if (!/\.ya?ml$/i.test(file.name)) return { kind: 'notYaml', name: file.name };
  if ('problem' in file) return { kind: file.problem, name: file.name };
  const text = parsePlanText(file.text);
  const planId = text.ok && text.raw && typeof text.raw === 'object' && typeof (text.raw as { id?: unknown }).id === 'string' ? (text.raw as { id: string }).id : undefined;
  // Permission before anything about the file's content is said.
  const refused = await mayImport(deps, turn.aadObjectId, planId);
  if (refused) return refused;
  if (!text.ok) return { kind: 'yamlError', name: file.name, line: text.line, code: text.code };
  const result = await importPlan(deps.repos, deps.clock, text.raw, deps.users);
  if (!result.ok) return { kind: 'issues', name: file.name, issues: result.issues.map((i) => ({ ...i, line: text.lineOf(i.path) })) };
  return { kind: 'imported', name: file.name, stored: result.stored, pending: result.pending };
}

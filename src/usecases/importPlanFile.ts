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

/** Someone who may import some plan: an admin of any plan, or someone in PLAN_ADMINS (how the very first plan gets in). */
async function mayImportAny(deps: PlanFileDeps, aadObjectId: string): Promise<boolean> {
  if ((await deps.repos.memberships.forUser(aadObjectId)).some((m) => m.roles.includes('admin'))) return true;
  const identity = await deps.repos.memberships.identityOf(aadObjectId);
  const names = new Set([aadObjectId.toLowerCase(), ...(identity?.emails ?? [])].map(normaliseEmail));
  return deps.bootstrapAdmins.some((a) => names.has(normaliseEmail(a)));
}

/** An existing plan takes files from its own admins only. */
async function mayImportPlan(deps: PlanFileDeps, aadObjectId: string, planId: string | undefined): Promise<boolean> {
  if (!planId || !(await deps.repos.plans.get(planId))) return true;
  return (await deps.repos.memberships.forUser(aadObjectId)).some((m) => m.planId === planId && m.roles.includes('admin'));
}

/**
 * An admin sends a plan file in the personal chat: Danish errors with line numbers, or the plan
 * imported. The file is fetched only for someone who may import a plan, and nothing about its
 * content is said before their right to that plan is checked.
 */
export async function importPlanFile(deps: PlanFileDeps, turn: { aadObjectId: string | undefined; conversationType: string | undefined }, offered: { name: string; fetch(): Promise<ReceivedFile> }): Promise<PlanFileResult> {
  if (!turn.aadObjectId) return { kind: 'notAdmin' };
  if (turn.conversationType !== 'personal') return { kind: 'onlyPersonal' };
  if (!/\.ya?ml$/i.test(offered.name)) return { kind: 'notYaml', name: offered.name };
  if (!(await mayImportAny(deps, turn.aadObjectId))) return { kind: 'notAdmin' };
  const file = await offered.fetch();
  if ('problem' in file) return { kind: file.problem, name: file.name };
  const text = parsePlanText(file.text);
  const planId = text.ok && text.raw && typeof text.raw === 'object' && typeof (text.raw as { id?: unknown }).id === 'string' ? (text.raw as { id: string }).id : undefined;
  if (!(await mayImportPlan(deps, turn.aadObjectId, planId))) return { kind: 'notAdminOfPlan', planId: planId! };
  if (!text.ok) return { kind: 'yamlError', name: file.name, line: text.line, code: text.code };
  const result = await importPlan(deps.repos, deps.clock, text.raw, deps.users);
  if (!result.ok) return { kind: 'issues', name: file.name, issues: result.issues.map((i) => ({ ...i, line: text.lineOf(i.path) })) };
  return { kind: 'imported', name: file.name, stored: result.stored, pending: result.pending };
}

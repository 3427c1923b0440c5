import { cadencesOf } from '../../src/domain/plan/cadences';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parsePlan } from '../../src/domain/plan/parsePlan';
import { formatIssues, readPlanFile } from '../../src/store/planFile';
import { planFiles, rawPlan } from '../fixtures/plans';

async function issuesFor(plan: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plan-'));
  const file = join(dir, 'plan.yaml');
  await writeFile(file, stringify(plan));
  const { raw, lineOf } = await readPlanFile(file);
  const result = parsePlan(raw);
  return result.ok ? '' : formatIssues('plan.yaml', result.issues, lineOf);
}

describe('plan files', () => {
  it.each(Object.entries(planFiles))('the demo plan %s is valid', (_name, file) => {
    const result = parsePlan(rawPlan(file));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('names the field and the line of a wrong value', async () => {
    const plan = rawPlan(planFiles.husumTingbjerg);
    (plan.period as Record<string, unknown>).start = '1. september 2024';
    const message = await issuesFor(plan);
    expect(message).toMatch(/^plan\.yaml:\d+: period\.start: skal være en dato som ÅÅÅÅ-MM-DD$/m);
  });

  it('names the activity and target when a target has no amount', async () => {
    const plan = rawPlan(planFiles.husumTingbjerg) as { activities: { targets: Record<string, unknown>[] }[] };
    const activityIndex = plan.activities.findIndex((a) => (a.targets ?? []).length > 0);
    delete plan.activities[activityIndex]!.targets[0]!.amount;
    expect(await issuesFor(plan)).toMatch(new RegExp(`plan\\.yaml:\\d+: activities\\.${activityIndex}\\.targets\\.0\\.amount: skal udfyldes`));
  });

  it('refuses a network coordinator who is not a member of the plan', async () => {
    const plan = rawPlan(planFiles.husumTingbjerg) as { networks: { coordinators: string[] }[] };
    plan.networks[0]!.coordinators = ['ukendt-person'];
    expect(await issuesFor(plan)).toMatch(/networks\.0\.coordinators\.0: medlemmet "ukendt-person" er ikke defineret i planen/);
  });

  it('refuses an activity in a focus area the plan does not have', async () => {
    const plan = rawPlan(planFiles.tryghedsplan) as { activities: { focusAreas: string[] }[] };
    plan.activities[0]!.focusAreas = ['ukendt-omraade'];
    expect(await issuesFor(plan)).toMatch(/activities\.0\.focusAreas\.0: indsatsområdet "ukendt-omraade" er ikke defineret i planen/);
  });

  it('refuses the same Teams user twice in one plan', async () => {
    const plan = rawPlan(planFiles.husumTingbjerg) as { members: Record<string, unknown>[] };
    plan.members.push({ ...plan.members[0]!, id: 'dublet' });
    expect(await issuesFor(plan)).toMatch(/members\.\d+\.aadObjectId: samme Teams-bruger står to gange/);
  });

  // Every criterion kind is used by at least one demo plan, from a real criterion of the digests
  // (docs/plan-coverage.md), except `yearlyAverage`: no digest states an average over years. Of the
  // cadence kinds, no digest gives a network a weekday rule or a rhythm "between" another body's
  // meetings; those are tested on their own (cadences.test.ts).
  it('expresses every target kind the digests use, and every cadence kind, across the demo plans', () => {
    const kinds = new Set<string>();
    const cadences = new Set<string>();
    for (const file of Object.values(planFiles)) {
      const result = parsePlan(rawPlan(file));
      if (!result.ok) throw new Error('invalid demo plan');
      result.plan.activities.forEach((a) => a.targets.forEach((t) => kinds.add(t.kind)));
      result.plan.focusAreas.forEach((f) => f.goals.forEach((g) => g.targets.forEach((t) => kinds.add(t.kind))));
      result.plan.networks.forEach((n) => cadencesOf(n).forEach((c) => cadences.add(c.kind)));
    }
    expect([...kinds].sort()).toEqual([
      'assessment', 'averageAttendance', 'change', 'count', 'funnel', 'gap', 'meetingsHeld', 'organisationsInvolved',
      'outcomes', 'pointInTime', 'referrals', 'repeatParticipation', 'retention', 'sessionsPerWeek', 'uniquePeople',
    ]);
    expect([...cadences].sort()).toEqual(['asNeeded', 'dated', 'every', 'perYear']);
  });
});

import { cadencesOf } from '../../src/domain/plan/cadences';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parsePlan } from '../../src/domain/plan/parsePlan';
import { formatIssues, readPlanFile } from '../../src/store/planFile';
import { criteriaPlanFile, planFiles, rawPlan } from '../fixtures/plans';

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

  it('refuses the same Teams user twice in one plan, by e-mail address in any case or by object id', async () => {
    const plan = rawPlan(planFiles.husumTingbjerg) as { members: Record<string, unknown>[] };
    plan.members.push({ ...plan.members[0]!, id: 'dublet', email: 'AlexW@Example.com' });
    expect(await issuesFor(plan)).toMatch(/members\.8\.email: samme Teams-bruger står to gange/);
    const byId = rawPlan(planFiles.husumTingbjerg) as { members: Record<string, unknown>[] };
    byId.members.push({ id: 'a', name: 'A', aadObjectId: 'x-1', roles: ['member'] }, { id: 'b', name: 'B', aadObjectId: 'x-1', roles: ['member'] });
    expect(await issuesFor(byId)).toMatch(/members\.9\.aadObjectId: samme Teams-bruger står to gange/);
  });

  it('names a member by e-mail address or object id, and says so in Danish when neither is there or the address is malformed', async () => {
    const plan = rawPlan(planFiles.husumTingbjerg) as { members: Record<string, unknown>[] };
    plan.members.push({ id: 'uden-id', name: 'Uden Id', roles: ['member'] }, { id: 'forkert', name: 'Forkert', email: 'ikke en adresse', roles: ['member'] });
    const message = await issuesFor(plan);
    expect(message).toMatch(/^plan\.yaml:\d+: members\.8\.email: angiv email \(personens e-mailadresse i Teams\) eller aadObjectId$/m);
    expect(message).toMatch(/^plan\.yaml:\d+: members\.9\.email: skal være en e-mailadresse som navn@kommune\.dk$/m);
  });

  it('keeps e-mail addresses lower case, so that matching them with Teams ignores case', () => {
    const plan = rawPlan(planFiles.husumTingbjerg) as { members: Record<string, unknown>[] };
    plan.members[1] = { ...plan.members[1]!, email: ' MeganB@Example.COM ' };
    const result = parsePlan(plan);
    expect(result.ok && result.plan.members[1]!.email).toBe('meganb@example.com');
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

describe('importing plans in Danish, version 1 files included', () => {
  const v1 = (name: string) => join(__dirname, '..', 'fixtures', 'version1', `${name}.yaml`);

  it.each(['husum-tingbjerg-2024-2028', 'tingbjerg-husum-tryghedsplan-2024', 'beboerprojekt-nordvest-2025-2029'])('a version-1 file people already wrote (%s) imports unchanged', async (name) => {
    const { raw } = await readPlanFile(v1(name));
    expect((raw as { schemaVersion: number }).schemaVersion).toBe(1);
    const result = parsePlan(raw);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('says in Danish what is wrong, never zod\'s English', async () => {
    const plan = rawPlan(planFiles.husumTingbjerg) as Record<string, unknown> & { activities: Record<string, unknown>[]; networks: Record<string, unknown>[] };
    plan.activities[0]!.targets = [{ id: 'x', text: 'x', kind: 'count', of: 'deltagere', per: 'year', amount: { min: '40' } }];
    plan.networks[0]!.kind = 'klub';
    plan.activities[1]!.ammount = 3;
    plan.name = 42;
    const message = await issuesFor(plan);
    expect(message).toMatch(/activities\.0\.targets\.0\.of: "deltagere" er ikke tilladt; vælg en af "participants", "newParticipants", "sessions", "events", "volunteers"/);
    expect(message).toMatch(/activities\.0\.targets\.0\.amount\.min: skal være et tal, men er tekst/);
    expect(message).toMatch(/networks\.0\.kind: "klub" er ikke tilladt/);
    expect(message).toMatch(/activities\.1: ukendt felt: ammount/);
    expect(message).toMatch(/plan\.yaml:\d+: name: skal være tekst, men er et tal/);
    expect(message).not.toMatch(/Required|Expected|Invalid|received|Unrecognized/);
  });

  it('refuses a referral target whose offer does not exist, and a retention target with neither amount nor share', async () => {
    const plan = rawPlan(planFiles.husumTingbjerg) as { activities: Record<string, unknown>[] };
    plan.activities[0]!.targets = [{ id: 'til-fritidsjobb', text: 'Mindst 20 brobygges til fritidsjob', kind: 'referrals', reaching: 'started', toOffer: 'fritidsjobb', per: 'year', amount: { min: 20 } }];
    expect(await issuesFor(plan)).toMatch(/activities\.0\.targets\.0\.toOffer: tilbuddet "fritidsjobb" er ikke defineret i planen/);
    // The shape is checked before the references, so this one is found on its own.
    plan.activities[0]!.targets = [{ id: 'fastholdt', text: '30 fastholdt efter 6 måneder', kind: 'retention', afterMonths: 6 }];
    expect(await issuesFor(plan)).toMatch(/activities\.0\.targets\.0\.amount: angiv amount \(et antal\) eller sharePercent \(en andel i procent\)/);
  });

  it('refuses references a criterion makes to things the plan does not define', async () => {
    const plan = rawPlan(criteriaPlanFile) as { activities: Record<string, unknown>[]; focusAreas: { goals: Record<string, unknown>[] }[] };
    plan.activities[0]!.targets = [
      { id: 'a', text: 'a', kind: 'outcomes', outcome: 'ukendt-resultat', per: 'year', amount: { min: 1 } },
      { id: 'b', text: 'b', kind: 'funnel', from: { of: 'outcomes', outcome: 'opsoegende-besoeg' }, to: { of: 'meetings', network: 'ukendt-netvaerk' }, sharePercent: { min: 35 } },
      { id: 'c', text: 'c', kind: 'count', of: 'participants', ageBand: '9-99', per: 'year', amount: { min: 1 } },
    ];
    const message = await issuesFor(plan);
    expect(message).toMatch(/targets\.0\.outcome: resultatet "ukendt-resultat" er ikke defineret/);
    expect(message).toMatch(/targets\.1\.to\.network: netværket "ukendt-netvaerk" er ikke defineret/);
    expect(message).toMatch(/targets\.2\.ageBand: aldersgruppen "9-99" er ikke en af planens/);
    plan.focusAreas[0]!.goals[0]!.targets = [{ id: 'd', text: 'd', kind: 'gap', indicator: 'sprogstimulering', reducePercent: 50, atMostPoints: 2 }];
    expect(await issuesFor(plan)).toMatch(/goals\.0\.targets\.0\.reducePercent: angiv præcis én af reducePercent, reducePointsPerYear og atMostPoints/);
  });
});

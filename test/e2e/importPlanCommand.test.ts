import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { planFiles, rawPlan } from '../fixtures/plans';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** `npm run import-plan`, run as a user would, against the embedded server's data folder. */
describe('the import-plan command', () => {
  jest.setTimeout(60_000);
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'logbog-import-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const importPlans = (...files: string[]) =>
    run(process.execPath, [require.resolve('tsx/cli'), 'src/main/importPlan.ts', ...files], {
      cwd: ROOT,
      env: { ...process.env, EMBEDDED_COSMOS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', COSMOS_ENDPOINT: '' },
    });

  it('stores both demo plans in the data folder', async () => {
    const { stdout } = await importPlans(planFiles.husumTingbjerg, planFiles.tryghedsplan);
    expect(stdout).toContain('importeret som "husum-tingbjerg-2024-2028" (revision 1)');
    expect(stdout).toContain('importeret som "tingbjerg-husum-tryghedsplan-2024" (revision 1)');
    const snapshot = await readFile(join(dataDir, 'cosmos-snapshot.json'), 'utf8');
    expect(snapshot).toContain('"id":"husum-tingbjerg-2024-2028"');
  });

  it('refuses a broken plan with the field and line, exits non-zero and stores nothing', async () => {
    const plan = rawPlan(planFiles.tryghedsplan);
    (plan.period as Record<string, unknown>).end = '2024-13-40';
    const file = join(dataDir, 'broken.yaml');
    await writeFile(file, stringify(plan));
    const failure = await importPlans(file).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/broken\.yaml:\d+: period\.end: skal være en dato/);
    const snapshot = await readFile(join(dataDir, 'cosmos-snapshot.json'), 'utf8').catch(() => '');
    expect(snapshot).not.toContain('tingbjerg-husum-tryghedsplan-2024');
  });
});

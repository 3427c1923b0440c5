import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
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

  it('takes a path relative to the folder the user runs npm in, and an absolute one', async () => {
    await writeFile(join(dataDir, 'min-plan.yaml'), stringify(rawPlan(planFiles.tryghedsplan)));
    const { stdout } = await run('npm', ['--prefix', ROOT, 'run', 'import-plan', '--', 'min-plan.yaml', planFiles.husumTingbjerg], {
      cwd: dataDir,
      env: { ...process.env, EMBEDDED_COSMOS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', COSMOS_ENDPOINT: '' },
    });
    expect(stdout).toContain('min-plan.yaml: importeret som "tingbjerg-husum-tryghedsplan-2024"');
    expect(stdout).toContain('importeret som "husum-tingbjerg-2024-2028"');
  });

  it('`npm start` imports DEMO_PLANS given as absolute paths and answers on its port', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'src/main/dev.ts'], {
      cwd: ROOT,
      env: { ...process.env, NO_PLAYGROUND: '1', PORT: String(port), HOST: '127.0.0.1', EMBEDDED_COSMOS_DATA_DIR: dataDir, DEMO_PLANS: `${planFiles.tryghedsplan},plans/husum-tingbjerg-2024-2028.yaml`, LOG_LEVEL: 'silent', SCHEDULER_INTERVAL_SECONDS: '0', COSMOS_ENDPOINT: '' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 45_000);
        child.stdout.on('data', () => {
          if (out.includes('Logbog kører')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
      });
      expect(out).toContain('Demoplan indlæst: Tingbjerg-Husum');
      expect(out).toContain('Demoplan indlæst: Den boligsociale helhedsplan for Husum-Tingbjerg 2024-2028');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});

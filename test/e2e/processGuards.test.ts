import { execFile } from 'node:child_process';
import { join } from 'node:path';

function run(mode: string): Promise<{ code: number | null; stdout: string; logs: { msg?: string; policy?: string }[] }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'support', 'processGuardsProcess.ts')], { env: { ...process.env, MODE: mode } }, (err, stdout, stderr) => {
      const logs = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg?: string; policy?: string });
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, logs });
    });
  });
}

describe('the process guards', () => {
  it('log an unhandled promise rejection and keep the process running', async () => {
    const { code, stdout, logs } = await run('rejection');
    expect(stdout).toContain('still running');
    expect(code).toBe(0);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'unhandled promise rejection', policy: 'keep serving' }));
  }, 30_000);

  it('log an uncaught exception, shut the server down and exit with 1 for the platform to restart', async () => {
    const { code, stdout, logs } = await run('exception');
    expect(stdout).toContain('stopped');
    expect(code).toBe(1);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'uncaught exception', policy: 'stop and restart' }));
  }, 30_000);
});

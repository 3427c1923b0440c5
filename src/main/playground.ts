import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningPlayground {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the Microsoft 365 Agents Playground (a Teams-like web chat that runs offline) wired to
 * the bot, and resolves once it listens. Its default user is Alex Wilber
 * (aadObjectId 00000000-0000-0000-0000-0000000000020), a member of the demo plans.
 */
export function startPlayground(botEndpoint: string, port: number, cwd: string): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(process.execPath, [cli, '--app-endpoint', botEndpoint, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // It tries to open a browser; there may be none, and that is fine.
    env: { ...process.env, BROWSER: 'none' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (\d+)/.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        resolve({
          url: `http://localhost:${match[1]}`,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the Agents Playground exited (${code}): ${output.slice(-500)}`)));
  });
}

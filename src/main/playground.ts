import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface RunningPlayground {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The Agents Playground's built-in users (its default configuration), with the e-mail addresses
 * TeamsInfo.getMember answers for them. Isaiah's user principal name and mail address differ.
 */
export const playgroundUsers = [
  { id: 'user-id-0', name: 'Alex Wilber', userPrincipleName: 'alexw@example.com', aadObjectId: '00000000-0000-0000-0000-0000000000020', givenName: 'Alex', surname: 'Wilber', email: 'alexw@example.com' },
  { id: 'user-id-1', name: 'Megan Bowen', userPrincipleName: 'meganb@example.com', aadObjectId: '00000000-0000-0000-0000-0000000000021', givenName: 'Megan', surname: 'Bowen', email: 'meganb@example.com' },
  { id: 'user-id-2', name: 'Adele Vance', userPrincipleName: 'adelev@example.com', aadObjectId: '00000000-0000-0000-0000-0000000000022', givenName: 'Adele', surname: 'Vance', email: 'adelev@example.com' },
  { id: 'user-id-3', name: 'Isaiah Langer', userPrincipleName: 'isaiah@example.com', aadObjectId: '00000000-0000-0000-0000-0000000000023', givenName: 'Isaiah', surname: 'Langer', email: 'isaiahl@example.com' },
  { id: 'user-id-4', name: 'Patti Fernandez', userPrincipleName: 'pattif@example.com', aadObjectId: '00000000-0000-0000-0000-0000000000024', givenName: 'Patti', surname: 'Fernandez', email: 'pattif@example.com' },
  { id: 'user-id-5', name: 'Lynne Robbins', userPrincipleName: 'lynner@example.com', aadObjectId: '00000000-0000-0000-0000-0000000000025', givenName: 'Lynne', surname: 'Robbins', email: 'lynner@example.com' },
] as const;

export type PlaygroundUser = (typeof playgroundUsers)[number];

/** The Playground user with this e-mail address (either of Isaiah's), or undefined. */
export function playgroundUser(email: string): PlaygroundUser | undefined {
  const e = email.trim().toLowerCase();
  return playgroundUsers.find((u) => u.userPrincipleName === e || u.email === e);
}

/**
 * The Playground acts as one user at a time: its configuration file's `currentUser`, the other
 * five being the tenant's (there must be exactly five). To act as someone else, it is started
 * again with a file naming them (M365_AGENTS_PLAYGROUND_CONFIG_PATH); everything else is its
 * default configuration.
 */
function configFileActingAs(user: PlaygroundUser): string {
  const dir = mkdtempSync(join(tmpdir(), 'logbog-playground-'));
  const file = join(dir, '.m365agentsplayground.yml');
  const config = {
    version: '0.1.1',
    tenantId: '00000000-0000-0000-0000-0000000000001',
    bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' },
    currentUser: user,
    users: playgroundUsers.filter((u) => u.id !== user.id),
    personalChat: { id: '__PERSONAL_CHAT_ID__' },
    groupChat: { id: '__GROUP_CHAT_ID__', name: 'Group Chat' },
    team: { id: 'team-id', name: 'My Team', aadGroupId: '00000000-0000-0000-0000-000000000031', channels: [{ id: 'channel-announcements-id', name: 'Announcements' }] },
  };
  writeFileSync(file, stringify(config));
  return file;
}

/**
 * Starts the Microsoft 365 Agents Playground (a Teams-like web chat that runs offline) wired to
 * the bot, and resolves once it listens. Its default user is Alex Wilber (alexw@example.com, the
 * demo plans' leader); `actingAs` names another of its users by e-mail address.
 */
export function startPlayground(botEndpoint: string, port: number, cwd: string, actingAs?: PlaygroundUser): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(process.execPath, [cli, '--app-endpoint', botEndpoint, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // It tries to open a browser; there may be none, and that is fine.
    env: { ...process.env, BROWSER: 'none', ...(actingAs ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFileActingAs(actingAs) } : {}) },
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

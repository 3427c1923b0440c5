import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { messageActivity, users } from '../support/activities';
import { CaptureConnector } from '../support/captureConnector';
import { requestArb, type FuzzRequest } from '../support/fuzzRequests';

const APP_ID = '2f8c1e55-6b7a-4c1d-9e3f-0a1b2c3d4e5f';
const OPEN_RUNS = 5_000;
const AUTHENTICATED_RUNS = 2_000;

interface BotChild {
  process: ChildProcess;
  url: string;
  /** The JSON log lines it wrote to stderr. */
  logs: { msg?: string; level?: number }[];
}

async function startBot(env: Record<string, string>): Promise<BotChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'support', 'botProcess.ts')], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: BotChild['logs'] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as BotChild['logs'][number]);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { process: child, url: (JSON.parse(line.toString()) as { url: string }).url, logs };
}

async function send(bot: BotChild, request: FuzzRequest): Promise<number> {
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.authorization) headers.authorization = request.authorization;
  // A Buffer body, so fetch adds no content type of its own.
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : Buffer.from(request.body);
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

/**
 * The bot runs in a process of its own, as in production (process guards installed), so a crash
 * is an exit the test sees, not a failure inside jest. Every request is one an attacker or a
 * broken client could send: activities with fields missing or of the wrong type, any JSON, raw
 * bytes, empty bodies, wrong content types, bodies over the limit.
 *
 * Allowed answers: 200 (a turn ran), 400 (not an activity), 401 (no valid token), 413 (too
 * large) and 415 (a charset the JSON parser does not read). Never a 5xx: whatever a client
 * sends is its mistake or a turn we answered, never our failure, so nothing a stranger sends can
 * raise the server-error rate that operations alert on.
 */
describe('/api/messages under random requests', () => {
  const connector = new CaptureConnector();
  const seen = { open: new Map<number, number>(), authenticated: new Map<number, number>() };
  let open: BotChild;
  let authenticated: BotChild;
  let metadata: Server;

  beforeAll(async () => {
    await connector.start();
    // The authenticated bot fetches Bot Framework's signing keys from here instead of the internet.
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    metadata = createServer((req, res) => {
      const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: 'bf-key', use: 'sig', endorsements: ['msteams'] }] }));
      else res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', () => resolve()));
    [open, authenticated] = await Promise.all([
      startBot({}),
      startBot({
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-used-for-incoming-requests',
        MICROSOFT_APP_TENANT_ID: '7d3e9a10-1111-4222-8333-944455566677',
        BOT_OPENID_METADATA: `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/.well-known/openidconfiguration`,
      }),
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const bot of [open, authenticated]) {
      if (bot && bot.process.exitCode === null) {
        bot.process.kill('SIGTERM');
        await once(bot.process, 'exit');
      }
    }
    await new Promise<void>((resolve) => metadata.close(() => resolve()));
    await connector.stop();
    const table = (m: Map<number, number>) => JSON.stringify(Object.fromEntries([...m].sort((a, b) => a[0] - b[0])));
    const turnsFailed = (bot: BotChild) => bot.logs.filter((l) => l.msg === 'turn failed').length;
    console.log(`fuzz: without an app id ${table(seen.open)}, ${turnsFailed(open)} turns failed; with an app id ${table(seen.authenticated)}, ${turnsFailed(authenticated)} turns failed`);
  });

  it('answers the attack requests ({}, an empty body, text/plain) with 400 and keeps running', async () => {
    for (const request of [
      { contentType: 'application/json', body: '{}' },
      { contentType: 'application/json', body: '' },
      { contentType: undefined, body: '' },
      { contentType: 'text/plain', body: 'hello' },
      { contentType: 'text/plain', body: JSON.stringify(messageActivity(users.alex, connector.url, 'conv-x', 'hjælp')) },
    ]) {
      expect(await send(open, request)).toBe(400);
    }
    expect(open.process.exitCode).toBeNull();
  });

  it(`survives ${OPEN_RUNS} random requests without an app id, answering only 200, 400, 413 or 415`, async () => {
    await fc.assert(
      fc.asyncProperty(requestArb(connector.url), async (request) => {
        const status = await send(open, request);
        seen.open.set(status, (seen.open.get(status) ?? 0) + 1);
        expect([200, 400, 413, 415]).toContain(status);
        expect(open.process.exitCode).toBeNull();
      }),
      { numRuns: OPEN_RUNS },
    );
    // Not vacuous: turns ran, and requests were refused for each reason.
    expect(seen.open.get(200)).toBeGreaterThan(OPEN_RUNS / 10);
    expect(seen.open.get(400)).toBeGreaterThan(OPEN_RUNS / 10);
    expect(seen.open.get(413)).toBeGreaterThan(0);
  }, 600_000);

  it(`survives ${AUTHENTICATED_RUNS} random requests with an app id, answering only 400, 401, 413 or 415`, async () => {
    const authorization = fc.constantFrom(undefined, 'Bearer', 'Bearer garbage', 'Basic dXNlcjpwYXNz', `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"aud":"${APP_ID}"}`).toString('base64url')}.`);
    await fc.assert(
      fc.asyncProperty(requestArb(connector.url), authorization, async (request, auth) => {
        const status = await send(authenticated, { ...request, ...(auth ? { authorization: auth } : {}) });
        seen.authenticated.set(status, (seen.authenticated.get(status) ?? 0) + 1);
        expect([400, 401, 413, 415]).toContain(status);
        expect(authenticated.process.exitCode).toBeNull();
      }),
      { numRuns: AUTHENTICATED_RUNS },
    );
    expect(seen.authenticated.get(401)).toBeGreaterThan(AUTHENTICATED_RUNS / 10);
  }, 600_000);

  it('is still alive and answering afterwards; no turn failed and no last-resort error handler was needed', async () => {
    for (const bot of [open, authenticated]) {
      expect(bot.process.exitCode).toBeNull();
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      // Every activity that got through was one the handlers could take: none ended in onTurnError.
      const failures = bot.logs.filter((l) => ['unhandled promise rejection', 'uncaught exception', 'request failed', 'turn failed', 'could not answer a failed turn'].includes(l.msg ?? ''));
      expect(failures).toEqual([]);
    }
    const before = connector.messagesTo('conv-after-fuzz').length;
    expect(await send(open, { contentType: 'application/json', body: JSON.stringify(messageActivity(users.alex, connector.url, 'conv-after-fuzz', 'hjælp')) })).toBe(200);
    expect(connector.messagesTo('conv-after-fuzz').length).toBeGreaterThan(before);
  });
});

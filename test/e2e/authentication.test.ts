import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../src/config/config';
import { startServer, type RunningServer } from '../../src/server';
import { messageActivity, users } from '../support/activities';
import { CaptureConnector } from '../support/captureConnector';
import { harnessLogger } from '../support/botHarness';

const APP_ID = '2f8c1e55-6b7a-4c1d-9e3f-0a1b2c3d4e5f';
const TENANT = '7d3e9a10-1111-4222-8333-944455566677';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64(claims);
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/**
 * Production authentication: with an app id configured, /api/messages takes only activities
 * carrying a Bot Framework token signed by a key Bot Framework publishes. The test plays
 * login.botframework.com with a local OpenID metadata server (the `BotOpenIdMetadata` setting
 * Bot Framework has for sovereign clouds), so one token can pass and the forged ones can fail.
 */
describe('authentication with an app id configured', () => {
  const botFramework = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const connector = new CaptureConnector();
  let metadata: Server;
  let server: RunningServer;

  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: connector.url,
    nbf: Math.floor(Date.now() / 1000) - 60,
    exp: Math.floor(Date.now() / 1000) + 3600,
    ...overrides,
  });

  beforeAll(async () => {
    await connector.start();
    metadata = createServer((req, res) => {
      const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ ...botFramework.publicKey.export({ format: 'jwk' }), kid: 'bf-key', use: 'sig', endorsements: ['msteams'] }] }));
      else res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', () => resolve()));
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SCHEDULER_INTERVAL_SECONDS: '0',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-used-for-incoming-requests',
      MICROSOFT_APP_TENANT_ID: TENANT,
      BOT_OPENID_METADATA: `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/.well-known/openidconfiguration`,
    });
    server = await startServer(config, { logger: harnessLogger() });
  });
  afterAll(async () => {
    await server.stop();
    await new Promise<void>((resolve) => metadata.close(() => resolve()));
    await connector.stop();
  });

  async function post(conversationId: string, authorization?: string) {
    // A member joining a chat: the bot answers nothing (no outgoing token is needed offline) but
    // remembers the conversation, so a stored address shows the activity got through.
    const activity = { ...messageActivity(users.alex, connector.url, conversationId, ''), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: users.megan.id }] };
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    return res.status;
  }

  it.each([
    ['no Authorization header', () => undefined],
    ['a token signed by another key', () => `Bearer ${sign(claims(), attacker.privateKey, 'bf-key')}`],
    ['a token for another bot', () => `Bearer ${sign(claims({ aud: '00000000-0000-0000-0000-000000000001' }), botFramework.privateKey, 'bf-key')}`],
    ['an expired token', () => `Bearer ${sign(claims({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }), botFramework.privateKey, 'bf-key')}`],
    ['a token from another issuer', () => `Bearer ${sign(claims({ iss: 'https://evil.example' }), botFramework.privateKey, 'bf-key')}`],
  ])('refuses %s with 401 and stores nothing', async (_name, header) => {
    const conversationId = `conv-auth-${Math.random().toString(36).slice(2)}`;
    expect(await post(conversationId, header())).toBe(401);
    expect(await server.repos.channels.addressOf(conversationId)).toBeUndefined();
    expect(connector.messagesTo(conversationId)).toHaveLength(0);
  });

  it('accepts a token signed by the published key for this bot, so the refusals above are real', async () => {
    const conversationId = 'conv-auth-valid';
    expect(await post(conversationId, `Bearer ${sign(claims(), botFramework.privateKey, 'bf-key')}`)).toBe(200);
    expect(await server.repos.channels.addressOf(conversationId)).toBeDefined();
  });
});

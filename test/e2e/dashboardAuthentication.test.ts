import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../src/config/config';
import { catalogues } from '../../src/i18n';
import { startServer } from '../../src/server';
import { users } from '../support/activities';
import { BotHarness, harnessLogger } from '../support/botHarness';

const BOT_ID = '2f8c1e55-6b7a-4c1d-9e3f-0a1b2c3d4e5f';
const TENANT = '7d3e9a10-1111-4222-8333-944455566677';
const CLIENT_ID = '5a6b7c8d-1234-4abc-9def-0123456789ab';
const APP_ID_URI = `api://logbog-husum.azurewebsites.net/${CLIENT_ID}`;
const da = catalogues.da;

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function sign(claims: Record<string, unknown>, key: KeyObject, kid = 'entra-key'): string {
  const head = b64({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64(claims);
  return `${head}.${body}.${createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url')}`;
}

/**
 * Teams SSO for the dashboard: the page sends the token teams-js got from Entra ID, and the
 * server takes it only when it is signed by a key Entra publishes (a local OpenID metadata and
 * JWKS server plays login.microsoftonline.com), issued by the plan's tenant, for this app, not
 * expired, with the access_as_user scope. Then the bot's roles apply.
 */
describe('the dashboard with Teams SSO configured', () => {
  const entra = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keyServer: Server;
  let harness: BotHarness;
  let keyRequests = 0;

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: CLIENT_ID,
    tid: TENANT,
    oid: users.alex.aadObjectId,
    // The plan names its people by e-mail address: the token's sign-in name is how a first visit is known.
    preferred_username: users.alex.userPrincipalName,
    name: users.alex.name,
    scp: 'access_as_user',
    nbf: now() - 60,
    exp: now() + 3600,
    ...overrides,
  });

  beforeAll(async () => {
    keyServer = createServer((req, res) => {
      const base = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/keys') {
        keyRequests++;
        res.end(JSON.stringify({ keys: [{ ...entra.publicKey.export({ format: 'jwk' }), kid: 'entra-key', use: 'sig' }] }));
      } else res.end(JSON.stringify({ issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`, jwks_uri: `${base}/keys` }));
    });
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', () => resolve()));
    harness = new BotHarness('2025-06-16T10:00:00+02:00', {
      MICROSOFT_APP_ID: BOT_ID,
      MICROSOFT_APP_PASSWORD: 'not-used-here',
      MICROSOFT_APP_TENANT_ID: TENANT,
      DASHBOARD_APP_ID_URI: APP_ID_URI,
      ENTRA_OPENID_METADATA: `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/v2.0/.well-known/openid-configuration`,
    });
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
    await new Promise<void>((resolve) => keyServer.close(() => resolve()));
  });

  async function get(authorization?: string, extra: Record<string, string> = {}) {
    const res = await fetch(`${harness.server.url}/api/dashboard?scope=activity:legepatrulje&period=2025&locale=da-DK`, { headers: { ...(authorization ? { authorization } : {}), ...extra } });
    return { status: res.status, body: (await res.json()) as { error?: string; kind?: string; heading?: string } };
  }

  it('tells the page to use Teams SSO, and for which app', async () => {
    const res = await fetch(`${harness.server.url}/api/dashboard/config`);
    expect(await res.json()).toEqual({ mode: 'sso', appIdUri: APP_ID_URI });
  });

  it.each([
    ['no token', () => undefined],
    ['a token signed by another key', () => `Bearer ${sign(claims(), attacker.privateKey)}`],
    ['a token with a key id Entra does not publish', () => `Bearer ${sign(claims(), entra.privateKey, 'unknown-key')}`],
    ['a token for another app', () => `Bearer ${sign(claims({ aud: '00000000-0000-0000-0000-000000000001' }), entra.privateKey)}`],
    ['a token for the bot rather than the dashboard', () => `Bearer ${sign(claims({ aud: BOT_ID }), entra.privateKey)}`],
    ['an expired token', () => `Bearer ${sign(claims({ exp: now() - 3600, nbf: now() - 7200 }), entra.privateKey)}`],
    ['a token from another issuer', () => `Bearer ${sign(claims({ iss: 'https://evil.example/v2.0' }), entra.privateKey)}`],
    ['a token from another tenant', () => `Bearer ${sign(claims({ iss: 'https://login.microsoftonline.com/00000000-aaaa-4bbb-8ccc-000000000000/v2.0', tid: '00000000-aaaa-4bbb-8ccc-000000000000' }), entra.privateKey)}`],
    ['a token without the access_as_user scope', () => `Bearer ${sign(claims({ scp: 'User.Read' }), entra.privateKey)}`],
    ['a token with the signature cut off', () => `Bearer ${sign(claims(), entra.privateKey).split('.').slice(0, 2).join('.')}.`],
  ])('refuses %s with 401 and a Danish sentence, showing no figures', async (_name, header) => {
    const { status, body } = await get(header());
    expect(status).toBe(401);
    expect(body).toEqual({ error: da.dashboard.signIn, kind: 'signIn' });
  });

  it("accepts a v2 token for the dashboard's client id, and a v1 token for its Application ID URI, as the user the token names", async () => {
    const v2 = await get(`Bearer ${sign(claims(), entra.privateKey)}`);
    expect(v2.status).toBe(200);
    expect(v2.body.heading).toBe('Overblik 2025: Legepatrulje');
    const v1 = await get(`Bearer ${sign(claims({ iss: `https://sts.windows.net/${TENANT}/`, aud: APP_ID_URI, preferred_username: undefined, upn: users.alex.userPrincipalName }), entra.privateKey)}`);
    expect(v1.status).toBe(200);
    // The keys were fetched once and kept.
    expect(keyRequests).toBe(1);
  });

  it("applies the bot's roles to the token's user: a member without the role and an outsider are refused as the bot refuses them", async () => {
    const member = await get(`Bearer ${sign(claims({ oid: users.megan.aadObjectId, preferred_username: users.megan.userPrincipalName, name: users.megan.name }), entra.privateKey)}`, { 'x-logbog-dev-user': users.alex.aadObjectId });
    expect(member.status).toBe(403);
    // The bot's own sentence to a member asking for status (the bot here needs Bot Framework tokens, so it is built, not asked).
    expect(member.body.error).toBe(da.forbidden('viewStatus', `${da.roleNames.coordinator} ${da.or} ${da.roleNames.leader}`));
    const outsider = await get(`Bearer ${sign(claims({ oid: users.outsider.aadObjectId }), entra.privateKey)}`);
    expect(outsider).toEqual({ status: 403, body: { error: da.notAMember, kind: 'notAMember' } });
  });

  it('never takes the development header as the user when SSO is on', async () => {
    const { status } = await get(undefined, { 'x-logbog-dev-user': users.alex.aadObjectId });
    expect(status).toBe(401);
  });
});

describe('a bot with an app id but no dashboard app', () => {
  it('refuses the dashboard with 503 and says what is missing, rather than run it unauthenticated', async () => {
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0', MICROSOFT_APP_ID: BOT_ID, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TENANT_ID: TENANT });
    const server = await startServer(config, { logger: harnessLogger() });
    try {
      const res = await fetch(`${server.url}/api/dashboard?locale=da-DK`, { headers: { 'x-logbog-dev-user': users.alex.aadObjectId } });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: da.dashboard.notConfigured, kind: 'notConfigured' });
    } finally {
      await server.stop();
    }
  });
});

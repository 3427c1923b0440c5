import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export interface GraphUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string;
}

export interface GraphRequest {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

/**
 * A local stand-in for Entra ID's token endpoint and Microsoft Graph, over HTTPS with a throwaway
 * certificate (MSAL takes only HTTPS authorities; the bot trusts the certificate through
 * NODE_EXTRA_CA_CERTS, so it runs in its own process). It answers the calls Logbog makes: a
 * client-credentials token, users by UPN or mail, and installing the app for a user, whose answer
 * a test sets per user (201 installed, 403 no permission).
 */
export class GraphStandIn {
  readonly requests: GraphRequest[] = [];
  readonly users: GraphUser[] = [];
  /** The answer to POST /users/{id}/teamwork/installedApps, per object id; 201 when not set. */
  readonly installAnswers = new Map<string, number>();
  certFile = '';
  url = '';
  private server?: Server;

  async start(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'graph-stand-in-'));
    const pem = await Promise.resolve(selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], { notAfterDate: new Date(Date.now() + 86_400_000), keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] }));
    this.certFile = join(dir, 'cert.pem');
    writeFileSync(this.certFile, pem.cert);
    this.server = createServer({ key: pem.private, cert: pem.cert }, (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', this.url);
        this.requests.push({ method: req.method ?? '', path: decodeURIComponent(url.pathname) + url.search, authorization: req.headers.authorization, body });
        const [status, answer] = this.answer(req.method ?? '', url);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private answer(method: string, url: URL): [number, unknown] {
    const path = decodeURIComponent(url.pathname);
    const tenant = path.split('/')[1];
    if (path.endsWith('/.well-known/openid-configuration')) {
      const base = `${this.url}/${tenant}`;
      return [200, { issuer: `${base}/v2.0`, authorization_endpoint: `${base}/oauth2/v2.0/authorize`, token_endpoint: `${base}/oauth2/v2.0/token`, end_session_endpoint: `${base}/oauth2/v2.0/logout`, jwks_uri: `${base}/discovery/v2.0/keys`, response_types_supported: ['code'], subject_types_supported: ['pairwise'], id_token_signing_alg_values_supported: ['RS256'] }];
    }
    if (method === 'POST' && path.endsWith('/oauth2/v2.0/token')) return [200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'graph-token-from-stand-in' }];
    const install = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path);
    if (method === 'POST' && install) {
      const status = this.installAnswers.get(install[1]!) ?? 201;
      return [status, status < 300 ? { id: `installation-${install[1]}` } : { error: { code: 'Forbidden', message: 'Missing role permissions on the request.' } }];
    }
    const byKey = /^\/v1\.0\/users\/([^/]+)$/.exec(path);
    if (method === 'GET' && byKey) {
      const key = byKey[1]!.toLowerCase();
      const user = this.users.find((u) => u.id === byKey[1] || u.userPrincipalName.toLowerCase() === key);
      return user ? [200, user] : [404, { error: { code: 'Request_ResourceNotFound', message: `Resource '${byKey[1]}' does not exist.` } }];
    }
    if (method === 'GET' && path === '/v1.0/users') {
      const mail = /mail eq '(.*)'/.exec(url.searchParams.get('$filter') ?? '')?.[1]?.toLowerCase();
      return [200, { value: this.users.filter((u) => u.mail.toLowerCase() === mail) }];
    }
    return [404, { error: { code: 'NotFound', message: `no ${method} ${path} here` } }];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

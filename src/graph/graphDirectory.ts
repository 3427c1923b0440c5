import type { TokenCredential } from '@azure/identity';
import type { Logger } from '../logging/logger';
import type { AppInstaller, InstallOutcome, TeamsPerson, UserDirectory } from '../usecases/ports';

export interface GraphSettings {
  /** https://graph.microsoft.com, or a national cloud's (or a test's stand-in). */
  endpoint: string;
  /** The Teams app's id in the tenant's app catalog; without it Logbog does not install itself for users. */
  teamsAppCatalogId?: string;
}

interface GraphUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
}

/** Graph said no for a reason other than "nobody has that": no permission, throttled, down. */
export class GraphUnavailable extends Error {
  constructor(readonly status: number) {
    super(`Microsoft Graph answered HTTP ${status}`);
    this.name = 'GraphUnavailable';
  }
}

const personOf = (u: GraphUser): TeamsPerson => ({
  aadObjectId: u.id,
  name: u.displayName ?? u.userPrincipalName ?? u.id,
  emails: [...new Set([u.userPrincipalName, u.mail].filter((e): e is string => !!e).map((e) => e.toLowerCase()))],
});

const SELECT = '$select=id,displayName,userPrincipalName,mail';

/**
 * The few Microsoft Graph calls Logbog makes, with plain fetch: who has an e-mail address (or an
 * object id), and installing the app for a user. Three REST calls do not justify the Graph SDK
 * and its middleware; tokens come from @azure/identity (client secret or managed identity).
 */
export class GraphDirectory implements UserDirectory, AppInstaller {
  constructor(
    private readonly settings: GraphSettings,
    private readonly credential: TokenCredential,
    private readonly logger: Logger,
  ) {}

  private async call(method: 'GET' | 'POST', path: string, body?: object): Promise<Response> {
    const token = await this.credential.getToken(`${this.settings.endpoint}/.default`);
    if (!token) throw new GraphUnavailable(401);
    return fetch(`${this.settings.endpoint}/v1.0${path}`, {
      method,
      headers: { authorization: `Bearer ${token.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  }

  private async user(path: string): Promise<TeamsPerson | undefined> {
    const res = await this.call('GET', path);
    if (res.status === 404) return undefined;
    if (!res.ok) throw new GraphUnavailable(res.status);
    return personOf((await res.json()) as GraphUser);
  }

  async findByEmail(email: string): Promise<TeamsPerson | undefined> {
    // Usually the address is the user principal name; if not, it may be their mail address.
    const byUpn = await this.user(`/users/${encodeURIComponent(email)}?${SELECT}`);
    if (byUpn) return byUpn;
    const res = await this.call('GET', `/users?$filter=${encodeURIComponent(`mail eq '${email.replace(/'/g, "''")}'`)}&${SELECT}`);
    if (!res.ok) throw new GraphUnavailable(res.status);
    const found = ((await res.json()) as { value?: GraphUser[] }).value ?? [];
    return found[0] ? personOf(found[0]) : undefined;
  }

  findById(aadObjectId: string): Promise<TeamsPerson | undefined> {
    return this.user(`/users/${encodeURIComponent(aadObjectId)}?${SELECT}`);
  }

  /** POST /users/{id}/teamwork/installedApps (TeamsAppInstallation.ReadWriteForUser.All); 409 means it is there already. */
  async installFor(aadObjectId: string): Promise<InstallOutcome> {
    const catalogId = this.settings.teamsAppCatalogId;
    if (!catalogId) return 'forbidden';
    try {
      const res = await this.call('POST', `/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`, {
        'teamsApp@odata.bind': `${this.settings.endpoint}/v1.0/appCatalogs/teamsApps/${catalogId}`,
      });
      if (res.status === 201 || res.status === 200 || res.status === 409) return 'installed';
      if (res.status === 401 || res.status === 403) return 'forbidden';
      this.logger.warn({ status: res.status }, 'Graph did not install the app for a user');
      return 'failed';
    } catch (err) {
      this.logger.warn({ err }, 'could not reach Microsoft Graph to install the app for a user');
      return 'failed';
    }
  }
}

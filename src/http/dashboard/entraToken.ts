import type { TeamsPerson } from '../../usecases/ports';
import jwt, { type JwtHeader, type JwtPayload } from 'jsonwebtoken';
import type { SigningKeys } from './signingKeys';

/** The delegated scope the dashboard's app registration exposes to Teams (infra/modules/dashboardApp.bicep). */
export const ACCESS_SCOPE = 'access_as_user';

export interface EntraTokenSettings {
  /** `api://<host>/<client id>`: the Application ID URI the Teams tab asks a token for. */
  appIdUri: string;
  clientId: string;
  tenantId: string;
}

/** The user a valid token names, or why it was refused (for the log, never for the client). */
/** The token's user, with the addresses it names (so a plan naming them by e-mail knows them). */
export type TokenCheck = { ok: true; aadObjectId: string; person: TeamsPerson } | { ok: false; reason: string };

/** The sign-in name and mail address a token carries (v2: preferred_username, email; v1: upn, unique_name). */
function emailsIn(payload: JwtPayload): string[] {
  const named = [payload.preferred_username, payload.email, payload.upn, payload.unique_name].filter((v): v is string => typeof v === 'string' && v.includes('@'));
  return [...new Set(named.map((e) => e.trim().toLowerCase()))];
}

/**
 * Checks a Teams SSO token (`authentication.getAuthToken`): signed by a key Entra ID publishes,
 * issued by the plan's tenant (v1 or v2 tokens), for this app (its Application ID URI, or its
 * client id, which is what a v2 token carries), not expired, with the `access_as_user` scope
 * the app exposes to Teams. The user is the token's `oid`, the same id the bot sees as
 * `aadObjectId`, so the same roles apply.
 */
export async function checkEntraToken(token: string, settings: EntraTokenSettings, keys: SigningKeys): Promise<TokenCheck> {
  const getKey = (header: JwtHeader, done: (err: Error | null, key?: import('node:crypto').KeyObject) => void) => {
    keys.get(header.kid).then(
      (key) => (key ? done(null, key) : done(new Error('unknown signing key'))),
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
    );
  };
  try {
    const payload = await new Promise<JwtPayload>((resolve, reject) =>
      jwt.verify(
        token,
        getKey,
        {
          algorithms: ['RS256'],
          audience: [settings.appIdUri, settings.clientId],
          issuer: [`https://login.microsoftonline.com/${settings.tenantId}/v2.0`, `https://sts.windows.net/${settings.tenantId}/`],
          clockTolerance: 60,
        },
        (err, decoded) => (err || !decoded || typeof decoded === 'string' ? reject(err ?? new Error('no payload')) : resolve(decoded)),
      ),
    );
    if (payload.tid !== settings.tenantId) return { ok: false, reason: 'another tenant' };
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(ACCESS_SCOPE)) return { ok: false, reason: 'no access_as_user scope' };
    if (typeof payload.oid !== 'string' || !payload.oid) return { ok: false, reason: 'no oid' };
    const name = typeof payload.name === 'string' ? payload.name : payload.oid;
    return { ok: true, aadObjectId: payload.oid, person: { aadObjectId: payload.oid, name, emails: emailsIn(payload), ...(typeof payload.tid === 'string' ? { tenantId: payload.tid } : {}) } };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

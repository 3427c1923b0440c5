import type { Request } from 'express';
import type { Config } from '../../config/config';
import type { Logger } from '../../logging/logger';
import type { TeamsPerson } from '../../usecases/ports';
import { checkEntraToken } from './entraToken';
import { SigningKeys } from './signingKeys';

/** The Agents Playground's default user, who is the demo plan's leader (as `npm start` sets it up). */
export const PLAYGROUND_USER = '00000000-0000-0000-0000-0000000000020';

/** Where `npm start` serves the dashboard page. */
export const dashboardUrl = (port: number) => `http://localhost:${port}/dashboard/`;

export type DashboardUser = { ok: true; aadObjectId: string; person?: TeamsPerson } | { ok: false; status: 401 | 503; reason: 'signIn' | 'notConfigured' };

/**
 * Who is asking, the way the bot decides it: with the dashboard's Entra app configured, only a
 * valid Teams SSO token counts; with no app id at all (local development, like the bot without
 * MICROSOFT_APP_ID) the Playground's default user, or the user named in `x-logbog-dev-user`, so a
 * developer can look as another member; a bot with an app id but no dashboard app refuses.
 */
export function dashboardUser(config: Config['dashboard'], logger: Logger): (req: Request) => Promise<DashboardUser> {
  if (config.mode === 'off') return async () => ({ ok: false, status: 503, reason: 'notConfigured' });
  if (config.mode === 'development') {
    logger.warn(
      { authentication: 'off' },
      'ADVARSEL / WARNING: overblikket (/dashboard) kører UDEN godkendelse som Playgroundens standardbruger, fordi MICROSOFT_APP_ID ikke er sat. Kun til lokal udvikling. / The dashboard runs WITHOUT authentication as the Playground user. Local development only.',
    );
    return async (req) => {
      const named = req.header('x-logbog-dev-user')?.trim();
      if (named && /^[\w-]{1,64}$/.test(named)) return { ok: true, aadObjectId: named };
      return { ok: true, aadObjectId: PLAYGROUND_USER, person: { aadObjectId: PLAYGROUND_USER, name: 'Alex Wilber', emails: ['alexw@example.com'] } };
    };
  }
  const keys = new SigningKeys(config.openIdMetadata);
  return async (req) => {
    const header = req.header('authorization') ?? '';
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header)?.[1];
    if (!token) return { ok: false, status: 401, reason: 'signIn' };
    const check = await checkEntraToken(token, config, keys);
    if (check.ok) return check;
    // The reason is ours (signature, audience, issuer, expiry); the token itself is never logged.
    logger.warn({ reason: check.reason, path: req.path }, 'refused a dashboard request without a valid Teams token');
    return { ok: false, status: 401, reason: 'signIn' };
  };
}

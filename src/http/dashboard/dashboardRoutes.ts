import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import express, { type Request, type Response } from 'express';
import type { Config } from '../../config/config';
import type { Clock } from '../../domain/clock';
import { messagesFor, type Messages } from '../../i18n';
import type { Logger } from '../../logging/logger';
import { deniedReply } from '../../teams/handlers/denied';
import type { Denied } from '../../usecases/authorize';
import { getDashboard } from '../../usecases/dashboard';
import { resolveLanguage } from '../../usecases/language';
import type { Repositories } from '../../usecases/ports';
import { recogniseUser } from '../../usecases/people/recogniseUser';
import { resolveMember } from '../../usecases/resolveMember';
import { yearlyReportFile } from '../../usecases/yearlyReportFile';
import { dashboardView } from './dashboardView';
import { dashboardUser } from './dashboardUser';

export interface DashboardDeps {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
}

/** The folder holding the page (dashboard/ at the project root), from src/ or from dist/src/. */
function pageFolder(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'dashboard');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  throw new Error(`dashboard/ not found above ${__dirname}`);
}

// Teams shows a tab in a frame: only Teams, Outlook and Microsoft 365 may frame the page.
const FRAME_ANCESTORS = "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft https://local.teams.office.com";

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The leaders' view over plain HTTP on the bot's own server: the page and its two browser
 * libraries straight from node_modules (no bundler), and a JSON API that answers with the same
 * status the cards show, for the same roles. Every refusal is JSON with a Danish (or English)
 * sentence in `error`.
 */
export function dashboardRoutes(config: Config, deps: DashboardDeps): express.Router {
  const { repos, clock, logger } = deps;
  const router = express.Router();
  const userOf = dashboardUser(config.dashboard, logger);
  const folder = pageFolder();
  const headers = { 'content-security-policy': FRAME_ANCESTORS, 'x-content-type-options': 'nosniff' };

  router.get('/dashboard/vendor/chart.umd.min.js', (_req, res) => {
    res.set(headers).sendFile(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'));
  });
  router.get('/dashboard/vendor/teams-js.min.js', (_req, res) => {
    res.set(headers).sendFile(require.resolve('@microsoft/teams-js'));
  });
  router.use('/dashboard', express.static(folder, { index: 'index.html', setHeaders: (res) => res.set(headers) }));

  const languageOf = async (req: Request, aadObjectId?: string): Promise<Messages> =>
    messagesFor(await resolveLanguage(repos, aadObjectId, text(req.query.locale) ?? req.header('accept-language') ?? undefined));

  /** The user, or the refusal already sent. */
  const authenticate = async (req: Request, res: Response): Promise<string | undefined> => {
    const user = await userOf(req);
    res.set('cache-control', 'no-store');
    if (user.ok) {
      // As on the bot's first turn: a plan that names this user by e-mail address gets their object id.
      if (user.person) await recogniseUser(repos, clock, user.aadObjectId, async () => user.person);
      return user.aadObjectId;
    }
    const m = await languageOf(req);
    res.status(user.status).json({ error: user.reason === 'signIn' ? m.dashboard.signIn : m.dashboard.notConfigured, kind: user.reason });
    return undefined;
  };
  const refuse = (res: Response, m: Messages, denied: Denied) => {
    const reply = deniedReply(m, denied);
    res.status(403).json({ error: 'text' in reply ? reply.text : '', kind: denied.kind });
  };

  router.get('/api/dashboard/config', (_req, res) => {
    const c = config.dashboard;
    res.set('cache-control', 'no-store').json({ mode: c.mode, ...(c.mode === 'sso' ? { appIdUri: c.appIdUri } : {}) });
  });

  router.get('/api/dashboard', async (req, res) => {
    const aadObjectId = await authenticate(req, res);
    if (!aadObjectId) return;
    const m = await languageOf(req, aadObjectId);
    const result = await getDashboard(repos, clock, aadObjectId, { scope: text(req.query.scope), period: text(req.query.period) });
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return refuse(res, m, result);
      case 'unknownScope':
        return void res.status(404).json({ error: m.dashboard.unknownScope, kind: 'unknownScope' });
      case 'badPeriod':
        return void res.status(400).json({ error: m.dashboard.badPeriod(result.text), kind: 'badPeriod' });
      case 'dashboard':
        return void res.json({ ...dashboardView(m, result), ...(config.dashboard.mode === 'development' ? { notice: m.dashboard.development } : {}) });
    }
  });

  // For the channel tab's configuration page: the networks of the user's plan to choose from.
  router.get('/api/dashboard/networks', async (req, res) => {
    const aadObjectId = await authenticate(req, res);
    if (!aadObjectId) return;
    const m = await languageOf(req, aadObjectId);
    const member = await resolveMember(repos, clock, aadObjectId);
    if (!member) return refuse(res, m, { kind: 'notAMember' });
    const channel = text(req.query.channel);
    const link = channel ? await repos.channels.linkOf(channel) : undefined;
    const linked = link?.planId === member.plan.id ? link.networkId : undefined;
    res.json({ networks: member.plan.networks.map((n) => ({ id: n.id, name: n.name })), ...(linked ? { linked } : {}), labels: { choose: m.dashboard.chooseNetwork, intro: m.dashboard.configIntro } });
  });

  router.get('/api/dashboard/report', async (req, res) => {
    const aadObjectId = await authenticate(req, res);
    if (!aadObjectId) return;
    const m = await languageOf(req, aadObjectId);
    const format = text(req.query.format) === 'xlsx' ? 'xlsx' : 'docx';
    const file = await yearlyReportFile(repos, clock, m, aadObjectId, Number(text(req.query.year)), format);
    if (file.kind === 'notAMember' || file.kind === 'forbidden') return refuse(res, m, file);
    if (file.kind === 'badYear') return void res.status(400).json({ error: m.yearlyReport.badYear(file.from, file.to), kind: 'badYear' });
    const type = format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    res.set({ 'content-type': type, 'content-disposition': `attachment; filename="${file.name}"` }).send(file.bytes);
  });
  return router;
}

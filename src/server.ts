import { timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { reminderCard } from './cards/reminderCards';
import type { Config } from './config/config';
import { systemClock, type Clock } from './domain/clock';
import { messagesFor } from './i18n';
import { createLogger, type Logger } from './logging/logger';
import { ReminderScheduler, type SchedulerOptions } from './scheduler/reminderScheduler';
import { appRepositories } from './store/appRepositories';
import { openCosmosStore, type CosmosStore } from './store/cosmos/connect';
import { createBotApp, type BotApp } from './teams/app';
import { activityProblem } from './teams/activityShape';
import { errorHandler } from './http/errorHandler';
import { dashboardRoutes } from './http/dashboard/dashboardRoutes';
import { createHandlers } from './teams/handlers';
import type { LastKnown } from './usecases/lastKnown';
import type { AppInstaller, Repositories, UserDirectory } from './usecases/ports';
import type { ComposeReminder, MentionMember } from './usecases/reminders/deliverReminders';
import { unreachableCard, withMention } from './cards/reachCards';
import { createGraph } from './graph/createGraph';

export interface AppDeps {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  isDatabaseReachable: () => Promise<boolean>;
  /** Whether an error means the database did not answer (down, unreachable, too slow). */
  isStoreUnavailable: (err: unknown) => boolean;
  /** What this instance last read, to answer from while the database is away. */
  lastKnown: LastKnown;
}

export const composeReminder: ComposeReminder = (item, plan, language) =>
  item.kind === 'unreachableNotice' ? unreachableCard(messagesFor(language), item, plan) : reminderCard(messagesFor(language), { ...item, kind: item.kind }, plan, { refreshFor: item.refreshFor });

export const mentionMember: MentionMember = (card, member, language) => withMention(messagesFor(language), card, member);

function secretMatches(given: string | undefined, secret: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The HTTP app: the bot endpoint, the scheduler trigger and the health checks. On Express 5 a
 * rejected handler goes to the error handler at the end instead of ending the process.
 */
export function createApp(config: Config, deps: AppDeps, bot: BotApp, scheduler: ReminderScheduler): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    // Anything but an activity (no body, text/plain, `{}`, a field of the wrong type) is the
    // sender's mistake: 400, before the adapter, which would throw on it.
    const problem = activityProblem(req.body);
    if (problem) {
      deps.logger.warn({ problem }, 'refused a request that is not a Bot Framework activity');
      res.status(400).json({ error: 'not a Bot Framework activity', problem });
      return;
    }
    await bot.process(req, res);
  });
  // For a timer outside the process (an Azure Function or Logic App); off unless a secret is set.
  app.post('/api/scheduler/tick', async (req, res) => {
    const secret = config.scheduler.secret;
    if (!secret) {
      res.status(404).end();
      return;
    }
    if (!secretMatches(req.header('x-logbog-scheduler-secret'), secret)) {
      res.status(401).json({ error: 'forkert eller manglende x-logbog-scheduler-secret' });
      return;
    }
    const report = await scheduler.tick();
    res.json(report);
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await deps.isDatabaseReachable();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'database unreachable' });
  });
  // The leaders' view: the dashboard tab and its API (src/http/dashboard).
  app.use(dashboardRoutes(config, deps));
  app.use(errorHandler(deps.logger, deps.isStoreUnavailable));
  return app;
}

export interface RunningServer {
  port: number;
  url: string;
  store: CosmosStore;
  /** The repositories the app uses (plans cached); imports should go through these. */
  repos: Repositories;
  scheduler: ReminderScheduler;
  stop(): Promise<void>;
}

export interface ServerOptions {
  clock?: Clock;
  logger?: Logger;
  /** An already open store (a second instance on the same database, in tests). */
  store?: CosmosStore;
  scheduler?: Partial<SchedulerOptions>;
  /** Microsoft Graph, when a test plays it in-process; otherwise made from config.graph. */
  graph?: UserDirectory & AppInstaller;
}

/** Opens the store the config names, starts the HTTP server and the scheduler, and returns how to stop them. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  if (!config.bot.appId) {
    logger.warn(
      { authentication: 'off' },
      'ADVARSEL / WARNING: MICROSOFT_APP_ID er ikke sat, så /api/messages tager imod aktiviteter UDEN godkendelse. Kun til lokal udvikling; sæt MICROSOFT_APP_ID før Logbog står på internettet. / MICROSOFT_APP_ID is not set: /api/messages accepts activities WITHOUT authentication. Local development only.',
    );
  }
  const store = options.store ?? (await openCosmosStore(config.cosmos, logger));
  const clock = options.clock ?? systemClock;
  const { repos, plans, preferences, memberships } = appRepositories(store.repositories, (err) => logger.warn({ err }, 'a membership could not be made provable; saves read it fresh'));
  const lastKnown: LastKnown = {
    memberships: (aadObjectId) => memberships.peek(aadObjectId),
    plan: (planId) => plans.peek(planId),
    language: (aadObjectId) => preferences.peek(aadObjectId)?.language,
  };
  const deps: AppDeps = { repos, clock, logger, isDatabaseReachable: store.ping, isStoreUnavailable: store.isUnavailable, lastKnown };
  const graph = options.graph ?? (config.graph ? createGraph(config.graph, logger) : undefined);
  const handlers = createHandlers({ ...deps, ...(graph ? { users: graph } : {}), bootstrapAdmins: config.planAdmins });
  // The planner, OpenAI's client and their prompt tooling are loaded only when a model is configured.
  const rewriter = config.languageModel ? (await import('./teams/languageModel')).createQuestionRewriter(config.languageModel, logger) : undefined;
  const bot = createBotApp(config.bot, handlers, logger, rewriter);
  const reach = { ...(graph ? { users: graph, ...(config.graph?.teamsAppCatalogId || options.graph ? { installer: graph } : {}) } : {}), openPersonalChat: bot.openPersonalChat };
  const scheduler = new ReminderScheduler(
    // The scheduler reads preferences and milestone states uncached: a changed setting or a milestone
    // marked done must hold for the next reminder.
    { repos: { ...repos, preferences: store.repositories.preferences, schedule: store.repositories.schedule }, clock, logger, sender: bot, compose: composeReminder, reach, mention: mentionMember },
    {
      instanceId: config.scheduler.instanceId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      intervalMs: config.scheduler.intervalSeconds * 1000,
      reminderHour: config.scheduler.reminderHour,
      ...options.scheduler,
    },
  );
  const app = createApp(config, deps, bot, scheduler);
  const server: Server = await new Promise((resolve, reject) => {
    // Express 5 calls back with the error when listening fails (a port in use).
    const s = app.listen(config.http.port, config.http.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  scheduler.start();
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  logger.info({ url: `${url}/api/messages` }, 'Logbog lytter');
  return {
    port,
    url,
    store,
    repos,
    scheduler,
    stop: async () => {
      // Stop the timer and let a running tick finish, stop taking requests and let the ones in
      // flight finish, let the writes they left running after their answers finish (a saved
      // record's rollups, a membership's grant), then close the database (unless it was lent to us).
      await scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await memberships.settle();
      await store.settle();
      if (!options.store) await store.close();
    },
  };
}

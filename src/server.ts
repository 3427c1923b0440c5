import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from './config/config';
import { systemClock, type Clock } from './domain/clock';
import { createLogger, type Logger } from './logging/logger';
import { CachedPlanRepository } from './store/cachedPlanRepository';
import { CachedPreferenceRepository } from './store/cachedPreferenceRepository';
import { openCosmosStore, type CosmosStore } from './store/cosmos/connect';
import { createBotApp } from './teams/app';
import { createHandlers } from './teams/handlers';
import type { Repositories } from './usecases/ports';

export interface AppDeps {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  isDatabaseReachable: () => Promise<boolean>;
}

/** The HTTP app: the bot endpoint and the health checks. */
export function createApp(config: Config, deps: AppDeps): express.Express {
  const bot = createBotApp(config.bot, createHandlers(deps), deps.logger);
  const app = express();
  app.disable('x-powered-by');
  app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    await bot.process(req, res);
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await deps.isDatabaseReachable();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'database unreachable' });
  });
  return app;
}

export interface RunningServer {
  port: number;
  url: string;
  store: CosmosStore;
  /** The repositories the app uses (plans cached); imports should go through these. */
  repos: Repositories;
  stop(): Promise<void>;
}

/** Opens the store the config names, starts the HTTP server, and returns how to stop both. */
export async function startServer(config: Config, options: { clock?: Clock; logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  if (!config.bot.appId) {
    logger.warn({}, 'MICROSOFT_APP_ID er ikke sat: /api/messages tager imod aktiviteter UDEN godkendelse. Kun til lokal udvikling.');
  }
  const store = await openCosmosStore(config.cosmos, logger);
  // The caches expire on real time, whatever clock the app is given.
  const repos: Repositories = {
    ...store.repositories,
    plans: new CachedPlanRepository(store.repositories.plans, systemClock),
    preferences: new CachedPreferenceRepository(store.repositories.preferences, systemClock),
  };
  const app = createApp(config, { repos, clock: options.clock ?? systemClock, logger, isDatabaseReachable: store.ping });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.http.port, config.http.host, () => resolve(s)).once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  logger.info({ url: `${url}/api/messages` }, 'Logbog lytter');
  return {
    port,
    url,
    store,
    repos,
    stop: async () => {
      // Stop taking new requests, let the ones in flight finish, then close the database.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

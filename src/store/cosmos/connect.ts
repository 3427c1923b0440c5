import { CosmosClient, type Database } from '@azure/cosmos';
import type { Config } from '../../config/config';
import type { Logger } from '../../logging/logger';
import type { Repositories } from '../../usecases/ports';
import { withinMs } from '../../usecases/deadline';
import { connectionPolicy } from './clientOptions';
import { containerDefinitions } from './containers';
import { isUnavailable } from './cosmosErrors';
import { copyLegacyAuditLog } from './legacyAuditLog';
import { CosmosAuditRepository } from './cosmosAuditRepository';
import { CosmosChannelRepository } from './cosmosChannelRepository';
import { CosmosMembershipRepository } from './cosmosMembershipRepository';
import { CosmosOutboxRepository } from './cosmosOutboxRepository';
import { CosmosPlanRepository } from './cosmosPlanRepository';
import { CosmosPreferenceRepository } from './cosmosPreferenceRepository';
import { CosmosRecordRepository } from './cosmosRecordRepository';
import { CosmosScheduleRepository } from './cosmosScheduleRepository';
import { CosmosSenderLeaseRepository } from './cosmosSenderLeaseRepository';
import { CosmosRollupRepository } from './cosmosRollupRepository';
import { CosmosIndicatorRepository } from './cosmosIndicatorRepository';
import { CosmosTrashRepository } from './cosmosTrashRepository';
import { RollingRecordRepository } from '../rollingRecordRepository';
import { WriteBehindRollups } from '../writeBehindRollups';
import type { EmbeddedCosmos } from './embeddedCosmos';

export interface CosmosStore {
  repositories: Repositories;
  database: Database;
  /** Where the embedded server listens, so a second process can share it (tests); absent for Azure. */
  embedded?: { endpoint: string; key: string };
  /** Whether the database answers (within 2 s); used by readiness checks. */
  ping(): Promise<boolean>;
  /** Waits for the writes finished after their answer (a saved record's rollups); `close` does too. */
  settle(): Promise<void>;
  /** Whether an error from a repository means the database did not answer. */
  isUnavailable(err: unknown): boolean;
  close(): Promise<void>;
}

/** Creates the database and containers when missing (harmless when they exist), and moves an old audit container's entries beside the records. */
export async function ensureSchema(client: CosmosClient, databaseId: string): Promise<Database> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const definition of Object.values(containerDefinitions)) {
    await database.containers.createIfNotExists(definition);
  }
  await copyLegacyAuditLog(database);
  return database;
}

/**
 * The repositories on one database, and `settle`: waits for the writes they finish after their
 * answer (a saved record's rollups, writeBehindRollups.ts), which stopping the app must not cut.
 */
export function openRepositories(database: Database, logger?: Logger): { repositories: Repositories; settle(): Promise<void> } {
  const records = database.container(containerDefinitions.records.id);
  const rollups = new WriteBehindRollups(new CosmosRollupRepository(database.container(containerDefinitions.rollups.id), records));
  const repositories: Repositories = {
    trash: new CosmosTrashRepository(records),
    rollups,
    indicators: new CosmosIndicatorRepository(database.container(containerDefinitions.plans.id)),
    plans: new CosmosPlanRepository(database.container(containerDefinitions.plans.id)),
    memberships: new CosmosMembershipRepository(database.container(containerDefinitions.members.id), records),
    preferences: new CosmosPreferenceRepository(database.container(containerDefinitions.members.id)),
    records: new RollingRecordRepository(new CosmosRecordRepository(records), rollups, undefined, (err, planId) =>
      logger?.error({ err, planId }, 'a record was saved but its rollups were not; the next scheduler tick recomputes them'),
    ),
    audit: new CosmosAuditRepository(records),
    channels: new CosmosChannelRepository(database.container(containerDefinitions.conversations.id)),
    outbox: new CosmosOutboxRepository(database.container(containerDefinitions.reminders.id)),
    senderLeases: new CosmosSenderLeaseRepository(database.container(containerDefinitions.reminders.id)),
    schedule: new CosmosScheduleRepository(database.container(containerDefinitions.reminders.id)),
  };
  return { repositories, settle: () => rollups.flush() };
}

/** The repositories alone, for a caller that reads through them (reads wait for their own pending writes) and never closes mid-write. */
export const repositoriesFor = (database: Database, logger?: Logger): Repositories => openRepositories(database, logger).repositories;

const PING_MS = 2_000;

function pinger(database: Database): () => Promise<boolean> {
  return async () => {
    try {
      // The SDK retries a reset connection for up to ten seconds; a health check must not wait that long.
      await withinMs(database.read(), PING_MS);
      return true;
    } catch {
      return false;
    }
  };
}

/** Connects to an embedded server another process started (a second bot instance in tests). */
export async function connectToEmbedded(endpoint: string, key: string, databaseId: string, requestTimeoutMs = 60_000): Promise<CosmosStore> {
  const client = new CosmosClient({ endpoint, key, connectionPolicy: { ...connectionPolicy('inProcess'), requestTimeout: requestTimeoutMs } });
  const database = await ensureSchema(client, databaseId);
  const { repositories, settle } = openRepositories(database);
  return {
    repositories,
    database,
    ping: pinger(database),
    settle,
    isUnavailable,
    close: async () => {
      await settle();
      client.dispose();
    },
  };
}

/**
 * Opens the store the configuration names: Azure Cosmos DB (key or managed identity), any other
 * Cosmos endpoint (the Linux emulator, an embedded server started elsewhere, over plain http too),
 * or the embedded server in this process. Nothing above this function knows which one it got.
 */
export async function openCosmosStore(config: Config['cosmos'], logger: Logger): Promise<CosmosStore> {
  let embedded: EmbeddedCosmos | undefined;
  let client: CosmosClient;
  if (config.kind === 'azure') {
    const policy = connectionPolicy('remote');
    // @azure/identity (with MSAL) is loaded only for a managed identity: a key does not need it.
    client = config.key
      ? new CosmosClient({ endpoint: config.endpoint, key: config.key, connectionPolicy: policy })
      : new CosmosClient({ endpoint: config.endpoint, aadCredentials: new (await import('@azure/identity')).DefaultAzureCredential(), connectionPolicy: policy });
    logger.info({ endpoint: config.endpoint, auth: config.key ? 'key' : 'managed identity' }, 'using Azure Cosmos DB');
  } else {
    // The embedded server (with its query compiler, Babel and Turf) is loaded only when it runs
    // here: a bot with a database elsewhere never carries it.
    const { startEmbeddedCosmos } = await import('./embeddedCosmos');
    embedded = await startEmbeddedCosmos({ port: config.port, dataDir: config.dataDir, logger });
    client = new CosmosClient({ endpoint: embedded.endpoint, key: embedded.key, connectionPolicy: connectionPolicy('inProcess') });
    logger.info({ endpoint: embedded.endpoint, dataDir: config.dataDir ?? '(kun i hukommelsen)' }, 'using the embedded Cosmos DB-compatible server');
  }
  const database = await ensureSchema(client, config.database);
  const { repositories, settle } = openRepositories(database, logger);
  return {
    repositories,
    database,
    ...(embedded ? { embedded: { endpoint: embedded.endpoint, key: embedded.key } } : {}),
    ping: pinger(database),
    settle,
    isUnavailable,
    close: async () => {
      await settle();
      client.dispose();
      await embedded?.stop();
    },
  };
}

import { CosmosClient, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import type { Config } from '../../config/config';
import type { Logger } from '../../logging/logger';
import type { Repositories } from '../../usecases/ports';
import { containerDefinitions } from './containers';
import { CosmosAuditRepository } from './cosmosAuditRepository';
import { CosmosChannelRepository } from './cosmosChannelRepository';
import { CosmosMembershipRepository } from './cosmosMembershipRepository';
import { CosmosOutboxRepository } from './cosmosOutboxRepository';
import { CosmosPlanRepository } from './cosmosPlanRepository';
import { CosmosPreferenceRepository } from './cosmosPreferenceRepository';
import { CosmosRecordRepository } from './cosmosRecordRepository';
import { CosmosScheduleRepository } from './cosmosScheduleRepository';
import { CosmosRollupRepository } from './cosmosRollupRepository';
import { CosmosIndicatorRepository } from './cosmosIndicatorRepository';
import { RollingRecordRepository } from '../rollingRecordRepository';
import { startEmbeddedCosmos, type EmbeddedCosmos } from './embeddedCosmos';

export interface CosmosStore {
  repositories: Repositories;
  database: Database;
  /** Where the embedded server listens, so a second process can share it (tests); absent for Azure. */
  embedded?: { endpoint: string; key: string };
  /** Whether the database answers; used by readiness checks. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Creates the database and containers when missing; harmless when they exist. */
export async function ensureSchema(client: CosmosClient, databaseId: string): Promise<Database> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const definition of Object.values(containerDefinitions)) {
    await database.containers.createIfNotExists(definition);
  }
  return database;
}

export function repositoriesFor(database: Database, logger?: Logger): Repositories {
  const rollups = new CosmosRollupRepository(database.container(containerDefinitions.rollups.id));
  return {
    rollups,
    indicators: new CosmosIndicatorRepository(database.container(containerDefinitions.plans.id)),
    plans: new CosmosPlanRepository(database.container(containerDefinitions.plans.id)),
    memberships: new CosmosMembershipRepository(database.container(containerDefinitions.members.id)),
    preferences: new CosmosPreferenceRepository(database.container(containerDefinitions.members.id)),
    records: new RollingRecordRepository(new CosmosRecordRepository(database.container(containerDefinitions.records.id)), rollups, undefined, (err, planId) =>
      logger?.error({ err, planId }, 'a record was saved but its rollups were not; the next scheduler tick recomputes them'),
    ),
    audit: new CosmosAuditRepository(database.container(containerDefinitions.audit.id)),
    channels: new CosmosChannelRepository(database.container(containerDefinitions.conversations.id)),
    outbox: new CosmosOutboxRepository(database.container(containerDefinitions.reminders.id)),
    schedule: new CosmosScheduleRepository(database.container(containerDefinitions.reminders.id)),
  };
}

/**
 * Opens the store the configuration names: Azure Cosmos DB (key or managed identity) or the
 * embedded server. Nothing above this function knows which one it got.
 */
/** Connects to an embedded server another process started (a second bot instance in tests). */
export async function connectToEmbedded(endpoint: string, key: string, databaseId: string, requestTimeoutMs = 60_000): Promise<CosmosStore> {
  const client = new CosmosClient({ endpoint, key, connectionPolicy: { enableEndpointDiscovery: false, requestTimeout: requestTimeoutMs } });
  const database = await ensureSchema(client, databaseId);
  return {
    repositories: repositoriesFor(database),
    database,
    ping: async () => true,
    close: async () => client.dispose(),
  };
}

export async function openCosmosStore(config: Config['cosmos'], logger: Logger): Promise<CosmosStore> {
  let embedded: EmbeddedCosmos | undefined;
  let client: CosmosClient;
  if (config.kind === 'azure') {
    client = config.key
      ? new CosmosClient({ endpoint: config.endpoint, key: config.key })
      : new CosmosClient({ endpoint: config.endpoint, aadCredentials: new DefaultAzureCredential() });
    logger.info({ endpoint: config.endpoint, auth: config.key ? 'key' : 'managed identity' }, 'using Azure Cosmos DB');
  } else {
    embedded = await startEmbeddedCosmos({ port: config.port, dataDir: config.dataDir, logger });
    client = new CosmosClient({ endpoint: embedded.endpoint, key: embedded.key, connectionPolicy: { enableEndpointDiscovery: false } });
    logger.info({ endpoint: embedded.endpoint, dataDir: config.dataDir ?? '(kun i hukommelsen)' }, 'using the embedded Cosmos DB-compatible server');
  }
  const database = await ensureSchema(client, config.database);
  return {
    repositories: repositoriesFor(database, logger),
    database,
    ...(embedded ? { embedded: { endpoint: embedded.endpoint, key: embedded.key } } : {}),
    ping: async () => {
      try {
        await database.read();
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      client.dispose();
      await embedded?.stop();
    },
  };
}

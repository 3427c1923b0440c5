import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import { silentLogger } from '../../src/logging/logger';
import { ensureSchema, openRepositories } from '../../src/store/cosmos/connect';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/cosmos/embeddedCosmos';

/** The embedded Cosmos-compatible server with a fresh database, reached through the real SDK. */
export async function openTestStore(options: { dataDir?: string } = {}) {
  const server: EmbeddedCosmos = await startEmbeddedCosmos({ port: 0, dataDir: options.dataDir, logger: silentLogger });
  const client = new CosmosClient({ endpoint: server.endpoint, key: server.key, connectionPolicy: { enableEndpointDiscovery: false } });
  const database = await ensureSchema(client, `test-${randomUUID()}`);
  const { repositories, settle } = openRepositories(database);
  return {
    server,
    client,
    database,
    repos: repositories,
    /** Waits for the rollup writes that finish after a save has returned. */
    settle,
    close: async () => {
      await settle();
      client.dispose();
      await server.stop();
    },
  };
}

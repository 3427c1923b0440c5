import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import { silentLogger } from '../../src/logging/logger';
import { ensureSchema, repositoriesFor } from '../../src/store/cosmos/connect';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/cosmos/embeddedCosmos';

/** The embedded Cosmos-compatible server with a fresh database, reached through the real SDK. */
export async function openTestStore(options: { dataDir?: string } = {}) {
  const server: EmbeddedCosmos = await startEmbeddedCosmos({ port: 0, dataDir: options.dataDir, logger: silentLogger });
  const client = new CosmosClient({ endpoint: server.endpoint, key: server.key, connectionPolicy: { enableEndpointDiscovery: false } });
  const database = await ensureSchema(client, `test-${randomUUID()}`);
  return {
    server,
    client,
    database,
    repos: repositoriesFor(database),
    close: async () => {
      client.dispose();
      await server.stop();
    },
  };
}

/**
 * The embedded Cosmos DB-compatible server in a process of its own, as a database is in
 * production: a test can stop it (SIGTERM: saves its data folder, then exits) and start it again
 * on the same port and data folder. Prints its endpoint and key as JSON.
 */
import { silentLogger } from '../../src/logging/logger';
import { startEmbeddedCosmos } from '../../src/store/cosmos/embeddedCosmos';

startEmbeddedCosmos({ port: Number(process.env.COSMOS_PORT ?? 0), dataDir: process.env.COSMOS_DATA_DIR || undefined, logger: silentLogger })
  .then((cosmos) => {
    process.stdout.write(`${JSON.stringify({ endpoint: cosmos.endpoint, key: cosmos.key })}\n`);
    process.once('SIGTERM', () => void cosmos.stop().then(() => process.exit(0)));
  })
  .catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });

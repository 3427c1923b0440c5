/**
 * The embedded Cosmos DB-compatible server in a process of its own, for the reminder benchmark:
 * in production the database is remote, and its query work should not stall the bot's event loop
 * (which would skew when requests reach the connector). Prints its endpoint and key as JSON.
 */
import { silentLogger } from '../src/logging/logger';
import { startEmbeddedCosmos } from '../src/store/cosmos/embeddedCosmos';

startEmbeddedCosmos({ port: 0, logger: silentLogger })
  .then((cosmos) => {
    process.stdout.write(`${JSON.stringify({ endpoint: cosmos.endpoint, key: cosmos.key })}\n`);
  })
  .catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });

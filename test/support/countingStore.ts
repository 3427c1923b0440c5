import { randomUUID } from 'node:crypto';
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import { silentLogger } from '../../src/logging/logger';
import { connectionPolicy } from '../../src/store/cosmos/clientOptions';
import { ensureSchema, repositoriesFor, type CosmosStore } from '../../src/store/cosmos/connect';
import { isUnavailable } from '../../src/store/cosmos/cosmosErrors';
import { startEmbeddedCosmos } from '../../src/store/cosmos/embeddedCosmos';

/** One request the SDK sent over the network: what it did, and to which container. */
export interface CountedRequest {
  operation: string;
  container: string;
}

/** The network requests a client sent since the last reset, as the SDK's request plugin sees them (retries included). */
export class RequestCounter {
  private seen: CountedRequest[] = [];
  /** Counting is off until a test or bench turns it on, so set-up traffic stays out. */
  enabled = false;
  /**
   * A fault to inject: rewrites the operations of the next batch request on its way to the
   * database (once), e.g. to make the database refuse one of them.
   */
  nextBatch?: (operations: Record<string, unknown>[]) => Record<string, unknown>[];

  note(request: CountedRequest): void {
    if (this.enabled) this.seen.push(request);
  }

  reset(): void {
    this.seen = [];
  }

  get count(): number {
    return this.seen.length;
  }

  get requests(): readonly CountedRequest[] {
    return this.seen;
  }
}

/** `dbs/<db>/colls/<container>/docs/<id>` → the container's name. */
const containerOf = (path: string | undefined) => /colls\/([^/]+)/.exec(path ?? '')?.[1] ?? '-';

/**
 * The embedded server in this process, reached through a client whose every network request is
 * counted by the SDK's own plugin hook: the round trips a use case costs, counted rather than
 * estimated. The plugin option is marked hidden in the SDK's types but is part of its request path.
 */
export async function openCountingStore(): Promise<{ store: CosmosStore; counter: RequestCounter }> {
  const counter = new RequestCounter();
  const server = await startEmbeddedCosmos({ port: 0, logger: silentLogger });
  const options = {
    endpoint: server.endpoint,
    key: server.key,
    connectionPolicy: connectionPolicy('inProcess'),
    plugins: [
      {
        on: 'request',
        plugin: (context: { operationType?: string; path?: string; body?: unknown }, _diagnostics: unknown, next: (c: unknown) => Promise<unknown>) => {
          counter.note({ operation: String(context.operationType), container: containerOf(context.path) });
          const fault = context.operationType === 'batch' ? counter.nextBatch : undefined;
          if (fault) {
            counter.nextBatch = undefined;
            // The SDK has serialised the body by the time request plugins run, and sends the
            // context it gave the plugin (whatever is passed on), so the body is changed in place.
            context.body = JSON.stringify(fault(JSON.parse(String(context.body)) as Record<string, unknown>[]));
          }
          return next(context);
        },
      },
    ],
  } as CosmosClientOptions;
  const client = new CosmosClient(options);
  const database = await ensureSchema(client, `counted-${randomUUID()}`);
  const store: CosmosStore = {
    repositories: repositoriesFor(database),
    database,
    embedded: { endpoint: server.endpoint, key: server.key },
    ping: async () => true,
    isUnavailable,
    close: async () => {
      client.dispose();
      await server.stop();
    },
  };
  return { store, counter };
}

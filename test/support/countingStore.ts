import { randomUUID } from 'node:crypto';
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import { silentLogger } from '../../src/logging/logger';
import { connectionPolicy } from '../../src/store/cosmos/clientOptions';
import { ensureSchema, openRepositories, type CosmosStore } from '../../src/store/cosmos/connect';
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
  /** Requests this matches wait until it says: held, then sent, or failed as if the database went away (counted or not). */
  hold?: HeldRequests;

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

/**
 * Holds the requests that match until `release` (sent then) or `fail` (they fail, as when the
 * process or the database dies before they reach it): what a test needs to stop a change half
 * way, and to see whether an answer waits for a request.
 */
export class HeldRequests {
  readonly held: CountedRequest[] = [];
  private readonly gate: Promise<void>;
  private open!: () => void;
  private shut!: (err: Error) => void;
  private arrived: (() => void)[] = [];

  constructor(private readonly matches: (request: CountedRequest) => boolean) {
    this.gate = new Promise<void>((resolve, reject) => {
      this.open = resolve;
      this.shut = reject;
    });
    // Not every test fails them; an unobserved rejection must not end the test run.
    this.gate.catch(() => undefined);
  }

  async pass(request: CountedRequest): Promise<void> {
    if (!this.matches(request)) return;
    this.held.push(request);
    for (const wake of this.arrived.splice(0)) wake();
    await this.gate;
  }

  /** Resolves once `n` requests are held. */
  async holding(n: number): Promise<void> {
    while (this.held.length < n) await new Promise<void>((resolve) => this.arrived.push(resolve));
  }

  release(): void {
    this.open();
  }

  fail(): void {
    this.shut(new Error('the database went away (injected)'));
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
        plugin: async (context: { operationType?: string; path?: string; body?: unknown }, _diagnostics: unknown, next: (c: unknown) => Promise<unknown>) => {
          const request = { operation: String(context.operationType), container: containerOf(context.path) };
          counter.note(request);
          await counter.hold?.pass(request);
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
  const { repositories, settle } = openRepositories(database);
  const store: CosmosStore = {
    repositories,
    database,
    embedded: { endpoint: server.endpoint, key: server.key },
    ping: async () => true,
    settle,
    isUnavailable,
    close: async () => {
      await settle();
      client.dispose();
      await server.stop();
    },
  };
  return { store, counter };
}

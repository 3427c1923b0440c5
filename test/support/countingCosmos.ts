import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';

export interface ContainerReads {
  requests: number;
  documents: number;
  bytes: number;
}

/**
 * Counts what the SDK reads, per container, as the database answered it: an SDK request plugin
 * (the SDK's own extension point, marked @hidden in its types) sees every request and response.
 * A point read is one document; a query page (or feed read) counts the documents it returned. Writes are left
 * out. Used by tests and the benchmark to count the documents a status reads, not to trust a
 * repository's own say.
 */
export class ReadCounter {
  private readonly byContainer = new Map<string, ContainerReads>();
  /** Point reads by container and the part of the document id before its first '|'. */
  private readonly byIdPrefix = new Map<string, ContainerReads>();

  readonly plugin = {
    on: 'request' as const,
    plugin: async (context: { path?: string; operationType?: string; resourceType?: string }, _diagnostics: unknown, next: (c: unknown) => Promise<{ result?: unknown }>) => {
      const response = await next(context);
      const op = context.operationType;
      if (context.resourceType === 'docs' && (op === 'read' || op === 'query')) {
        const container = /\/colls\/([^/]+)/.exec(context.path ?? '')?.[1] ?? '?';
        const result = response.result as { Documents?: unknown[] } | undefined;
        // A feed (a query page, or the feed read the SDK makes ahead of some queries) carries `Documents`.
        const feed = Array.isArray(result?.Documents);
        const documents = feed ? result!.Documents!.length : result ? 1 : 0;
        const reads = this.byContainer.get(container) ?? { requests: 0, documents: 0, bytes: 0 };
        const bytes = result ? Buffer.byteLength(JSON.stringify(feed ? result.Documents : result)) : 0;
        this.byContainer.set(container, { requests: reads.requests + 1, documents: reads.documents + documents, bytes: reads.bytes + bytes });
        if (!feed) {
          const id = decodeURIComponent(/\/docs\/([^/]+)$/.exec(context.path ?? '')?.[1] ?? '');
          const key = `${container}/${id.split('|')[0]}`;
          const byId = this.byIdPrefix.get(key) ?? { requests: 0, documents: 0, bytes: 0 };
          this.byIdPrefix.set(key, { requests: byId.requests + 1, documents: byId.documents + documents, bytes: byId.bytes + bytes });
        }
      }
      return response;
    },
  };

  reset(): void {
    this.byContainer.clear();
    this.byIdPrefix.clear();
  }

  /** Point reads in a container of documents whose id starts `<prefix>|`. */
  ofIds(container: string, prefix: string): ContainerReads {
    return { ...(this.byIdPrefix.get(`${container}/${prefix}`) ?? { requests: 0, documents: 0, bytes: 0 }) };
  }

  of(container: string): ContainerReads {
    return { ...(this.byContainer.get(container) ?? { requests: 0, documents: 0, bytes: 0 }) };
  }

  all(): Record<string, ContainerReads> {
    return Object.fromEntries(this.byContainer);
  }
}

/** A client whose reads the counter sees. */
export function countingClient(options: CosmosClientOptions, counter: ReadCounter): CosmosClient {
  return new CosmosClient({ ...options, plugins: [counter.plugin] } as CosmosClientOptions);
}

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { Logger } from '../../logging/logger';
import { connectionPolicy } from './clientOptions';

/**
 * The embedded Cosmos DB-compatible server for local runs and tests. It keeps everything in
 * memory, so when a data folder is given we save a snapshot of all databases after writes
 * (debounced) and on stop, and load it at start: logged data survives a restart.
 * The snapshot is read and written through the real SDK, so it knows nothing of the server's
 * internals.
 */
export interface EmbeddedCosmos {
  endpoint: string;
  /** A key the SDK accepts; the embedded server does not check it. */
  key: string;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

interface Snapshot {
  version: 1;
  databases: { id: string; containers: { definition: { id: string; partitionKey?: unknown; indexingPolicy?: unknown; defaultTtl?: number }; items: Record<string, unknown>[] }[] }[];
}

const SNAPSHOT_FILE = 'cosmos-snapshot.json';
const SNAPSHOT_DELAY_MS = 200;
const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

function stripSystemProperties(item: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!k.startsWith('_')) copy[k] = v;
  return copy;
}

async function takeSnapshot(client: CosmosClient): Promise<Snapshot> {
  const { resources: dbs } = await client.databases.readAll().fetchAll();
  const databases: Snapshot['databases'] = [];
  for (const db of dbs) {
    const { resources: containers } = await client.database(db.id).containers.readAll().fetchAll();
    const entries = [];
    for (const c of containers) {
      const { resources: items } = await client.database(db.id).container(c.id).items.readAll().fetchAll();
      entries.push({
        definition: { id: c.id, partitionKey: c.partitionKey, indexingPolicy: c.indexingPolicy, ...(c.defaultTtl !== undefined ? { defaultTtl: c.defaultTtl } : {}) },
        items: items.map((i) => stripSystemProperties(i as Record<string, unknown>)),
      });
    }
    databases.push({ id: db.id, containers: entries });
  }
  return { version: 1, databases };
}

async function restoreSnapshot(client: CosmosClient, snapshot: Snapshot): Promise<number> {
  let count = 0;
  for (const db of snapshot.databases) {
    const { database } = await client.databases.createIfNotExists({ id: db.id });
    for (const c of db.containers) {
      const { container } = await database.containers.createIfNotExists(c.definition as never);
      for (const item of c.items) {
        await container.items.upsert(item);
        count++;
      }
    }
  }
  return count;
}

function isWrite(method: string | undefined, headers: Record<string, unknown>): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  // Queries are POSTs too, but change nothing.
  return headers['x-ms-documentdb-isquery'] === undefined && headers['content-type'] !== 'application/query+json';
}

export async function startEmbeddedCosmos(options: { port: number; dataDir?: string; logger: Logger }): Promise<EmbeddedCosmos> {
  const server: Server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new CosmosClient({ endpoint, key: EMULATOR_KEY, connectionPolicy: connectionPolicy('inProcess') });
  const log = options.logger.child({ component: 'embedded-cosmos' });

  const dataDir = options.dataDir;
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  let restoring = false;

  const save = async () => {
    if (!dataDir) return;
    const snapshot = await takeSnapshot(client);
    const file = join(dataDir, SNAPSHOT_FILE);
    // Write then rename, so a crash mid-write never leaves half a snapshot.
    await writeFile(`${file}.tmp`, JSON.stringify(snapshot));
    await rename(`${file}.tmp`, file);
  };
  const scheduleSave = () => {
    if (!dataDir || restoring) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      saving = saving.then(save).catch((err: unknown) => log.error({ err }, 'could not save the embedded database snapshot'));
    }, SNAPSHOT_DELAY_MS);
  };

  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    server.on('request', (req, res) => {
      if (isWrite(req.method, req.headers)) res.on('finish', () => res.statusCode < 400 && scheduleSave());
    });
    const text = await readFile(join(dataDir, SNAPSHOT_FILE), 'utf8').catch(() => undefined);
    if (text) {
      restoring = true;
      const count = await restoreSnapshot(client, JSON.parse(text) as Snapshot);
      restoring = false;
      log.info({ items: count, dataDir }, 'restored the embedded database from its data folder');
    }
  }

  const flush = async () => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
      saving = saving.then(save);
    }
    await saving;
  };

  return {
    endpoint,
    key: EMULATOR_KEY,
    flush,
    stop: async () => {
      await flush();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

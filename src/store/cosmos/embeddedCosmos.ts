import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
// Before the server: it swaps the server's batch handler for an all-or-nothing one.
import './atomicBatch';
// And its query engine builds rows in linear time (a container of 100,000 documents took minutes).
import './linearQueries';
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { Logger } from '../../logging/logger';
import { WriteAheadLog, type LoggedWrite } from './writeAheadLog';
import { connectionPolicy } from './clientOptions';

/**
 * The embedded Cosmos DB-compatible server for local runs and tests. It keeps everything in
 * memory; with a data folder, every accepted write is first appended to a write-ahead log and
 * flushed to disk (writeAheadLog.ts), and at start the last snapshot is loaded and the log
 * replayed on top of it, then both are folded into a fresh snapshot. The snapshot is read and
 * written through the real SDK, so it knows nothing of the server's internals.
 */
export interface EmbeddedCosmos {
  endpoint: string;
  /** A key the SDK accepts; the embedded server does not check it. */
  key: string;
  /** Folds the log into a snapshot; only while nothing writes (at stop, and in tests). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

interface Snapshot {
  version: 1;
  /** Which log continues this snapshot: writes in older logs are in it already. */
  logGeneration?: number;
  databases: { id: string; containers: { definition: { id: string; partitionKey?: unknown; indexingPolicy?: unknown; defaultTtl?: number }; items: Record<string, unknown>[] }[] }[];
}

const SNAPSHOT_FILE = 'cosmos-snapshot.json';
const LOG_FILE_PREFIX = 'cosmos-log-';
const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

function stripSystemProperties(item: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!k.startsWith('_')) copy[k] = v;
  return copy;
}

async function takeSnapshot(client: CosmosClient, logGeneration: number): Promise<Snapshot> {
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
  return { version: 1, logGeneration, databases };
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

/** Replays logged writes through the server's own HTTP handling, in order; conditions are dropped, the writes happened. */
async function replay(endpoint: string, writes: LoggedWrite[]): Promise<number> {
  let applied = 0;
  for (const w of writes) {
    const body = w.headers['x-ms-cosmos-is-batch-request'] ? JSON.stringify((JSON.parse(w.body) as Record<string, unknown>[]).map(({ ifMatch: _i, ...op }) => op)) : w.body;
    const res = await fetch(`${endpoint}${w.url}`, { method: w.method, headers: w.headers, ...(w.method === 'DELETE' ? {} : { body }) });
    await res.arrayBuffer();
    if (res.ok) applied++;
  }
  return applied;
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
  let restoring = false;
  let generation = 0;
  const wal = new WriteAheadLog();
  if (dataDir) wal.attach(server, () => !restoring);
  const logFile = (g: number) => join(dataDir ?? '.', `${LOG_FILE_PREFIX}${g}.jsonl`);

  /**
   * The log folded into a fresh snapshot. The snapshot names the next log generation and is
   * renamed into place in one step, so a crash at any point leaves either the old snapshot with
   * its log, or the new one with an empty log: never a write applied twice.
   */
  const flush = async () => {
    if (!dataDir) return;
    await wal.drain();
    const next = generation + 1;
    const file = join(dataDir, SNAPSHOT_FILE);
    await writeFile(`${file}.tmp`, JSON.stringify(await takeSnapshot(client, next)));
    await rename(`${file}.tmp`, file);
    await wal.switchTo(logFile(next));
    await rm(logFile(generation), { force: true });
    generation = next;
  };

  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    restoring = true;
    const text = await readFile(join(dataDir, SNAPSHOT_FILE), 'utf8').catch(() => undefined);
    const snapshot = text ? (JSON.parse(text) as Snapshot) : undefined;
    const restored = snapshot ? await restoreSnapshot(client, snapshot) : 0;
    generation = snapshot?.logGeneration ?? 0;
    const writes = await WriteAheadLog.read(logFile(generation));
    const replayed = await replay(endpoint, writes);
    await wal.switchTo(logFile(generation));
    if (writes.length) await flush();
    restoring = false;
    if (restored || writes.length) log.info({ items: restored, replayed, logged: writes.length, dataDir }, 'restored the embedded database from its data folder');
  }

  return {
    endpoint,
    key: EMULATOR_KEY,
    flush,
    stop: async () => {
      await flush();
      await wal.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

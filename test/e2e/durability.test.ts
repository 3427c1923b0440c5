import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { cardVerbs } from '../../src/cards/verbs';
import { silentLogger } from '../../src/logging/logger';
import { repositoriesFor } from '../../src/store/cosmos/connect';
import { startEmbeddedCosmos } from '../../src/store/cosmos/embeddedCosmos';
import { repairRollups } from '../../src/usecases/repairRollups';
import { executeActivity, users } from '../support/activities';
import { CaptureConnector } from '../support/captureConnector';

const ROOT = join(__dirname, '..', '..');
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** `npm start` (src/main/dev.ts) on a data folder, without the Playground, until it says it runs. */
async function startBot(dataDir: string, port: number): Promise<ChildProcess> {
  // One process (node with the tsx loader), so SIGKILL reaches the bot itself, not a launcher.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/dev.ts'], {
    cwd: ROOT,
    env: { ...process.env, NO_PLAYGROUND: '1', PORT: String(port), HOST: '127.0.0.1', EMBEDDED_COSMOS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', SCHEDULER_INTERVAL_SECONDS: '0', COSMOS_ENDPOINT: '', MICROSOFT_APP_ID: '' },
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Logbog kører')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  return child;
}

/**
 * The embedded default keeps what it acknowledged: a burst of card submits to `npm start`, the
 * process killed with SIGKILL in the middle of it, and every submit the bot answered "saved" is
 * there after a restart. (The earlier store saved a snapshot on a timer that every write reset,
 * so under steady traffic nothing reached the disk: 0 of 30 survived.)
 */
describe('durability of the embedded database', () => {
  jest.setTimeout(180_000);
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'logbog-kill9-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged submit through kill -9 during a burst', async () => {
    // Teams' connector, which tells the bot who Alex is on the first turn (the plan names Alex by e-mail address).
    const connector = new CaptureConnector();
    await connector.start();
    const port = await freePort();
    const bot = await startBot(dataDir, port);
    const acknowledged: string[] = [];
    const submit = async (i: number) => {
      const submissionId = randomUUID();
      const activity = executeActivity(users.alex, connector.url, `conv-kill-${i % 5}`, cardVerbs.saveAttendance, {
        planId: 'husum-tingbjerg-2024-2028', submissionId, activityId: 'legepatrulje', date: '2025-06-10', headcount: String(5 + (i % 10)),
      });
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        const text = await res.text();
        if (res.status === 200 && text.includes('Fremmøde gemt')) acknowledged.push(`attendance-${submissionId}`);
      } catch {
        // The process was killed under this request: it was never acknowledged.
      }
    };
    // A steady stream: 8 at a time, the kill lands while requests are in flight.
    let i = 0;
    const workers = Array.from({ length: 8 }, async () => {
      while (bot.exitCode === null && bot.signalCode === null && i < 2000) await submit(i++);
    });
    // The kill lands once enough saves were acknowledged to mean something, however loaded the machine.
    const started = Date.now();
    while (acknowledged.length < 40 && Date.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 50));
    bot.kill('SIGKILL');
    await Promise.all(workers);
    await connector.stop();
    expect(acknowledged.length).toBeGreaterThan(30);

    // Restart on the same data folder, and read what is there.
    const store = await startEmbeddedCosmos({ port: 0, dataDir, logger: silentLogger });
    const client = new CosmosClient({ endpoint: store.endpoint, key: store.key, connectionPolicy: { enableEndpointDiscovery: false } });
    try {
      const { resources } = await client.database('logbog').container('records').items.query<{ id: string }>("SELECT c.id FROM c WHERE c.type = 'attendance'").fetchAll();
      const stored = new Set(resources.map((r) => r.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect({ acknowledged: acknowledged.length, lost }).toEqual({ acknowledged: acknowledged.length, lost: [] });
      // A submit killed between its record and its rollup left a marker; the scheduler's repair
      // (run here as its next tick would, once the marker has settled) makes the rollups exact.
      const repos = repositoriesFor(client.database('logbog'));
      const report = await repairRollups(repos, 'husum-tingbjerg-2024-2028', new Date(Date.now() + 5 * 60_000));
      const rollup = (await repos.rollups.inRange('husum-tingbjerg-2024-2028', '2025-06', '2025-06')).find((r) => r.scope === 'activity:legepatrulje');
      expect({ sessions: rollup?.counters.sessions, open: (await repos.rollups.openChanges('husum-tingbjerg-2024-2028')).length }).toEqual({ sessions: stored.size, open: 0 });
      console.log(`kill -9 during a burst: ${acknowledged.length} acknowledged, ${stored.size} stored, 0 lost; ${report.repaired} unfinished rollup change(s) repaired`);
    } finally {
      client.dispose();
      await store.stop();
    }
  });
});

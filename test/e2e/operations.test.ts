import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import selfsigned from 'selfsigned';
import { createLogger } from '../../src/logging/logger';
import { startServer } from '../../src/server';
import { users } from '../support/activities';
import { BotHarness, harnessConfig, harnessLogger } from '../support/botHarness';

const PLAN = 'husum-tingbjerg-2024-2028';

describe('operations', () => {
  const harness = new BotHarness('2025-10-29T09:00:00+01:00');
  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${harness.server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${harness.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('logs one JSON line per turn with its activity id, and never what the user wrote', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) });
    const server = await startServer(harnessConfig(), { store: harness.server.store, clock: harness.clock, logger: createLogger('info', sink) });
    try {
      const { messageActivity } = await import('../support/activities');
      const activity = messageActivity(users.alex, harness.connector.url, 'conv-logging', 'Talt med Jens 010203-1234');
      await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const turn = lines.find((l) => l.msg === 'turn');
      expect(turn).toMatchObject({ activityId: activity.id, activityType: 'message', conversationType: 'personal' });
      const everything = JSON.stringify(lines);
      expect(everything).not.toContain('010203');
      expect(everything).not.toContain('Jens');
    } finally {
      await server.stop();
    }
  });

  it('on shutdown, finishes the running scheduler tick and gives the planning lease back', async () => {
    const second = await startServer(harnessConfig(), { store: harness.server.store, clock: harness.clock, logger: harnessLogger(), scheduler: { instanceId: 'stopping' } });
    let finished = false;
    const tick = second.scheduler.tick().then((report) => ((finished = true), report));
    await second.stop();
    // stop() returned only after the tick had finished its bookkeeping.
    expect(finished).toBe(true);
    await tick;
    // Another instance can take the lease at once: it was released, not left to expire.
    const now = harness.clock.now().toISOString();
    const lease = await harness.repos.outbox.acquireLease(PLAN, 'someone-else', now, new Date(Date.parse(now) + 60_000).toISOString());
    expect(lease?.record.holder).toBe('someone-else');
  });

  it('sends telemetry only when a connection string is configured', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'support', 'telemetryProcess.ts')], {
      env: { ...process.env, CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/' },
    });
    expect(JSON.parse(stdout)).toEqual({ off: true, on: true });
  }, 30_000);

  it('sends the pino log lines to Application Insights, through the OpenTelemetry pino instrumentation', async () => {
    // A local HTTPS server plays the ingestion endpoint (the exporter speaks only HTTPS); the
    // process trusts its throwaway certificate through NODE_EXTRA_CA_CERTS.
    const dir = mkdtempSync(join(tmpdir(), 'fake-ingestion-'));
    const pem = await Promise.resolve(selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], { notAfterDate: new Date(Date.now() + 86_400_000), keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] }));
    writeFileSync(join(dir, 'cert.pem'), pem.cert);
    const envelopes: { name?: string; data?: { baseType?: string; baseData?: { message?: string; severityLevel?: string; properties?: Record<string, string> } } }[] = [];
    const ingestion = createServer({ key: pem.private, cert: pem.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString();
        envelopes.push(...(JSON.parse(text) as typeof envelopes));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', () => resolve()));
    try {
      const marker = `marker-${Date.now()}`;
      const endpoint = `https://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`;
      await promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'support', 'telemetryProcess.ts')], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'), LOG_MARKER: marker, CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${endpoint}` },
      });
      const line = envelopes.find((e) => e.data?.baseType === 'MessageData' && e.data.baseData?.message?.includes(marker));
      expect(line?.data?.baseData?.severityLevel).toBe('Warning');
    } finally {
      await new Promise<void>((resolve) => ingestion.close(() => resolve()));
    }
  }, 60_000);
});

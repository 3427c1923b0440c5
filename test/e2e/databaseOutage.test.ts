import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardVerbs } from '../../src/cards/verbs';
import { da } from '../../src/i18n/da';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, inputOf, SCHEDULER_SECRET, textsOf } from '../support/botHarness';

const PLAN = 'husum-tingbjerg-2024-2028';
/**
 * Teams' budget for an invoke: after it, Teams shows an error whatever the bot answers. Not a
 * speed measurement but a limit the answer must keep (the turn's own deadline is 3.5 s).
 */
const TEAMS_INVOKE_MS = 5_000;

/** The database in its own process, on a given port and data folder, so it can be stopped and started again. */
async function startDatabase(port: number, dataDir: string): Promise<{ child: ChildProcess; endpoint: string; key: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'support', 'cosmosServerProcess.ts')], {
    env: { ...process.env, COSMOS_PORT: String(port), COSMOS_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // A process that cannot start (the port still taken) exits instead of printing.
  const started = await Promise.race([once(child.stdout!, 'data') as Promise<[Buffer]>, once(child, 'exit').then(() => undefined)]);
  if (!started) throw new Error(`the database process exited with ${child.exitCode}`);
  return { child, ...(JSON.parse(started[0].toString()) as { endpoint: string; key: string }) };
}

async function stopDatabase(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** A server that takes connections on the database's port and never answers: a hung database. */
async function blackHole(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The database stops mid-use. COSMOS_ENDPOINT points at an embedded server started separately
 * over plain http (as the Linux emulator would be); the test stops that process, and later starts
 * a new one on the same port and data folder. Monday 16 June 2025.
 */
describe('a database outage', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'logbog-outage-'));
  let database: Awaited<ReturnType<typeof startDatabase>>;
  let port: number;
  let harness: BotHarness;

  beforeAll(async () => {
    database = await startDatabase(0, dataDir);
    port = Number(new URL(database.endpoint).port);
    harness = new BotHarness('2025-06-16T10:00:00+02:00', { COSMOS_ENDPOINT: database.endpoint, COSMOS_KEY: database.key });
    await harness.start();
  }, 60_000);
  const figures: Record<string, number> = {};
  afterAll(async () => {
    console.log(`outage: answered in ${JSON.stringify(figures)} ms`);
    await harness?.stop();
    if (database?.child.exitCode === null) await stopDatabase(database.child);
  });

  /** Each test starts with the database up, whatever the one before left behind. */
  beforeEach(async () => {
    if (database.child.exitCode !== null) database = await startDatabase(port, dataDir);
  });

  const ready = async () => (await fetch(`${harness.server.url}/readyz`)).status;
  const entered = { activityId: 'din-fritid', date: '2025-06-12', headcount: '17', newParticipants: '3', note: 'Regnvejr, holdt indendørs' };

  async function openForm() {
    const [reply] = await harness.say(users.alex, 'log fremmøde');
    return executeDataOf(cardOf(reply)!, cardVerbs.saveAttendance);
  }

  async function submissionsStored(submissionId: string) {
    const sessions = await harness.repos.records.listInRange(PLAN, 'attendance', { from: '2025-06-12', to: '2025-06-12' });
    return sessions.filter((s) => s.id === `attendance-${submissionId}`).length;
  }

  async function submitTimed(data: Record<string, unknown>) {
    const started = Date.now();
    const res = await harness.execute(users.alex, cardVerbs.saveAttendance, data);
    return { res, ms: Date.now() - started };
  }

  /** What the user sees: the card back, with their values in its inputs and the notice above them. */
  function expectCardKept(res: Awaited<ReturnType<typeof harness.execute>>, submissionId: string, notice: string = da.outage.formNotice) {
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const card = res.body!.value;
    expect(textsOf(card)).toContain(notice);
    expect(inputOf(card, 'activityId')!.value).toBe(entered.activityId);
    expect(inputOf(card, 'date')!.value).toBe(entered.date);
    expect(inputOf(card, 'headcount')!.value).toBe(17);
    expect(inputOf(card, 'newParticipants')!.value).toBe(3);
    expect(inputOf(card, 'note')!.value).toBe(entered.note);
    // The same submission id: saved again, it is stored once even if the first try got through.
    expect(executeDataOf(card, cardVerbs.saveAttendance).submissionId).toBe(submissionId);
  }

  it('works with COSMOS_ENDPOINT pointing at a plain-http server (no endpoint discovery, so no EPROTO)', async () => {
    expect(database.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await ready()).toBe(200);
    const data = await openForm();
    const { res } = await submitTimed({ ...data, ...entered });
    expect(textsOf(res.body!.value)).toContain('✅ Fremmøde gemt');
    expect(await submissionsStored(String(data.submissionId))).toBe(1);
  });

  it('with the database stopped: the card comes back with the values and a Danish notice within Teams\' 5 s, /readyz is 503, the scheduler tick 503', async () => {
    const data = await openForm();
    await stopDatabase(database.child);

    const { res, ms } = await submitTimed({ ...data, ...entered });
    figures.stopped = ms;
    expectCardKept(res, String(data.submissionId));
    expect(ms).toBeLessThan(TEAMS_INVOKE_MS);

    const [reply] = await harness.say(users.alex, 'status');
    expect(reply?.text).toBe(da.outage.text);
    expect(await ready()).toBe(503);
    const tick = await fetch(`${harness.server.url}/api/scheduler/tick`, { method: 'POST', headers: { 'x-logbog-scheduler-secret': SCHEDULER_SECRET } });
    expect(tick.status).toBe(503);
    expect(await tick.json()).toEqual({ error: 'database unreachable' });
  }, 60_000);

  it.each([
    ['log møde', cardVerbs.saveMeeting, { networkId: 'din-fritid-netvaerk', date: '2025-06-11', startTime: '16:30', summary: 'Planlagde sommerens aktiviteter' }],
    ['log henvisning', cardVerbs.saveReferral, { from: 'activity:din-fritid', to: 'offer:forening', personCode: 'KB17', date: '2025-06-11' }],
    ['log uge', cardVerbs.saveWeek, { activityId: 'videnshuset', weekOf: '2025-06-09', day1Headcount: '22', day2Headcount: '18' }],
  ])('with the database stopped, "%s" also comes back with its values and the notice', async (command, verb, values) => {
    const [reply] = await harness.say(users.alex, command);
    const data = executeDataOf(cardOf(reply)!, verb);
    await stopDatabase(database.child);
    const res = await harness.execute(users.alex, verb, { ...data, ...values });
    const card = res.body!.value;
    expect(textsOf(card)).toContain(da.outage.formNotice);
    for (const [id, value] of Object.entries(values)) expect(String(inputOf(card, id)?.value)).toBe(value);
    expect(executeDataOf(card, verb).submissionId).toBe(data.submissionId);
  }, 30_000);

  it('when the database is back (a new process, same port and data), everything recovers and the kept card saves once', async () => {
    const saved = await openForm();
    await submitTimed({ ...saved, ...entered });
    const data = await openForm();
    await stopDatabase(database.child);
    const { res: kept } = await submitTimed({ ...data, ...entered });
    expectCardKept(kept, String(data.submissionId));

    database = await startDatabase(port, dataDir);
    const back = Date.now();
    expect(await ready()).toBe(200);
    figures.readyzBack = Date.now() - back;
    // What was saved before the outage survived it.
    expect(await submissionsStored(String(saved.submissionId))).toBe(1);
    // The user presses Save on the card they got back.
    const again = executeDataOf(kept.body!.value, cardVerbs.saveAttendance);
    const { res } = await submitTimed({ ...again, ...entered });
    expect(textsOf(res.body!.value)).toContain('✅ Fremmøde gemt');
    expect(await submissionsStored(String(data.submissionId))).toBe(1);
    const tick = await fetch(`${harness.server.url}/api/scheduler/tick`, { method: 'POST', headers: { 'x-logbog-scheduler-secret': SCHEDULER_SECRET } });
    expect(tick.status).toBe(200);
  }, 60_000);

  it('with a database that takes connections and never answers, the user still hears back within 5 s', async () => {
    const data = await openForm();
    await stopDatabase(database.child);
    const hung = await blackHole(port);
    try {
      const { res, ms } = await submitTimed({ ...data, ...entered });
      figures.hung = ms;
      // The save went out on the membership read for the form (one batch) and got no answer: it
      // may have been stored, so the card says it cannot confirm it yet, not that it was not saved.
      expectCardKept(res, String(data.submissionId), da.outage.slowNotice);
      expect(ms).toBeLessThan(TEAMS_INVOKE_MS);
      const started = Date.now();
      expect(await ready()).toBe(503);
      figures.readyzHung = Date.now() - started;
    } finally {
      await hung.close();
    }
    database = await startDatabase(port, dataDir);
    expect(await ready()).toBe(200);
    const { res } = await submitTimed({ ...data, ...entered });
    expect(textsOf(res.body!.value)).toContain('✅ Fremmøde gemt');
    expect(await submissionsStored(String(data.submissionId))).toBe(1);
  }, 60_000);
});

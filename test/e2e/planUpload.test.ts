import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';
import { messageActivity, users, type TestUser } from '../support/activities';
import { BotHarness, DEMO_PLAN } from '../support/botHarness';

const PLAN = 'husum-tingbjerg-2024-2028';

/**
 * An admin starts or updates a plan by sending its YAML file to the bot in the personal chat, as
 * Teams delivers it: a file download link the bot fetches. The answer is the Danish errors with
 * their line numbers, or the plan imported with its revision.
 */
describe('a plan file sent in chat', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00', { PLAN_ADMINS: 'LynneR@example.com' });
  const files = new Map<string, string>();
  const fetched: string[] = [];
  let fileServer: Server;
  let base = '';

  beforeAll(async () => {
    await harness.start();
    // Where Teams keeps the file a user sent; the bot gets a pre-authorised download link.
    fileServer = createServer((req, res) => {
      fetched.push(req.url ?? '');
      const text = files.get(req.url ?? '');
      res.writeHead(text === undefined ? 404 : 200, { 'content-type': 'application/octet-stream' });
      res.end(text ?? '');
    });
    await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => fileServer.close(() => resolve()));
    await harness.stop();
  });

  async function send(user: TestUser, name: string, text: string, conversationType = 'personal') {
    const path = `/${files.size}/${name}`;
    files.set(path, text);
    const conversationId = conversationType === 'personal' ? `conv-${user.id}` : '19:kanal@thread.tacv2';
    const activity = {
      ...messageActivity(user, harness.connector.url, conversationId, '', conversationType),
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name, content: { downloadUrl: `${base}${path}`, uniqueId: path, fileType: 'yaml' } }],
    };
    const before = harness.connector.messagesTo(conversationId).length;
    expect((await harness.post(activity)).status).toBe(200);
    return harness.connector.messagesTo(conversationId).slice(before).map((a) => a.text ?? '').join('\n');
  }

  const demo = async () => parse(await readFile(DEMO_PLAN, 'utf8')) as Record<string, unknown>;
  const revision = async () => (await harness.repos.plans.get(PLAN))!.revision;

  it('answers an admin with the errors in Danish and their line numbers, and imports nothing', async () => {
    const plan = await demo();
    (plan.period as Record<string, unknown>).start = '1. september 2024';
    (plan.members as Record<string, unknown>[]).push({ id: 'ny', name: 'Ny Person', email: 'ikke en adresse', roles: ['member'] });
    const answer = await send(users.isaiah, 'husum.yaml', stringify(plan));
    expect(answer).toMatch(/^husum\.yaml er ikke indlæst: 2 fejl\. Ret dem og send filen igen\. Intet er ændret\.$/m);
    expect(answer).toMatch(/^- husum\.yaml:\d+: period\.start: skal være en dato som ÅÅÅÅ-MM-DD$/m);
    expect(answer).toMatch(/^- husum\.yaml:\d+: members\.8\.email: skal være en e-mailadresse som navn@kommune\.dk$/m);
    expect(await revision()).toBe(1);
  });

  it('names the line of a YAML syntax error', async () => {
    const answer = await send(users.isaiah, 'husum.yaml', 'schemaVersion: 2\nid: husum-tingbjerg-2024-2028\nname: "uden slut\nperiod: [\n');
    expect(answer).toBe('husum.yaml kunne ikke læses som YAML (linje 5): et tegn mangler, fx et afsluttende anførselstegn eller en lukkende parentes. Ret det og send filen igen. Intet er indlæst.');
    const twice = await send(users.isaiah, 'husum.yaml', 'schemaVersion: 2\nid: a\nid: b\n');
    expect(twice).toBe('husum.yaml kunne ikke læses som YAML (linje 3): det samme felt står to gange. Ret det og send filen igen. Intet er indlæst.');
  });

  it("imports an admin's corrected file and reports the revision and who is not seen in Teams yet", async () => {
    const plan = await demo();
    plan.name = 'Husum-Tingbjerg 2024-2028 (rettet)';
    const answer = await send(users.isaiah, 'husum.yaml', stringify(plan));
    expect(answer).toMatch(/^\*\*Husum-Tingbjerg 2024-2028 \(rettet\)\*\* er indlæst fra husum\.yaml \(revision 2\)\.$/m);
    // Isaiah wrote to the bot; the others have not yet.
    expect(answer).toMatch(/^7 personer er ikke set i Teams endnu og kobles på, første gang de skriver til Logbog: alexw@example\.com, meganb@example\.com, /m);
    expect((await harness.repos.plans.get(PLAN))!.plan.name).toBe('Husum-Tingbjerg 2024-2028 (rettet)');
  });

  it('refuses a member who is no admin without even fetching the file, and an admin of another plan without reading it out', async () => {
    const before = fetched.length;
    expect(await send(users.megan, 'husum.yaml', stringify(await demo()))).toBe('Kun en administrator kan indlæse en planfil. Intet er ændret.');
    expect(fetched).toHaveLength(before);
    // Lynne may start plans (PLAN_ADMINS) but is no admin of this one.
    const plan = await demo();
    (plan.period as Record<string, unknown>).start = 'forkert';
    expect(await send(users.lynne, 'husum.yaml', stringify(plan))).toBe('Du er ikke administrator af planen "husum-tingbjerg-2024-2028", så filen er ikke indlæst. Intet er ændret.');
    expect(await revision()).toBe(2);
  });

  it('lets PLAN_ADMINS start a new plan, and no one else', async () => {
    const plan = { ...(await demo()), id: 'ny-plan-2026', name: 'Ny plan 2026' };
    expect(await send(users.megan, 'ny.yaml', stringify(plan))).toBe('Kun en administrator kan indlæse en planfil. Intet er ændret.');
    expect(await harness.repos.plans.get('ny-plan-2026')).toBeUndefined();
    expect(await send(users.lynne, 'ny.yaml', stringify(plan))).toMatch(/^\*\*Ny plan 2026\*\* er indlæst fra ny\.yaml \(revision 1\)\./);
  });

  it('takes plan files in the personal chat only, and only YAML', async () => {
    expect(await send(users.isaiah, 'husum.yaml', stringify(await demo()), 'channel')).toBe('Send planfilen i din personlige chat med Logbog, ikke her. Intet er indlæst.');
    expect(await send(users.isaiah, 'husum.docx', 'x')).toBe('husum.docx er ikke en planfil: send en YAML-fil (.yaml eller .yml). Intet er indlæst.');
    expect(await revision()).toBe(2);
  });
});

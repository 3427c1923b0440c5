import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardVerbs } from '../../src/cards/verbs';
import { unzip } from '../../src/export/zip';
import { executeActivity, users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, inputOf, textsOf } from '../support/botHarness';

const PLAN = 'husum-tingbjerg-2024-2028';
const alexChat = `conv-${users.alex.id}`;

/**
 * The yearly report leaves Teams as a file: the export button offers it with Teams' file consent
 * card; when the user accepts, Teams gives an upload URL (here a local server playing OneDrive),
 * the bot puts the file there and posts the file card.
 */
describe('exporting status and entering indicator values', () => {
  const harness = new BotHarness('2025-11-20T10:00:00+01:00');
  const uploads: { url: string; headers: Record<string, unknown>; body: Buffer }[] = [];
  let oneDrive: Server;
  let oneDriveUrl = '';

  beforeAll(async () => {
    await harness.start();
    oneDrive = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => oneDrive.listen(0, '127.0.0.1', () => resolve()));
    oneDriveUrl = `http://127.0.0.1:${(oneDrive.address() as AddressInfo).port}`;
    const form = cardOf((await harness.say(users.megan, 'log fremmøde'))[0]);
    await harness.execute(users.megan, cardVerbs.saveAttendance, { ...executeDataOf(form, cardVerbs.saveAttendance), activityId: 'legepatrulje', date: '2025-06-04', headcount: '18' });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => oneDrive.close(() => resolve()));
    await harness.stop();
  });

  async function exportAndAccept(format: 'csv' | 'xlsx') {
    const before = harness.connector.messagesTo(alexChat).length;
    const res = await harness.execute(users.alex, cardVerbs.exportStatus, { query: 'status 2025', format });
    expect(res.body?.value).toBe('Jeg sender filen her i chatten, når du har tilladt det.');
    const consent = harness.connector.messagesTo(alexChat).slice(before).flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent')!;
    expect(consent).toBeDefined();
    const name = (consent as { name?: string }).name!;
    expect(name).toBe(`logbog-husum-tingbjerg-2024-2028-plan-2025.${format}`);
    const context = (consent.content as { acceptContext: Record<string, string> }).acceptContext;
    const accept = {
      ...executeActivity(users.alex, harness.connector.url, alexChat, '', {}),
      name: 'fileConsent/invoke',
      value: { type: 'fileUpload', action: 'accept', context, uploadInfo: { name, uploadUrl: `${oneDriveUrl}/upload/${name}`, contentUrl: `https://onedrive.example/${name}`, uniqueId: 'u1', fileType: format } },
    };
    const answer = await harness.post(accept);
    expect(answer.status).toBe(200);
    const upload = uploads.at(-1)!;
    expect(upload.url).toBe(`/upload/${name}`);
    expect(upload.headers['content-range']).toBe(`bytes 0-${upload.body.length - 1}/${upload.body.length}`);
    const info = harness.connector.messagesTo(alexChat).at(-1)!.attachments![0]!;
    expect(info).toMatchObject({ contentType: 'application/vnd.microsoft.teams.card.file.info', name, contentUrl: `https://onedrive.example/${name}` });
    return upload.body;
  }

  it('exports the year as CSV for Danish Excel: every target by focus area and activity', async () => {
    const csv = (await exportAndAccept('csv')).toString('utf8');
    expect(csv.startsWith('\uFEFFIndsatsområde;Aktivitet eller mål;Succeskriterium;Art;Periode;Mål for perioden;Faktisk;Vurdering;Forklaring\r\n')).toBe(true);
    const legepatrulje = csv.split('\r\n').find((l) => l.includes(';Legepatrulje;I gennemsnit 15 børn pr. gang;'));
    expect(legepatrulje?.split(';').slice(3)).toEqual(['gns. fremmøde', '2025', 'mindst 15 pr. gang', '18', 'på sporet', 'mål for perioden: mindst 15 pr. gang']);
    const plan = (await harness.repos.plans.get(PLAN))!.plan;
    const targets = plan.activities.flatMap((a) => a.targets).length;
    expect(csv.split('\r\n').filter((l) => l && !l.startsWith('\uFEFF')).length).toBeGreaterThanOrEqual(targets);
  });

  it('exports the same table as an Excel workbook', async () => {
    const files = unzip(await exportAndAccept('xlsx'));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
    const sheet = files.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('<t xml:space="preserve">I gennemsnit 15 børn pr. gang</t>');
    expect(sheet).toMatch(/<c r="G\d+"><v>18<\/v><\/c>/);
  });

  it('tells a user in a channel that files go to the personal chat', async () => {
    const res = await harness.post({ ...executeActivity(users.alex, harness.connector.url, '19:kanal@thread.tacv2', cardVerbs.exportStatus, { query: 'status', format: 'csv' }), conversation: { id: '19:kanal@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-1' } });
    expect(res.body?.value).toBe('Filer kan kun sendes i din personlige chat med Logbog. Skriv samme status dér, og tryk Eksportér.');
  });

  it('lets a leader enter an indicator value with its source, which status then judges against the baseline', async () => {
    const form = await harness.executeForNewCard(users.alex, cardVerbs.showIndicatorForm, {});
    expect(form.answer).toBe('Kortet til at indtaste tal står herunder.');
    expect(textsOf(form.card)[0]).toBe('Indtast tal fra andre kilder');
    const bad = await harness.execute(users.alex, cardVerbs.saveIndicator, { indicatorId: 'ul-1a-foerskriftsprog', period: '2025', value: 'ca. tredive', source: '' });
    expect(textsOf(bad.body?.value).join(' ')).toMatch(/Intet er gemt/);
    expect(inputOf(bad.body?.value, 'value')?.value).toBe('ca. tredive');
    expect(await harness.repos.indicators.list(PLAN)).toEqual([]);

    const saved = await harness.execute(users.alex, cardVerbs.saveIndicator, { indicatorId: 'ul-1a-foerskriftsprog', period: '2025', value: '31,2', source: 'Københavns Kommune, sprogvurdering 2025' });
    expect(textsOf(saved.body?.value).some((t) => t.startsWith('Gemt: ') && t.endsWith('= 31,2 (2025). Den vises i status.'))).toBe(true);
    expect(await harness.repos.indicators.list(PLAN)).toEqual([expect.objectContaining({ indicatorId: 'ul-1a-foerskriftsprog', value: 31.2, period: '2025', enteredBy: 'alex-wilber' })]);

    const status = textsOf(cardOf((await harness.say(users.alex, 'status uddannelse og livschancer'))[0]));
    const at = status.findIndex((t) => t.startsWith('31,2 (2025) · basis 37,36'));
    expect(at).toBeGreaterThan(0);
    expect(status[at + 2]).toBe('● på sporet');
  });

  it('refuses indicator values from a coordinator, and a CPR number in the source', async () => {
    const denied = await harness.execute(users.adele, cardVerbs.saveIndicator, { indicatorId: 'ul-1a-foerskriftsprog', period: '2024', value: '30', source: 'x' });
    expect(denied.body?.value).toMatch(/^Det har du ikke adgang til: at indtaste indikatorværdier kræver rollen leder/);
    const cpr = await harness.execute(users.alex, cardVerbs.saveIndicator, { indicatorId: 'ul-1a-foerskriftsprog', period: '2024', value: '30', source: 'oplyst af 010203-1234' });
    expect(textsOf(cpr.body?.value).join(' ')).toMatch(/Intet er gemt/);
    expect((await harness.repos.indicators.list(PLAN)).map((v) => v.period)).toEqual(['2025']);
  });
});

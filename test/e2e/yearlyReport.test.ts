import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mammoth from 'mammoth';
import { cardVerbs } from '../../src/cards/verbs';
import { planTargets } from '../../src/domain/plan/planTargets';
import { unzip } from '../../src/export/zip';
import { catalogues } from '../../src/i18n';
import { executeActivity, users } from '../support/activities';
import { BotHarness } from '../support/botHarness';
import { seedDemoLogbook } from '../support/dashboardSeed';
import { allStatusRows, type CardRow } from '../support/statusCardRows';

const PLAN = 'husum-tingbjerg-2024-2028';
const alexChat = `conv-${users.alex.id}`;
const da = catalogues.da;

const decode = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();

interface DocRow {
  section: string;
  holder: string;
  cells: string[];
  html: string[];
}

/** The docx read back by mammoth (an independent reader): every table row with the heading above its table. */
async function readDocx(bytes: Buffer): Promise<{ rows: DocRow[]; text: string }> {
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
  const rows: DocRow[] = [];
  let section = '';
  let holder = '';
  for (const part of html.split(/(?=<h[12]>)|(?=<tr>)/)) {
    const h1 = /^<h1>(.*?)<\/h1>/.exec(part);
    if (h1) [section, holder] = [decode(h1[1]!), ''];
    const h2 = /^<h2>(.*?)<\/h2>/.exec(part);
    if (h2) holder = decode(h2[1]!);
    const cells = [...part.matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]!);
    // Header rows are <th>: only rows of data are kept.
    if (part.startsWith('<tr>') && cells.length) rows.push({ section, holder, cells: cells.map(decode), html: cells });
  }
  return { rows, text: decode(html.replace(/<\/(p|h\d|li|td)>/g, '\n')) };
}

/**
 * `årsrapport 2025` in chat: a Word document through the file consent card, read back with
 * mammoth, holding every target of the plan with the status card's own figures.
 */
describe('the yearly report', () => {
  jest.setTimeout(120_000);
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const uploads: Buffer[] = [];
  let oneDrive: Server;
  let oneDriveUrl = '';
  let docx: { rows: DocRow[]; text: string };

  beforeAll(async () => {
    await harness.start();
    await seedDemoLogbook(harness);
    // A milestone moved (the reason goes to the audit log) and one reached.
    await harness.execute(users.alex, cardVerbs.moveScheduleItem, { target: 'milestone', targetId: 'uu-fremskudte-vejledere-ophoerer', recordId: '', key: 'k1', 'text-k1': 'Afventer kommunens budgetaftale', 'date-k1': '2025-12-15' });
    await harness.execute(users.alex, cardVerbs.completeScheduleItem, { target: 'milestone', targetId: 'aarlig-revision@2025', recordId: '', key: 'k2', 'text-k2': '' });
    oneDrive = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.push(Buffer.concat(chunks));
        res.writeHead(201).end('{}');
      });
    });
    await new Promise<void>((resolve) => oneDrive.listen(0, '127.0.0.1', () => resolve()));
    oneDriveUrl = `http://127.0.0.1:${(oneDrive.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => oneDrive.close(() => resolve()));
    await harness.stop();
  });

  it('is offered through the file consent card for "årsrapport 2025" and uploaded when accepted', async () => {
    const replies = await harness.say(users.alex, 'årsrapport 2025');
    const consent = replies.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent')!;
    expect(consent).toMatchObject({ name: `logbog-${PLAN}-aarsrapport-2025.docx` });
    const context = (consent.content as { acceptContext: Record<string, string> }).acceptContext;
    const name = (consent as { name?: string }).name!;
    const accept = {
      ...executeActivity(users.alex, harness.connector.url, alexChat, '', {}),
      name: 'fileConsent/invoke',
      value: { type: 'fileUpload', action: 'accept', context, uploadInfo: { name, uploadUrl: `${oneDriveUrl}/upload/${name}`, contentUrl: `https://onedrive.example/${name}`, uniqueId: 'u1', fileType: 'docx' } },
    };
    expect((await harness.post(accept)).status).toBe(200);
    expect(harness.connector.messagesTo(alexChat).at(-1)!.attachments![0]).toMatchObject({ contentType: 'application/vnd.microsoft.teams.card.file.info', name });
    docx = await readDocx(uploads.at(-1)!);
    expect(docx.text).toContain('Årsrapport 2025: Den boligsociale helhedsplan for Husum-Tingbjerg 2024-2028');
  });

  it('holds every target of the plan with the same figure as the status card, each with an empty comment field', async () => {
    const plan = (await harness.repos.plans.get(PLAN))!.plan;
    const cards: CardRow[] = [];
    for (const fa of plan.focusAreas) cards.push(...(await allStatusRows(harness, users.alex, `status ${fa.name} 2025`)));
    const targets = planTargets(plan);
    const areas = new Set([...plan.focusAreas.map((f) => f.name), da.yearlyReport.goals]);
    const targetRows = docx.rows.filter((r) => areas.has(r.section));
    expect(targetRows).toHaveLength(targets.length);
    for (const t of targets) {
      const holder = t.holder.kind === 'goal' ? da.status.goalHolder(t.holder.name) : t.holder.name;
      const card = cards.find((c) => c.group === holder && c.text === t.target.text);
      const row = targetRows.find((r) => r.holder === holder && r.cells[0] === t.target.text);
      expect({ target: t.key, card: card !== undefined, docx: row !== undefined }).toEqual({ target: t.key, card: true, docx: true });
      expect({ target: t.key, figure: row!.cells[1] }).toEqual({ target: t.key, figure: card!.actual });
      expect(row!.cells[5]).toBe('');
    }
  });

  it('draws a small chart for a target with logs, described for a screen reader', () => {
    const row = docx.rows.find((r) => r.holder === 'Kompetenceudvikling og kurser' && r.cells[0]?.includes('undervisningsgange'))!;
    expect(row.cells.slice(1, 4)).toEqual(['10', 'mindst 40', '▼ bagud']);
    expect(row.html[4]).toMatch(/<img [^>]*alt="Akkumuleret pr\. måned mod målet: 2 hold om året á 20 undervisningsgange \(FVU dansk\)"/);
  });

  it('lists the milestones reached, moved with the reason from the audit log, and overdue; the indicators with their sources; the meetings against cadence', () => {
    const y = da.yearlyReport;
    const after = (heading: string) => docx.text.slice(docx.text.indexOf(`\n${heading}\n`));
    expect(after(y.reached)).toMatch(/Som en del af den årlige revision[^\n]*\(nået 16\.6\.2025\)/);
    expect(after(y.moved)).toMatch(/Uddannelsesvejledning i helhedsplanerne[^\n]*: fra 31\.10\.2025 til 15\.12\.2025: Afventer kommunens budgetaftale/);
    expect(after(y.overdue)).toContain('(frist 31.12.2024)');
    expect(docx.text).toContain(y.indicators);
    const indicatorRows = docx.rows.filter((r) => r.section === y.indicators && r.cells[5]);
    expect(indicatorRows.length).toBeGreaterThan(20);
    expect(docx.rows.some((r) => r.cells[0]?.startsWith('Din Fritid-netværket') && r.cells[1]?.includes('planlagt til nu'))).toBe(true);
  });

  it('makes the same content as a workbook in the layout of the status export, from the dashboard button', async () => {
    const res = await fetch(`${harness.server.url}/api/dashboard/report?year=2025&format=xlsx&locale=da-DK`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="logbog-${PLAN}-aarsrapport-2025.xlsx"`);
    const sheet = unzip(Buffer.from(await res.arrayBuffer())).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    const rows = [...sheet.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map((r) => [...r[1]!.matchAll(/<(?:t xml:space="preserve"|v)>(.*?)<\/(?:t|v)>/g)].map((c) => c[1]));
    expect(rows[0]).toEqual([...da.export.header]);
    expect(rows.find((r) => r[1] === 'Kompetenceudvikling og kurser')?.slice(5, 8)).toEqual(['mindst 40', '10', 'bagud']);
    expect(rows.some((r) => r[7] === 'flyttet' && r[8]?.includes('Afventer kommunens budgetaftale'))).toBe(true);
    expect(rows.some((r) => r[7] === 'nået' && r[2]?.startsWith('Som en del af den årlige revision'))).toBe(true);
  });

  it('is refused, in Danish, to a member without the coordinator or leader role, and for a year outside the plan', async () => {
    const refused = await harness.say(users.megan, 'årsrapport 2025');
    expect(refused[0]!.text).toContain('at se status kræver rollen tovholder eller leder');
    const res = await fetch(`${harness.server.url}/api/dashboard/report?year=2025&format=docx`, { headers: { 'x-logbog-dev-user': users.megan.aadObjectId } });
    expect(res.status).toBe(403);
    expect((await harness.say(users.alex, 'årsrapport 2031'))[0]!.text).toBe(da.yearlyReport.badYear(2024, 2028));
  });
});

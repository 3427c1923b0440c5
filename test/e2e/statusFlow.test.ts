import { cardVerbs } from '../../src/cards/verbs';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, textsOf } from '../support/botHarness';

const PLAN = 'husum-tingbjerg-2024-2028';

/** Leaders ask in Danish and get the plan's own targets back, from the rollups. */
describe('asking for status in chat', () => {
  const harness = new BotHarness('2025-04-28T12:00:00+02:00');

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function logSession(activityId: string, date: string, headcount: string) {
    const card = cardOf((await harness.say(users.megan, 'log fremmøde'))[0]);
    const res = await harness.execute(users.megan, cardVerbs.saveAttendance, { ...executeDataOf(card, cardVerbs.saveAttendance), activityId, date, headcount });
    expect(textsOf(res.body!.value)).toContain('✅ Fremmøde gemt');
  }
  async function logReferral(to: string, date: string) {
    const data = executeDataOf(cardOf((await harness.say(users.alex, 'log henvisning'))[0]), cardVerbs.saveReferral);
    await harness.execute(users.alex, cardVerbs.saveReferral, { ...data, from: 'activity:din-fritid', to: `offer:${to}`, ageBand: '6-12', consentBasis: 'anonymous', date });
  }

  it('shows an activity with no sessions as "ingen data"', async () => {
    const texts = textsOf(cardOf((await harness.say(users.alex, 'status legepatrulje'))[0]));
    expect(texts[0]).toBe('Status 2025: Legepatrulje');
    expect(texts).toContain('Gange logget: 0');
    expect(texts).toContain('Gns. fremmøde: ingen data');
  });

  it('counts this year\'s sessions and their average against "i gennemsnit 15 børn pr. gang", and the season\'s sessions per week', async () => {
    await logSession('legepatrulje', '2025-04-02', '12');
    await logSession('legepatrulje', '2025-04-09', '15');
    await logSession('legepatrulje', '2025-04-16', '21');
    await logSession('legepatrulje', '2024-09-25', '40'); // last year: not in 2025's status

    const texts = textsOf(cardOf((await harness.say(users.alex, 'hvordan går det med legepatruljen?'))[0]));
    expect(texts[0]).toBe('Status 2025: Legepatrulje');
    expect(texts).toEqual(expect.arrayContaining(['Gange logget: 3', 'Gns. fremmøde: 16']));
    const at = texts.indexOf('I gennemsnit 15 børn pr. gang');
    expect(texts.slice(at, at + 4)).toEqual(['I gennemsnit 15 børn pr. gang', 'mål for perioden: mindst 15 pr. gang', '16', '● på sporet']);
    // Season started 1 April: 28 days = 4 weeks, 3 sessions = 0.8 a week, behind "mindst 1".
    const week = texts.findIndex((t) => t.startsWith('Én gang om ugen'));
    expect(texts.slice(week + 2, week + 4)).toEqual(['0,8', '▼ bagud']);
  });

  it('gives the whole plan by focus area, with a button into each and what is behind', async () => {
    const card = cardOf((await harness.say(users.alex, 'status'))[0]);
    const texts = textsOf(card);
    expect(texts[0]).toBe('Status 2025: Husum-Tingbjerg, hele planen');
    expect(texts).toContain('Bagud');
    expect(texts.some((t) => /^\d+ på sporet · \d+ bagud · \d+ foran · \d+ uden data$/.test(t))).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
    // Drill down into a focus area from its button.
    const buttons = JSON.stringify(card).match(/"query":"status [^"]+"/g) ?? [];
    expect(buttons.length).toBeGreaterThanOrEqual(4);
    const query = JSON.parse(`{${buttons[0]}}`).query as string;
    const res = await harness.execute(users.alex, cardVerbs.showStatus, { query });
    expect(textsOf(res.body!.value)[0]).toMatch(/^Status 2025: /);
  });

  it('reads periods: a year, the last quarter and "siden 1. april"', async () => {
    const title = async (text: string) => textsOf(cardOf((await harness.say(users.alex, text))[0]))[0];
    expect(await title('status legepatrulje 2024')).toBe('Status 2024: Legepatrulje');
    expect(await title('status legepatrulje sidste kvartal')).toBe('Status 1. kvartal 2025: Legepatrulje');
    expect(await title('status legepatrulje siden 1. april')).toBe('Status siden 1. april 2025: Legepatrulje');
    const last = textsOf(cardOf((await harness.say(users.alex, 'status legepatrulje 2024'))[0]));
    expect(last).toContain('Gange logget: 1');
  });

  it('answers "hvor mange … brobygget til foreninger i år?" with a number and the plan\'s target', async () => {
    await logReferral('forening', '2025-02-01');
    await logReferral('forening', '2025-03-01');
    const advance = async (referralId: string, date: string) => {
      const list = cardOf((await harness.say(users.alex, 'mine henvisninger'))[0]);
      await harness.execute(users.alex, cardVerbs.advanceReferral, { ...executeDataOf(list, cardVerbs.showReferralForm), planId: PLAN, referralId, to: 'started', statusDate: date });
    };
    const referrals = (await harness.repos.records.listInRange(PLAN, 'referral', { from: '2025-01-01', to: '2025-12-31' })).filter((r) => r.to.offerId === 'forening');
    for (const r of referrals) await advance(r.id, '2025-04-01');
    const [answer] = await harness.say(users.alex, 'Hvor mange børn er brobygget til foreninger i år?');
    // The 75 is the tryghedsplan's 2024 deliverable, carried by Husum-Tingbjerg for 2024 only.
    expect(answer!.text).toBe('Brobygget (startet) til foreninger 2025: **2**.\n\nPlanens mål: "75 børn er begyndt i en foreningsaktivitet (indmeldt)" (mindst 75) ◌ ikke aktiv');
  });

  it('answers "hvilke milepæle er forsinket?" with the overdue milestones to work through: oldest first, owners, forms, and every one a page away', async () => {
    const [answer] = await harness.say(users.alex, 'hvilke milepæle er forsinket?');
    const card = cardOf(answer);
    const texts = textsOf(card);
    expect(texts[0]).toMatch(/^Forsinkede milepæle \((\d+)\)$/);
    const total = Number(/\((\d+)\)/.exec(texts[0]!)![1]);
    expect(texts).toContain('Helhedsplanen og de 4 delaftaler træder i kraft');
    expect(texts.some((t) => t.startsWith('Ansvarlig: '))).toBe(true);
    expect(JSON.stringify(card)).not.toContain('**');
    // Due dates in order, the oldest first.
    const dues = texts.filter((t) => t.startsWith('Forfalder: ')).map((t) => t.replace(/^Forfalder: (\d+)\.(\d+)\.(\d+).*$/, (_a, d: string, mo: string, y: string) => `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`));
    expect(dues).toEqual([...dues].sort());
    // More than a card holds: the next page is one button away, and between them every one is shown.
    expect(total).toBeGreaterThan(10);
    expect(texts).toContain(`Viser 1–10 af ${total}.`);
    const next = (card!.actions as { title: string; data: Record<string, unknown> }[]).find((a) => a.title.startsWith('Vis de næste'))!;
    const second = textsOf((await harness.execute(users.alex, cardVerbs.showMilestones, next.data)).body?.value);
    expect(second).toContain(`Viser 11–${Math.min(20, total)} af ${total}.`);
  });

  it('says so when it cannot find what was asked about', async () => {
    const [answer] = await harness.say(users.alex, 'status skakklubben');
    expect(answer!.text).toBe('Jeg kan ikke finde et indsatsområde, en aktivitet eller et netværk, der hedder "skakklubben". Prøv fx "status Din Fritid" eller "status 2025".');
  });

  it('refuses a member without the coordinator or leader role', async () => {
    const [answer] = await harness.say(users.megan, 'status');
    expect(answer!.text).toMatch(/^Det har du ikke adgang til: at se status kræver rollen tovholder eller leder/);
  });

  it('recomputes the rollups from the records with "genberegn status", putting a drifted one right', async () => {
    const before = await harness.repos.rollups.inRange(PLAN, '0000-00', '9999-99');
    // A rollup one write behind (a process that died between a record and its rollup), and a stray one.
    await harness.repos.rollups.apply(PLAN, [{ scope: 'activity:legepatrulje', month: '2025-04', counters: { sessions: 5, headcount: 99 }, codes: {}, organisations: {} }], 1);
    await harness.repos.rollups.apply(PLAN, [{ scope: 'activity:legestue-tingbjerg', month: '2025-02', counters: { sessions: 1 }, codes: {}, organisations: {} }], 1);
    expect(await harness.repos.rollups.inRange(PLAN, '0000-00', '9999-99')).not.toEqual(before);
    const [answer] = await harness.say(users.alex, 'genberegn status');
    expect(answer!.text).toMatch(/^Status er genberegnet fra \d+ registreringer: \d+ opsummeringer\./);
    const after = await harness.repos.rollups.inRange(PLAN, '0000-00', '9999-99');
    const byId = (rs: typeof before) => [...rs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after)).toEqual(byId(before));
    const [refused] = await harness.say(users.megan, 'genberegn status');
    expect(refused!.text).toMatch(/^Det har du ikke adgang til: at genberegne status/);
  });
});

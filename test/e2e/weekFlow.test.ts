import { cardVerbs } from '../../src/cards/verbs';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, inputOf, textsOf } from '../support/botHarness';

/** A weekly activity logged for a whole week in one card. Today is Thursday 12 June 2025 (week 24). */
describe('logging a whole week at once', () => {
  const harness = new BotHarness('2025-06-12T15:00:00+02:00');
  const planId = 'husum-tingbjerg-2024-2028';

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  const sessionsInWeek = (from: string, to: string) => harness.repos.records.listInRange(planId, 'attendance', { from, to });

  async function openWeek() {
    const card = cardOf((await harness.say(users.megan, 'log uge'))[0])!;
    return { card, data: executeDataOf(card, cardVerbs.saveWeek) };
  }

  it('shows Monday to Sunday of this week, with weekly activities first', async () => {
    const { card } = await openWeek();
    const texts = textsOf(card);
    expect(texts).toContain('Uge 24 (9.6.2025–15.6.2025): udfyld de dage, aktiviteten blev holdt');
    expect(texts).toEqual(expect.arrayContaining(['Mandag 9.6.2025', 'Søndag 15.6.2025']));
    const first = (inputOf(card, 'activityId')!.choices as { value: string }[])[0]!.value;
    expect(['legestue-tingbjerg', 'aaben-sundhedspleje-husum-nord', 'legepatrulje', 'videnshuset', 'vejledningscafe-voldparken']).toContain(first);
  });

  it('stores one session per filled-in day, once even when Teams retries', async () => {
    const { data } = await openWeek();
    const submit = { ...data, activityId: 'videnshuset', weekOf: '2025-06-10', day1Headcount: '22', day1New: '2', day2Headcount: '18', day4Headcount: '25' };
    const res = await harness.execute(users.megan, cardVerbs.saveWeek, submit);
    expect(textsOf(res.body!.value)).toEqual(expect.arrayContaining(['✅ Ugen er gemt', '3 gang(e) gemt', 'Mandag 9.6.2025: 22 deltagere, heraf 2 nye', 'Tirsdag 10.6.2025: 18 deltagere', 'Torsdag 12.6.2025: 25 deltagere']));
    await harness.execute(users.megan, cardVerbs.saveWeek, submit);
    const stored = await sessionsInWeek('2025-06-09', '2025-06-15');
    expect(stored.map((s) => [s.date, s.headcount]).sort()).toEqual([
      ['2025-06-09', 22],
      ['2025-06-10', 18],
      ['2025-06-12', 25],
    ]);
  });

  it('refuses a day later this week and stores none of the days', async () => {
    const { data } = await openWeek();
    const before = (await sessionsInWeek('2025-06-02', '2025-06-15')).length;
    const res = await harness.execute(users.megan, cardVerbs.saveWeek, { ...data, activityId: 'legepatrulje', weekOf: '2025-06-12', day2Headcount: '14', day5Headcount: '16' });
    const card = res.body!.value;
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Intet er gemt endnu: alle dage gemmes samlet. Ret det markerede og tryk Gem igen.', 'Ligger i fremtiden; registrér det, når det er sket.']));
    expect(inputOf(card, 'day2Headcount')!.value).toBe(14);
    expect(inputOf(card, 'day5Headcount')!.value).toBe(16);
    expect((await sessionsInWeek('2025-06-02', '2025-06-15')).length).toBe(before);
  });

  it('asks for at least one day', async () => {
    const { data } = await openWeek();
    const res = await harness.execute(users.megan, cardVerbs.saveWeek, { ...data, activityId: 'legepatrulje', weekOf: '2025-06-09' });
    expect(textsOf(res.body!.value)).toContain('Udfyld antal deltagere for mindst én dag.');
  });

  it('saves nothing when another week was chosen than the one shown, and shows that week\'s dates with what was typed', async () => {
    const { card, data } = await openWeek();
    // The weeks offered: this one and the seven before it, by number and dates.
    expect((inputOf(card, 'weekOf')!.choices as { title: string }[]).map((c) => c.title).slice(0, 2)).toEqual(['Uge 24 (9.6.2025–15.6.2025)', 'Uge 23 (2.6.2025–8.6.2025)']);
    const before = (await sessionsInWeek('2025-06-02', '2025-06-15')).length;
    const res = await harness.execute(users.megan, cardVerbs.saveWeek, { ...data, activityId: 'legepatrulje', weekOf: '2025-06-02', day1Headcount: '11' });
    const texts = textsOf(res.body!.value);
    expect(texts).toContain('Du har valgt uge 23. Intet er gemt endnu: tjek dagene herunder og tryk Gem ugen.');
    expect(texts).toEqual(expect.arrayContaining(['Mandag 2.6.2025', 'Søndag 8.6.2025']));
    expect(inputOf(res.body!.value, 'day1Headcount')!.value).toBe(11);
    expect((await sessionsInWeek('2025-06-02', '2025-06-15')).length).toBe(before);
    // Saved from that card, the Monday is 2 June, as shown.
    const again = executeDataOf(res.body!.value, cardVerbs.saveWeek);
    await harness.execute(users.megan, cardVerbs.saveWeek, { ...again, activityId: 'legepatrulje', weekOf: '2025-06-02', day1Headcount: '11' });
    expect((await sessionsInWeek('2025-06-02', '2025-06-02')).map((s) => s.headcount)).toContain(11);
  });

  it('"Vis den valgte uge" redraws the card for the chosen week, keeping what was typed', async () => {
    const { data } = await openWeek();
    const res = await harness.execute(users.megan, cardVerbs.showWeekForm, { ...data, activityId: 'legepatrulje', weekOf: '2025-05-26', day3Headcount: '9' });
    const texts = textsOf(res.body!.value);
    expect(texts).toContain('Uge 22 (26.5.2025–1.6.2025): udfyld de dage, aktiviteten blev holdt');
    expect(inputOf(res.body!.value, 'day3Headcount')!.value).toBe(9);
    expect(inputOf(res.body!.value, 'activityId')!.value).toBe('legepatrulje');
  });

  it('refuses an admin-only user', async () => {
    const [reply] = await harness.say(users.isaiah, 'log uge');
    expect(reply!.text).toMatch(/^Det har du ikke adgang til: at logge fremmøde/);
  });
});

import { cardVerbs } from '../../src/cards/verbs';
import { users, type TestUser } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, inputOf, textsOf } from '../support/botHarness';

/**
 * The walking skeleton's flow, over real HTTP with real Bot Framework activities, against the
 * embedded database: help → log fremmøde → save → status. Today is Monday 16 June 2025.
 */
describe('logging attendance in chat', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const planId = 'husum-tingbjerg-2024-2028';

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function openForm(user: TestUser = users.alex) {
    const [reply] = await harness.say(user, 'log fremmøde');
    const card = cardOf(reply)!;
    return { card, data: executeDataOf(card, cardVerbs.saveAttendance) };
  }

  async function countSessions() {
    return (await harness.repos.records.listInRange(planId, 'attendance', { from: '2024-01-01', to: '2028-12-31' })).length;
  }

  /** An activity with an average-attendance target, so status has something to show for it. */
  async function activityWithAttendanceTarget() {
    const plan = (await harness.repos.plans.get(planId))!.plan;
    return plan.activities.find((a) => a.targets.some((t) => t.kind === 'averageAttendance'))!;
  }

  it('answers "hjælp" with a Danish card listing the commands and buttons for them', async () => {
    const [reply] = await harness.say(users.alex, 'hjælp');
    const card = cardOf(reply);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Logbog: det kan jeg', 'log fremmøde: Registrér fremmøde til en aktivitet']));
    const actions = (card as { actions: { verb?: string; fallback?: { type: string } }[] }).actions;
    expect(actions.map((a) => a.verb)).toEqual([cardVerbs.showAttendanceForm, cardVerbs.showStatus]);
    expect(actions.every((a) => a.fallback?.type === 'Action.Submit')).toBe(true);
  });

  it('offers the plan\'s activities in the attendance card, with today as the default date', async () => {
    const { card, data } = await openForm();
    const plan = (await harness.repos.plans.get(planId))!.plan;
    const choices = (inputOf(card, 'activityId')!.choices as { value: string }[]).map((c) => c.value);
    expect(choices).toEqual(plan.activities.map((a) => a.id));
    expect(inputOf(card, 'date')!.value).toBe('2025-06-16');
    expect(data).toMatchObject({ planId });
  });

  it('saves a submitted card in Cosmos DB and replaces it with a confirmation of what was saved', async () => {
    const activity = await activityWithAttendanceTarget();
    const { data } = await openForm();
    const before = await countSessions();
    const res = await harness.execute(users.alex, cardVerbs.saveAttendance, { ...data, activityId: activity.id, date: '2025-06-12', headcount: '18', newParticipants: '2' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(textsOf(res.body!.value)).toEqual(expect.arrayContaining(['✅ Fremmøde gemt', `Aktivitet: ${activity.name}`, 'Dato: 12.6.2025', 'Deltagere: 18', 'Nye deltagere: 2']));
    const stored = await harness.repos.records.listInRange(planId, 'attendance', { from: '2025-06-12', to: '2025-06-12' });
    expect(await countSessions()).toBe(before + 1);
    expect(stored).toContainEqual(expect.objectContaining({ activityId: activity.id, headcount: 18, newParticipants: 2, loggedBy: 'alex-wilber' }));
  });

  it('stores one record when Teams retries the same card submit', async () => {
    const activity = await activityWithAttendanceTarget();
    const { data } = await openForm();
    const submit = { ...data, activityId: activity.id, date: '2025-06-13', headcount: '11' };
    const before = await countSessions();
    await harness.execute(users.alex, cardVerbs.saveAttendance, submit);
    const retry = await harness.execute(users.alex, cardVerbs.saveAttendance, submit);
    expect(await countSessions()).toBe(before + 1);
    expect(textsOf(retry.body!.value)).toContain('Dette kort var allerede gemt; der er ikke oprettet en ny registrering.');
  });

  it.each([
    ['a missing headcount', { headcount: '' }, 'Skal udfyldes.'],
    ['a negative headcount', { headcount: '-4' }, 'Kan ikke være negativt.'],
    ['an unknown activity', { activityId: 'skak-for-alle' }, 'Aktiviteten findes ikke i planen.'],
    ['a date before the plan period', { date: '2023-05-01' }, 'Ligger før planens periode.'],
    ['a date in the future', { date: '2025-07-01' }, 'Ligger i fremtiden; registrér det, når det er sket.'],
  ])('answers %s with a Danish message in the card, keeps the values and stores nothing', async (_name, change, message) => {
    const activity = await activityWithAttendanceTarget();
    const { data } = await openForm();
    const entered = { activityId: activity.id, date: '2025-06-14', headcount: '9', newParticipants: '1', ...change };
    const before = await countSessions();
    const res = await harness.execute(users.alex, cardVerbs.saveAttendance, { ...data, ...entered });
    const card = res.body!.value;
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Intet er gemt endnu. Ret det markerede og tryk Gem igen.', message]));
    expect(inputOf(card, 'date')!.value).toBe(entered.date);
    if (/^\d+$/.test(entered.headcount)) expect(inputOf(card, 'headcount')!.value).toBe(Number(entered.headcount));
    expect(inputOf(card, 'newParticipants')!.value).toBe(1);
    expect(await countSessions()).toBe(before);
  });

  it.each([
    ['a payload naming another plan', { planId: 'tingbjerg-husum-tryghedsplan-2024' }],
    ['a payload without a valid submission id', { submissionId: 'not-a-uuid' }],
    ['a payload with a headcount of the wrong type', { headcount: { $gt: 1 } }],
  ])('treats %s as unreadable, keeps the readable values and stores nothing', async (_name, tamper) => {
    const activity = await activityWithAttendanceTarget();
    const { data } = await openForm();
    const before = await countSessions();
    const res = await harness.execute(users.alex, cardVerbs.saveAttendance, { ...data, activityId: activity.id, date: '2025-06-10', headcount: '7', ...tamper });
    const card = res.body!.value;
    expect(textsOf(card)).toContain('Kortet kunne ikke læses, så intet er gemt. Dine værdier står herunder; tjek dem og tryk Gem igen.');
    expect(inputOf(card, 'activityId')!.value).toBe(activity.id);
    expect(await countSessions()).toBe(before);
  });

  it('accepts the Action.Submit fallback and answers with the confirmation as a message', async () => {
    const activity = await activityWithAttendanceTarget();
    const { data } = await openForm();
    const before = await countSessions();
    const replies = await harness.submit(users.alex, { verb: cardVerbs.saveAttendance, ...data, activityId: activity.id, date: '2025-06-11', headcount: '14' });
    expect(textsOf(cardOf(replies[0]))).toContain('✅ Fremmøde gemt');
    expect(await countSessions()).toBe(before + 1);
  });

  it('tells someone in no plan so in Danish and stores nothing', async () => {
    const before = await countSessions();
    const [reply] = await harness.say(users.outsider, 'log fremmøde');
    expect(reply!.text).toMatch(/^Du er ikke med i nogen boligsocial helhedsplan i Logbog/);
    const { data } = await openForm();
    const res = await harness.execute(users.outsider, cardVerbs.saveAttendance, { ...data, activityId: 'x', date: '2025-06-10', headcount: '3' });
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/^Du er ikke med/) });
    expect(await countSessions()).toBe(before);
  });

  it('greets with the help card when the app is installed in a chat', async () => {
    const conversationId = 'conv-install';
    const before = harness.connector.messagesTo(conversationId).length;
    await harness.post({
      type: 'conversationUpdate',
      id: 'install-1',
      channelId: 'msteams',
      serviceUrl: harness.connector.url,
      from: users.alex,
      recipient: { id: '28:bot', name: 'Logbog' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
      membersAdded: [{ id: '28:bot' }],
      channelData: { tenant: { id: 'tenant-1' } },
    });
    const [welcome] = harness.connector.messagesTo(conversationId).slice(before);
    expect(textsOf(cardOf(welcome))).toEqual(expect.arrayContaining(['Logbog: det kan jeg', 'Du logger i **Den boligsociale helhedsplan for Husum-Tingbjerg 2024-2028**.']));
  });

  it('saves the full session record: volunteers, place, age and gender split, participant codes and a note', async () => {
    const { data } = await openForm();
    const res = await harness.execute(users.alex, cardVerbs.saveAttendance, {
      ...data,
      activityId: 'legepatrulje',
      date: '2025-06-09',
      headcount: '16',
      newParticipants: '2',
      volunteers: '3',
      placeId: 'fsb-01-32-voldparken',
      'age_6-12': '14',
      'age_13-17': '2',
      gender_female: '9',
      gender_male: '7',
      participantCodes: 'kb17, MH22 kb17',
      note: 'Regnvejr; vi flyttede ind i beboerlokalet.',
    });
    expect(textsOf(res.body!.value)).toContain('✅ Fremmøde gemt');
    const [stored] = await harness.repos.records.listInRange(planId, 'attendance', { from: '2025-06-09', to: '2025-06-09' });
    expect(stored).toMatchObject({
      volunteers: 3,
      placeId: 'fsb-01-32-voldparken',
      byAgeBand: { '6-12': 14, '13-17': 2 },
      byGender: { female: 9, male: 7 },
      participantCodes: ['KB17', 'MH22'],
      note: 'Regnvejr; vi flyttede ind i beboerlokalet.',
    });
  });

  it.each([
    ['a CPR number in the note', { note: 'Ring til mor, cpr 120398-1234' }, 'note', 'Ligner et CPR-nummer. Skriv aldrig CPR-numre i Logbog.'],
    ['a phone number in the note', { note: 'mor: 20 30 40 50' }, 'note', 'Indeholder et telefonnummer. Skriv ikke personoplysninger her.'],
    ['a name among the participant codes', { participantCodes: 'KB17, Jens' }, 'participantCodes', 'En deltagerkode er to bogstaver og 2-4 cifre, fx KB17. Brug aldrig navne.'],
    ['an age split larger than the headcount', { 'age_6-12': '9', 'age_13-17': '2' }, 'age_13-17', 'Fordelingen giver flere end antal deltagere.'],
    ['more participant codes than participants', { participantCodes: 'AA11 BB22 CC33 DD44 EE55 FF66 GG77 HH88 II99 JJ10 KK11' }, 'participantCodes', 'Der er flere deltagerkoder end deltagere.'],
  ])('refuses %s in Danish, opens the details with the values kept, and stores nothing', async (_name, change, field, message) => {
    const { data } = await openForm();
    const before = await countSessions();
    const entered: Record<string, string> = { activityId: 'legepatrulje', date: '2025-06-14', headcount: '10', ...change };
    const res = await harness.execute(users.alex, cardVerbs.saveAttendance, { ...data, ...entered });
    const card = res.body!.value;
    expect(textsOf(card)).toContain(message);
    const input = inputOf(card, field)!;
    expect(String(input.value)).toBe(entered[field]);
    expect(JSON.stringify(card)).toContain('"id":"details","isVisible":true');
    expect(await countSessions()).toBe(before);
  });

  it('answers an unknown command by pointing to "hjælp"', async () => {
    const [reply] = await harness.say(users.alex, 'lav kaffe');
    expect(reply!.text).toBe('Jeg forstår ikke "lav kaffe". Skriv **hjælp** for at se, hvad jeg kan.');
  });
});

import { cardVerbs } from '../../src/cards/verbs';
import type { MeetingRecord } from '../../src/domain/records/meeting';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, inputOf, textsOf } from '../support/botHarness';

/** Logging a network meeting over HTTP; today is Monday 16 June 2025. */
describe('meetings in chat', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const planId = 'husum-tingbjerg-2024-2028';
  const valid = {
    networkId: 'din-fritid-netvaerk',
    date: '2025-06-03',
    startTime: '14:00',
    participants: 'alex-wilber,megan-bowen',
    organisations: 'ecv',
    othersCount: '3',
    summary: 'Årshjulet for brobygning er gennemgået.',
    decisions: 'Din Fritid Festival holdes i uge 35.',
    followUp1Text: 'Book hallen til festivalen',
    followUp1Owner: 'megan-bowen',
    followUp1Due: '2025-06-30',
  };

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function meetings(): Promise<MeetingRecord[]> {
    return harness.repos.records.listInRange(planId, 'meeting', { from: '2024-01-01', to: '2028-12-31' });
  }

  async function openForm() {
    const [reply] = await harness.say(users.alex, 'log møde');
    const card = cardOf(reply)!;
    return { card, data: executeDataOf(card, cardVerbs.saveMeeting) };
  }

  it('offers the plan\'s networks and members, with today and the one logging ticked', async () => {
    const { card } = await openForm();
    const choices = (id: string) => (inputOf(card, id)!.choices as { value: string }[]).map((c) => c.value);
    expect(choices('networkId')).toEqual(expect.arrayContaining(['din-fritid-netvaerk', 'beskaeftigelsesnetvaerk']));
    expect(choices('participants')).toEqual(expect.arrayContaining(['alex-wilber', 'megan-bowen']));
    expect(inputOf(card, 'participants')!.value).toBe('alex-wilber');
    expect(inputOf(card, 'date')!.value).toBe('2025-06-16');
  });

  it('saves the meeting with its follow-up items and confirms what was saved', async () => {
    const { data } = await openForm();
    const res = await harness.execute(users.alex, cardVerbs.saveMeeting, { ...data, ...valid });
    expect(textsOf(res.body!.value)).toEqual(
      expect.arrayContaining(['✅ Møde gemt', 'Netværk: Din Fritid-netværket', 'Dato: 3.6.2025 14:00', 'Deltagere: Alex Wilber, Megan Bowen, +3', 'Opfølgningspunkter: Book hallen til festivalen (Megan Bowen, senest 30.6.2025)']),
    );
    const stored = (await meetings()).find((r) => r.id === `meeting-${data.submissionId}`)!;
    expect(stored).toMatchObject({ networkId: 'din-fritid-netvaerk', othersCount: 3, organisations: ['ecv'], followUps: [{ text: 'Book hallen til festivalen', owner: 'megan-bowen', due: '2025-06-30' }] });
    expect(stored.followUps[0]!.id).toBe(`meeting-${data.submissionId}-followup-1`);
    expect((await harness.repos.audit.listForRecord(planId, stored.id)).map((a) => a.action)).toEqual(['create']);
  });

  it.each([
    ['a CPR number in the summary', { summary: 'Drøftede sagen om 010203-1234' }, 'Ligner et CPR-nummer. Skriv aldrig CPR-numre i Logbog.'],
    ['an e-mail address in the decisions', { decisions: 'Skriv til familien på mor@example.dk' }, 'Indeholder en e-mailadresse. Skriv ikke personoplysninger her.'],
    ['a follow-up item without an owner', { followUp1Owner: '' }, 'Skal udfyldes.'],
    ['a follow-up due before the meeting', { followUp1Due: '2025-05-01' }, 'Fristen ligger før mødet.'],
    ['a network not in the plan', { networkId: 'skakklubben' }, 'Vælg en af mulighederne på listen.'],
    ['a forged participant', { participants: 'alex-wilber,jens-hansen' }, 'Vælg en af mulighederne på listen.'],
    ['a meeting in the future', { date: '2025-06-20' }, 'Ligger i fremtiden; registrér det, når det er sket.'],
  ])('refuses %s in Danish, keeps the values and stores nothing', async (_name, change, message) => {
    const { data } = await openForm();
    const before = (await meetings()).length;
    const entered = { ...valid, ...change };
    const res = await harness.execute(users.alex, cardVerbs.saveMeeting, { ...data, ...entered });
    const card = res.body!.value;
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Intet er gemt endnu. Ret det markerede og tryk Gem igen.', message]));
    expect(inputOf(card, 'summary')!.value).toBe(entered.summary);
    expect(inputOf(card, 'followUp1Text')!.value).toBe(entered.followUp1Text);
    expect((await meetings()).length).toBe(before);
  });

  it('stores one meeting when Teams retries the same submit', async () => {
    const { data } = await openForm();
    const before = (await meetings()).length;
    await harness.execute(users.alex, cardVerbs.saveMeeting, { ...data, ...valid });
    await harness.execute(users.alex, cardVerbs.saveMeeting, { ...data, ...valid });
    expect((await meetings()).length).toBe(before + 1);
  });

  it('refuses an admin-only user, and stores nothing', async () => {
    const { data } = await openForm();
    const before = (await meetings()).length;
    const [reply] = await harness.say(users.isaiah, 'log møde');
    expect(reply!.text).toMatch(/^Det har du ikke adgang til: at logge møder kræver rollen/);
    const res = await harness.execute(users.isaiah, cardVerbs.saveMeeting, { ...data, ...valid });
    expect(res.body).toMatchObject({ value: expect.stringMatching(/^Det har du ikke adgang til/) });
    expect((await meetings()).length).toBe(before);
  });
});

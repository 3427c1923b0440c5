import { cardVerbs } from '../../src/cards/verbs';
import type { ReferralRecord } from '../../src/domain/records/referral';
import { users, type TestUser } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, inputOf, textsOf } from '../support/botHarness';

/** Referrals and bridging over HTTP: log, list, move on; today is Monday 16 June 2025. */
describe('referrals in chat', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const planId = 'husum-tingbjerg-2024-2028';
  // "75 børn er begyndt i en foreningsaktivitet": Din Fritid bridges children to associations.
  const valid = { from: 'activity:din-fritid', to: 'offer:forening', personCode: 'kb17', ageBand: '6-12', consentBasis: 'consent', date: '2025-06-10' };

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function referrals(): Promise<ReferralRecord[]> {
    return harness.repos.records.listInRange(planId, 'referral', { from: '2024-01-01', to: '2028-12-31' });
  }

  async function openForm(user: TestUser = users.alex) {
    const [reply] = await harness.say(user, 'log henvisning');
    const card = cardOf(reply)!;
    return { card, data: executeDataOf(card, cardVerbs.saveReferral) };
  }

  it('offers the plan\'s activities and partners as "from", its offers and organisations as "to"', async () => {
    const { card } = await openForm();
    const values = (id: string) => (inputOf(card, id)!.choices as { value: string }[]).map((c) => c.value);
    expect(values('from')).toEqual(expect.arrayContaining(['activity:din-fritid', 'organisation:ecv']));
    expect(values('to')).toEqual(expect.arrayContaining(['offer:forening', 'offer:fritidsjob']));
    expect(inputOf(card, 'date')!.value).toBe('2025-06-16');
    expect(textsOf(card)).toContain('Skriv aldrig navn eller CPR-nummer. Brug en deltagerkode (to bogstaver og 2-4 cifre, fx KB17), eller vælg "anonym".');
  });

  it('saves a bridging as "henvist" with a follow-up date six months on, and audits it', async () => {
    const { data } = await openForm();
    const res = await harness.execute(users.alex, cardVerbs.saveReferral, { ...data, ...valid });
    expect(textsOf(res.body!.value)).toEqual(
      expect.arrayContaining(['✅ Henvisning gemt', 'Fra: Din Fritid', 'Deltagerkode: KB17', 'Status: henvist', 'Opfølgning: 10.12.2025', 'Grundlag: Samtykke givet']),
    );
    const stored = (await referrals()).find((r) => r.id === `referral-${data.submissionId}`)!;
    expect(stored).toMatchObject({ status: 'referred', personCode: 'KB17', followUpDate: '2025-12-10', from: { activityId: 'din-fritid' }, to: { offerId: 'forening' } });
    const audit = await harness.repos.audit.listForRecord(planId, stored.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'create', actor: 'alex-wilber', recordType: 'referral' })]);
    // The audit log keeps that a code was there, never the code itself.
    expect(JSON.stringify(audit)).not.toContain('KB17');
  });

  it('stores one referral when Teams retries the same submit', async () => {
    const { data } = await openForm();
    const before = (await referrals()).length;
    await harness.execute(users.alex, cardVerbs.saveReferral, { ...data, ...valid, personCode: 'MH22' });
    await harness.execute(users.alex, cardVerbs.saveReferral, { ...data, ...valid, personCode: 'MH22' });
    expect((await referrals()).length).toBe(before + 1);
  });

  it.each([
    ['a name as participant code', { personCode: 'Jens' }, 'En deltagerkode er to bogstaver og 2-4 cifre, fx KB17. Brug aldrig navne.'],
    ['a CPR number as participant code', { personCode: '010203-1234' }, 'Ligner et CPR-nummer. Skriv aldrig CPR-numre i Logbog.'],
    ['a CPR number in "somewhere else"', { to: '', toText: 'Boligkontoret, sag 0102031234' }, 'Ligner et CPR-nummer. Skriv aldrig CPR-numre i Logbog.'],
    ['a phone number in "somewhere else"', { to: '', toText: 'ring til mor på 12 34 56 78' }, 'Indeholder et telefonnummer. Skriv ikke personoplysninger her.'],
    ['a participant code marked anonymous', { consentBasis: 'anonymous' }, 'En henvisning med deltagerkode kræver samtykke eller anden lovlig grund, ikke "anonym".'],
    ['no consent basis', { consentBasis: '' }, 'Skal udfyldes.'],
    ['a "from" not in the plan', { from: 'activity:skak' }, 'Vælg en af mulighederne på listen.'],
    ['no destination at all', { to: '', toText: '' }, 'Skal udfyldes.'],
    ['a date in the future', { date: '2025-06-17' }, 'Ligger i fremtiden; registrér det, når det er sket.'],
  ])('refuses %s in Danish, keeps the values and stores nothing', async (_name, change, message) => {
    const { data } = await openForm();
    const before = (await referrals()).length;
    const entered = { ...valid, ...change };
    const res = await harness.execute(users.alex, cardVerbs.saveReferral, { ...data, ...entered });
    const card = res.body!.value;
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Intet er gemt endnu. Ret det markerede og tryk Gem igen.', message]));
    expect(inputOf(card, 'personCode')!.value).toBe(entered.personCode);
    expect(inputOf(card, 'date')!.value).toBe(entered.date);
    expect((await referrals()).length).toBe(before);
  });

  it('lists my open referrals with the steps each can take, and moves one to "startet" on the chosen date', async () => {
    const { data } = await openForm();
    await harness.execute(users.alex, cardVerbs.saveReferral, { ...data, ...valid, personCode: 'AB99' });
    const id = `referral-${data.submissionId}`;

    const list = cardOf((await harness.say(users.alex, 'mine henvisninger'))[0]);
    const texts = textsOf(list);
    expect(texts).toContain('AB99 · Din Fritid → Forening (lokalt foreningsliv)');
    const moves = JSON.stringify(list).match(new RegExp(`"referralId":"${id}","to":"(\\w+)"`, 'g'));
    expect(moves?.map((m) => m.split('"to":"')[1]!.replace('"', ''))).toEqual(expect.arrayContaining(['started', 'interrupted']));

    const res = await harness.execute(users.alex, cardVerbs.advanceReferral, { planId, referralId: id, to: 'started', statusDate: '2025-06-12' });
    expect(textsOf(res.body!.value)).toContain('AB99 · Din Fritid → Forening (lokalt foreningsliv): startet 12.6.2025.');
    const stored = (await harness.repos.records.get(planId, id))!.record as ReferralRecord;
    expect(stored.status).toBe('started');
    expect(stored.history.map((h) => [h.status, h.date])).toEqual([
      ['referred', '2025-06-10'],
      ['started', '2025-06-12'],
    ]);
    const audit = await harness.repos.audit.listForRecord(planId, id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({ before: { status: 'referred' }, after: { status: 'started' } });
  });

  it.each([
    ['a step that cannot follow "henvist"', { to: 'retained' }, 'Det trin kan ikke vælges fra den nuværende status. Intet er ændret.'],
    ['a date before the referral', { to: 'started', statusDate: '2025-06-01' }, 'Datoen ligger før det forrige trin. Intet er ændret.'],
    ['a date in the future', { to: 'started', statusDate: '2025-07-01' }, 'Datoen ligger i fremtiden. Intet er ændret.'],
  ])('refuses %s and changes nothing', async (_name, move, message) => {
    const { data } = await openForm();
    await harness.execute(users.alex, cardVerbs.saveReferral, { ...data, ...valid, personCode: 'CD12' });
    const id = `referral-${data.submissionId}`;
    const res = await harness.execute(users.alex, cardVerbs.advanceReferral, { planId, referralId: id, ...move });
    expect(textsOf(res.body!.value)).toContain(message);
    expect(((await harness.repos.records.get(planId, id))!.record as ReferralRecord).status).toBe('referred');
  });

  it('lets only the author, the network\'s coordinator or a leader move a referral', async () => {
    const { data } = await openForm(users.megan);
    await harness.execute(users.megan, cardVerbs.saveReferral, { ...data, ...valid, personCode: 'EF34' });
    const id = `referral-${data.submissionId}`;
    // Adele coordinates Beskæftigelsesnetværket, not the Din Fritid network.
    const refused = await harness.execute(users.adele, cardVerbs.advanceReferral, { planId, referralId: id, to: 'started' });
    expect(textsOf(refused.body!.value)).toContain('Du kan kun flytte dine egne henvisninger, med mindre du er tovholder for netværket eller leder. Intet er ændret.');
    expect(((await harness.repos.records.get(planId, id))!.record as ReferralRecord).status).toBe('referred');
    // Alex leads the plan.
    await harness.execute(users.alex, cardVerbs.advanceReferral, { planId, referralId: id, to: 'started' });
    expect(((await harness.repos.records.get(planId, id))!.record as ReferralRecord).status).toBe('started');
  });
});

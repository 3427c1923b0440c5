import { users } from '../support/activities';
import { BotHarness, cardOf, inputOf, textsOf } from '../support/botHarness';
import { cardVerbs } from '../../src/cards/verbs';

const PLAN = 'husum-tingbjerg-2024-2028';
const alexChat = `conv-${users.alex.id}`;
const adeleChat = `conv-${users.adele.id}`;
const channel = '19:dinfritid-reminders@thread.tacv2';

const titlesIn = (activities: { attachments?: { contentType: string; content: Record<string, unknown> }[] }[]) => activities.map((a) => textsOf(cardOf(a))[0]);

/**
 * Reminders end to end: users install the bot (their chats are remembered), the clock moves, the
 * scheduler is ticked over its HTTP trigger, and the cards arrive at the capture connector.
 */
describe('reminders', () => {
  const harness = new BotHarness('2025-10-29T06:30:00+01:00');

  beforeAll(async () => {
    await harness.start();
    await harness.say(users.alex, 'hjælp');
    await harness.say(users.adele, 'hjælp');
    await harness.say(users.alex, 'tilknyt kanal din fritid', channel, 'channel');
    // Adele wants her reminders as one card on Mondays; a follow-up item of hers falls due that week.
    await harness.repos.preferences.save(users.adele.aadObjectId, { weeklyDigest: true });
    const form = cardOf((await harness.say(users.alex, 'log møde'))[0]);
    const data = (form?.actions as { verb?: string; data?: Record<string, unknown> }[]).find((a) => a.verb === cardVerbs.saveMeeting)!.data!;
    const saved = await harness.execute(users.alex, cardVerbs.saveMeeting, { ...data, networkId: 'beskaeftigelsesnetvaerk', date: '2025-10-20', followUp1Text: 'Send invitation til jobcafé', followUp1Owner: 'adele-vance', followUp1Due: '2025-10-31' });
    expect(textsOf(saved.body?.value)[0]).toBe('✅ Møde gemt');
    harness.connector.clear();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('plans nothing before 07:00 local time', async () => {
    const report = await harness.tick();
    expect(report.planning.map((p) => p.kind)).toEqual(['tooEarly']);
    expect(harness.connector.messages()).toHaveLength(0);
  });

  it('sends the coming network meeting to its coordinator and its linked channel, each exactly once', async () => {
    harness.clock.set('2025-10-29T09:00:00+01:00');
    const first = await harness.tick();
    expect(first.planning[0]).toMatchObject({ kind: 'planned', date: '2025-10-29' });
    const upcoming = '📅 Din Fritid-netværket holder møde om 3 dage';
    // Alex has many reminders today: they arrive as one digest card, never a burst; besides it, as
    // coordinator, a notice for each member Logbog cannot reach directly.
    const alexCards = harness.connector.messagesTo(alexChat);
    const notices = titlesIn(alexCards).filter((t) => t?.startsWith('Logbog kan ikke nå'));
    expect(notices.sort()).toEqual(['Logbog kan ikke nå Aisha Jørgensen', 'Logbog kan ikke nå Jonas Bækgaard']);
    expect(titlesIn(alexCards).filter((t) => !notices.includes(t!))).toEqual([expect.stringMatching(/^🗓️ Dine påmindelser i dag \(\d+\)$/)]);
    expect(textsOf(cardOf(alexCards[0]))).toContain(upcoming);
    // The channel's own copy, once; and, for each coordinator or leader who never opened Logbog
    // (known by e-mail address only), their reminder in the channel with an @mention.
    const inChannel = harness.connector.messagesTo(channel);
    const mentioned = inChannel.filter((a) => JSON.stringify(cardOf(a)).includes('<at>'));
    expect(titlesIn(inChannel.filter((a) => !mentioned.includes(a)))).toEqual([upcoming]);
    expect(textsOf(cardOf(inChannel.find((a) => !mentioned.includes(a))))).toContain('Mødet er 1.11.2025.');
    expect(new Set(mentioned.map((a) => (cardOf(a)?.msteams as { entities: { mentioned: { id: string } }[] }).entities[0]!.mentioned.id))).toEqual(new Set(['aisha.joergensen@example.com', 'jonas.baekgaard@example.com']));

    // Everything planned was sent once; the outbox says so and the connector agrees.
    const outbox = await harness.repos.outbox.listAll(PLAN);
    const sent = outbox.filter((i) => i.status === 'sent' || i.status === 'postedInChannel');
    expect(sent.length).toBe(first.delivery.sent + first.delivery.postedInChannel);
    expect(harness.connector.messages()).toHaveLength(sent.length);

    // A second tick the same day, and one an hour later, send nothing more.
    const again = await harness.tick();
    harness.clock.set('2025-10-29T10:00:00+01:00');
    const later = await harness.tick();
    expect(again.delivery.sent + later.delivery.sent + again.delivery.postedInChannel + later.delivery.postedInChannel).toBe(0);
    expect(harness.connector.messages()).toHaveLength(sent.length);
  });

  it('holds reminders for a member who chose the weekly digest, and sends them as one card on Monday', async () => {
    expect(harness.connector.messagesTo(adeleChat)).toHaveLength(0);
    const held = (await harness.repos.outbox.listAll(PLAN)).filter((i) => i.recipient.kind === 'member' && i.recipient.memberId === 'adele-vance');
    expect(held.length).toBeGreaterThan(0);
    expect(new Set(held.map((i) => i.status))).toEqual(new Set(['held']));

    harness.clock.set('2025-11-03T08:00:00+01:00');
    await harness.tick();
    const digest = harness.connector.messagesTo(adeleChat);
    expect(digest).toHaveLength(1);
    const texts = textsOf(cardOf(digest[0]));
    expect(texts[0]).toBe('🗓️ Dine påmindelser, uge 45');
    expect(texts.join('\n')).toContain('Send invitation til jobcafé');
  });

  it('reminds to log a meeting the day after it was due, and its button opens the meeting form for that network and date', async () => {
    harness.clock.set('2025-11-02T09:00:00+01:00');
    // Sunday 2 November: the meeting was Saturday 1 November.
    await harness.tick();
    // In the day's digest, the item that says so, and its own button.
    const reminder = harness.connector.messagesTo(alexChat).find((a) => textsOf(cardOf(a)).includes('📝 Husk at logge mødet i Din Fritid-netværket'));
    expect(reminder).toBeDefined();
    const item = (cardOf(reminder)!.body as Record<string, unknown>[]).find((b) => textsOf(b).includes('📝 Husk at logge mødet i Din Fritid-netværket'))!;
    const button = ((item.items as Record<string, unknown>[]) ?? [])
      .flatMap((i) => (i.actions as Record<string, unknown>[] | undefined) ?? [])
      .find((a) => a.verb === cardVerbs.showMeetingForm)!;
    const res = await harness.execute(users.alex, cardVerbs.showMeetingForm, button.data);
    const form = res.body?.value;
    expect(inputOf(form, 'networkId')?.value).toBe('din-fritid-netvaerk');
    expect(inputOf(form, 'date')?.value).toBe('2025-11-01');
  });

  it('marks a milestone done from a card, keeps the note in the audit log, and stops reminding of it', async () => {
    const res = await harness.execute(users.alex, cardVerbs.completeScheduleItem, { planId: PLAN, target: 'milestone', targetId: 'planstart', recordId: '', formKey: 'm-planstart-done', 'text-m-planstart-done': 'Kickoff holdt i beboerhuset' });
    expect(textsOf(res.body?.value)).toContain('Markeret som færdig: Helhedsplanen og de 4 delaftaler træder i kraft');
    const [state] = (await harness.repos.schedule.milestoneStates(PLAN)).filter((s) => s.record.milestoneId === 'planstart');
    expect(state!.record.done).toEqual({ date: '2025-11-02', by: 'alex-wilber', note: 'Kickoff holdt i beboerhuset' });
    const audit = await harness.repos.audit.listForRecord(PLAN, 'planstart');
    expect(audit.map((a) => a.after?.done)).toContainEqual({ date: '2025-11-02', by: 'alex-wilber', note: 'Kickoff holdt i beboerhuset' });
    // The milestones list no longer shows it.
    const [list] = await harness.say(users.alex, 'milepæle');
    expect(textsOf(cardOf(list))).not.toContain('Helhedsplanen og de 4 delaftaler træder i kraft');
  });

  it('refuses to move a date without a reason, gives the typed values back, and moves it with one', async () => {
    const data = { planId: PLAN, target: 'milestone', targetId: 'aarseftersyn', recordId: '', formKey: 'm-aarseftersyn-move', 'date-m-aarseftersyn-move': '2025-12-15' };
    const refused = await harness.execute(users.alex, cardVerbs.moveScheduleItem, data);
    expect(textsOf(refused.body?.value)).toContain('Intet er gemt: Begrundelse: Skal udfyldes. Dine indtastninger står stadig i feltet.');
    expect(inputOf(refused.body?.value, 'date-m-aarseftersyn-move')?.value).toBe('2025-12-15');
    expect((await harness.repos.schedule.milestoneStates(PLAN)).some((s) => s.record.milestoneId === 'aarseftersyn')).toBe(false);

    const moved = await harness.execute(users.alex, cardVerbs.moveScheduleItem, { ...data, 'text-m-aarseftersyn-move': 'Afventer tal fra kommunen' });
    expect(textsOf(moved.body?.value)).toContain('Flyttet til 15.12.2025: 1-årseftersyn på opstart og fremdrift (efteråret 2025). Begrundelsen er gemt i loggen.');
    const audit = await harness.repos.audit.listForRecord(PLAN, 'aarseftersyn');
    expect(audit.at(-1)?.after?.movedTo).toEqual({ date: '2025-12-15', by: 'alex-wilber', reason: 'Afventer tal fra kommunen' });
  });

  it('refuses a member who is not the owner, and a CPR number in the note, storing nothing', async () => {
    const notYours = await harness.execute(users.megan, cardVerbs.completeScheduleItem, { planId: PLAN, target: 'milestone', targetId: 'planslut', recordId: '', key: 'm-planslut-done' });
    expect(textsOf(notYours.body?.value)).toContain('Kun den ansvarlige, en tovholder eller en leder kan ændre dette punkt. Intet er ændret.');
    const cpr = await harness.execute(users.alex, cardVerbs.completeScheduleItem, { planId: PLAN, target: 'milestone', targetId: 'planslut', recordId: '', key: 'm-planslut-done', 'text-m-planslut-done': 'Talt med 010203-1234' });
    expect(textsOf(cpr.body?.value).join(' ')).toMatch(/Intet er gemt/);
    expect(inputOf(cpr.body?.value, 'text-m-planslut-done')?.value).toBe('Talt med 010203-1234');
    expect((await harness.repos.schedule.milestoneStates(PLAN)).some((s) => s.record.milestoneId === 'planslut')).toBe(false);
  });

  it('lets a coordinator set the next meeting date, which the reminders then follow instead of the cadence', async () => {
    const [form] = await harness.say(users.alex, 'næste møde');
    expect(textsOf(cardOf(form))[0]).toBe('Sæt dato for næste møde');
    const saved = await harness.execute(users.alex, cardVerbs.saveNextMeeting, { planId: PLAN, networkId: 'din-fritid-netvaerk', date: '2025-11-20', startTime: '17:00' });
    expect(textsOf(saved.body?.value)).toContain('Næste møde i Din Fritid-netværket er sat til 20.11.2025. Påmindelserne følger den dato.');

    harness.clock.set('2025-11-17T09:00:00+01:00');
    await harness.tick();
    // The channel's own copies (a coordinator who never opened Logbog gets theirs there too, with an @mention).
    const own = harness.connector.messagesTo(channel).filter((a) => !JSON.stringify(cardOf(a)).includes('<at>'));
    const titles = titlesIn(own);
    expect(titles.filter((t) => t === '📅 Din Fritid-netværket holder møde om 3 dage')).toHaveLength(2);
    const last = cardOf(own.at(-1));
    expect(textsOf(last)).toContain('Mødet er 20.11.2025.');
  });

  it('saves reminder settings from the settings card, and refuses a half quiet-hours range with the values kept', async () => {
    const [card] = await harness.say(users.megan, 'indstillinger');
    expect(textsOf(cardOf(card))[0]).toBe('Mine påmindelser');
    // Ticked means on: every kind starts ticked.
    const kinds = inputOf(cardOf(card), 'wantedKinds')!;
    expect(kinds.label).toBe('Påmindelser jeg vil have (fjern fluebenet for dem, du ikke vil have)');
    expect(String(kinds.value).split(',')).toHaveLength((kinds.choices as unknown[]).length);
    const allBut = (...off: string[]) => (kinds.choices as { value: string }[]).map((c) => c.value).filter((v) => !off.includes(v)).join(',');
    const half = await harness.execute(users.megan, cardVerbs.saveReminderSettings, { wantedKinds: allBut('missingAttendance'), quietFrom: '21:00', quietTo: '', weeklyDigest: 'false' });
    expect(textsOf(half.body?.value).join(' ')).toMatch(/Intet er gemt/);
    expect(inputOf(half.body?.value, 'quietFrom')?.value).toBe('21:00');
    expect(await harness.server.store.repositories.preferences.get(users.megan.aadObjectId)).toEqual({});
    // Unticking two kinds turns those two off.
    await harness.execute(users.megan, cardVerbs.saveReminderSettings, { wantedKinds: allBut('missingAttendance', 'referralFollowUp'), quietFrom: '21:00', quietTo: '08:00', weeklyDigest: 'false' });
    expect(await harness.server.store.repositories.preferences.get(users.megan.aadObjectId)).toEqual({ mutedKinds: ['referralFollowUp', 'missingAttendance'], quietHours: { from: '21:00', to: '08:00' } });
    const again = inputOf(cardOf((await harness.say(users.megan, 'indstillinger'))[0]), 'wantedKinds')!;
    expect(String(again.value).split(',')).not.toContain('missingAttendance');
  });
});

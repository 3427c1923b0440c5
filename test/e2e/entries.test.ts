import { cardVerbs } from '../../src/cards/verbs';
import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import { users, type TestUser } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, inputOf, textsOf } from '../support/botHarness';

/**
 * Correcting and deleting entries. The plan's edit window is 14 days. Adele coordinates the
 * network of "Kompetenceudvikling og kurser"; Alex leads the plan; Megan is a member.
 */
describe('my entries: correct and delete', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const planId = 'husum-tingbjerg-2024-2028';

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function logSession(user: TestUser, activityId: string, date: string, headcount: string, participantCodes?: string): Promise<string> {
    const data = executeDataOf(cardOf((await harness.say(user, 'log fremmøde'))[0]), cardVerbs.saveAttendance);
    await harness.execute(user, cardVerbs.saveAttendance, { ...data, activityId, date, headcount, ...(participantCodes ? { participantCodes } : {}) });
    return `attendance-${data.submissionId}`;
  }

  /** A session Megan logged three weeks ago: outside her edit window. */
  async function oldSession(activityId: string): Promise<string> {
    const id = `attendance-old-${activityId}`;
    await harness.repos.records.createOnce({ id, planId, type: 'attendance', activityId, date: '2025-05-20', headcount: 8, loggedBy: 'megan-bowen', loggedAt: '2025-05-20T18:00:00.000Z' });
    return id;
  }

  const stored = async (id: string) => (await harness.repos.records.get(planId, id))?.record as AttendanceRecord | undefined;

  it('lists my latest entries with buttons to correct and delete them', async () => {
    await logSession(users.megan, 'legepatrulje', '2025-06-11', '13');
    const card = cardOf((await harness.say(users.megan, 'mine registreringer'))[0]);
    const texts = textsOf(card);
    expect(texts).toEqual(expect.arrayContaining(['Mine seneste registreringer', 'Fremmøde · Legepatrulje · 11.6.2025', '13 deltagere']));
    expect(JSON.stringify(card)).toContain(`"verb":"${cardVerbs.correctAttendance}"`);
    expect(JSON.stringify(card)).toContain(`"verb":"${cardVerbs.deleteEntry}"`);
  });

  it('corrects a session from a prefilled card, keeps the author, and logs before and after', async () => {
    const id = await logSession(users.megan, 'legepatrulje', '2025-06-12', '14');
    const form = (await harness.execute(users.megan, cardVerbs.correctAttendance, { planId, recordId: id })).body!.value;
    expect(textsOf(form)[0]).toBe('Ret fremmøde');
    expect(inputOf(form, 'headcount')!.value).toBe(14);
    const data = executeDataOf(form, cardVerbs.saveAttendance);
    expect(data.correcting).toBe(id);

    const res = await harness.execute(users.megan, cardVerbs.saveAttendance, { ...data, activityId: 'legepatrulje', date: '2025-06-12', headcount: '19' });
    expect(textsOf(res.body!.value)).toEqual(expect.arrayContaining(['Rettelsen er gemt og noteret i loggen.', 'Deltagere: 19']));
    expect(await stored(id)).toMatchObject({ headcount: 19, loggedBy: 'megan-bowen', correctedBy: 'megan-bowen' });
    // Teams retries the invoke: nothing changes twice.
    await harness.execute(users.megan, cardVerbs.saveAttendance, { ...data, activityId: 'legepatrulje', date: '2025-06-12', headcount: '19' });
    const audit = await harness.repos.audit.listForRecord(planId, id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({ actor: 'megan-bowen', before: { headcount: 14 }, after: { headcount: 19 } });
  });

  it('asks before deleting, deletes my own entry, keeps what was deleted in the audit log, and lets me undo it', async () => {
    const id = await logSession(users.megan, 'legepatrulje', '2025-06-13', '7', 'AB12 CD34');
    // "Slet" opens a question with its own button; nothing is deleted by the first click.
    const list = cardOf((await harness.say(users.megan, 'mine registreringer'))[0]);
    const ask = JSON.stringify(list);
    expect(ask).toContain('"type":"Action.ShowCard","title":"Slet"');
    expect(ask).toContain('Vil du slette \\"Fremmøde · Legepatrulje · 13.6.2025\\"? Du kan fortryde det i et døgn.');
    expect(await stored(id)).toBeDefined();
    const res = await harness.execute(users.megan, cardVerbs.deleteEntry, { planId, recordId: id });
    expect(textsOf(res.body!.value)).toContain('Slettet: Fremmøde · Legepatrulje · 13.6.2025. Sletningen er noteret i loggen; du kan fortryde den i et døgn.');
    expect(await stored(id)).toBeUndefined();
    const audit = await harness.repos.audit.listForRecord(planId, id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(audit[1]!.before).toMatchObject({ headcount: 7, loggedBy: 'megan-bowen' });
    // Someone else cannot undo it; Megan can, and the session is back as it was, codes and all.
    expect(textsOf((await harness.execute(users.adele, cardVerbs.undoDelete, { planId, recordId: id })).body!.value).join(' ')).toMatch(/Intet er ændret/);
    const undone = await harness.execute(users.megan, cardVerbs.undoDelete, { planId, recordId: id });
    expect(textsOf(undone.body!.value)).toContain('Sat tilbage: Fremmøde · Legepatrulje · 13.6.2025.');
    expect(await stored(id)).toMatchObject({ headcount: 7, participantCodes: ['AB12', 'CD34'] });
    // A second undo finds nothing to put back.
    expect(textsOf((await harness.execute(users.megan, cardVerbs.undoDelete, { planId, recordId: id })).body!.value).join(' ')).toMatch(/kan ikke længere fortrydes/);
  });

  it('closes my own entry for changes after the edit window, with a Danish reason, and changes nothing', async () => {
    const id = await oldSession('legepatrulje');
    const list = cardOf((await harness.say(users.megan, 'mine registreringer'))[0]);
    expect(textsOf(list)).toContain('8 deltagere · Kan ikke længere rettes af dig (redigeringsvinduet er lukket); kontakt netværkets tovholder.');
    const res = await harness.execute(users.megan, cardVerbs.deleteEntry, { planId, recordId: id });
    expect(textsOf(res.body!.value)).toContain('Redigeringsvinduet for registreringen er lukket; kontakt netværkets tovholder eller planens leder. Intet er ændret.');
    const form = await harness.execute(users.megan, cardVerbs.correctAttendance, { planId, recordId: id });
    expect(textsOf(form.body!.value)).toContain('Redigeringsvinduet for registreringen er lukket; kontakt netværkets tovholder eller planens leder. Intet er ændret.');
    expect(await stored(id)).toMatchObject({ headcount: 8 });
  });

  it('lets the coordinator of the activity\'s network correct an old entry, but not one outside their networks', async () => {
    const own = await oldSession('kompetenceudvikling-og-kurser');
    const form = (await harness.execute(users.adele, cardVerbs.correctAttendance, { planId, recordId: own })).body!.value;
    const data = executeDataOf(form, cardVerbs.saveAttendance);
    await harness.execute(users.adele, cardVerbs.saveAttendance, { ...data, activityId: 'kompetenceudvikling-og-kurser', date: '2025-05-20', headcount: '9' });
    expect(await stored(own)).toMatchObject({ headcount: 9, loggedBy: 'megan-bowen', correctedBy: 'adele-vance' });

    const other = await logSession(users.megan, 'legepatrulje', '2025-06-14', '11');
    const refused = await harness.execute(users.adele, cardVerbs.deleteEntry, { planId, recordId: other });
    expect(textsOf(refused.body!.value)).toContain('Du kan kun rette og slette dine egne registreringer, med mindre du er tovholder for netværket eller leder. Intet er ændret.');
    // A forged correction is refused on save too, not only when the card is drawn.
    const forged = await harness.execute(users.adele, cardVerbs.saveAttendance, { ...data, correcting: other, activityId: 'legepatrulje', date: '2025-06-14', headcount: '1' });
    expect(forged.body).toMatchObject({ value: 'Du kan kun rette og slette dine egne registreringer, med mindre du er tovholder for netværket eller leder. Intet er ændret.' });
    expect(await stored(other)).toMatchObject({ headcount: 11 });
  });

  it('corrects a meeting from a prefilled card, keeping its follow-up items\' ids', async () => {
    const data = executeDataOf(cardOf((await harness.say(users.megan, 'log møde'))[0]), cardVerbs.saveMeeting);
    await harness.execute(users.megan, cardVerbs.saveMeeting, { ...data, networkId: 'din-fritid-netvaerk', date: '2025-06-10', participants: 'megan-bowen', summary: 'Første udkast', followUp1Text: 'Book hallen', followUp1Owner: 'megan-bowen', followUp1Due: '2025-06-30' });
    const id = `meeting-${data.submissionId}`;
    const form = (await harness.execute(users.megan, cardVerbs.correctMeeting, { planId, recordId: id })).body!.value;
    expect(textsOf(form)[0]).toBe('Ret møde');
    expect(inputOf(form, 'summary')!.value).toBe('Første udkast');
    const edit = executeDataOf(form, cardVerbs.saveMeeting);
    const res = await harness.execute(users.megan, cardVerbs.saveMeeting, { ...edit, networkId: 'din-fritid-netvaerk', date: '2025-06-10', participants: 'megan-bowen,alex-wilber', summary: 'Rettet referat', followUp1Text: 'Book hallen', followUp1Owner: 'megan-bowen', followUp1Due: '2025-07-04' });
    expect(textsOf(res.body!.value)).toContain('Rettelsen er gemt og noteret i loggen.');
    const stored = (await harness.repos.records.get(planId, id))!.record;
    expect(stored).toMatchObject({ summary: 'Rettet referat', participants: ['megan-bowen', 'alex-wilber'], followUps: [{ id: `${id}-followup-1`, due: '2025-07-04' }] });
    expect((await harness.repos.audit.listForRecord(planId, id)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('corrects a referral\'s facts but keeps its path, and refuses a date after its next step', async () => {
    const data = executeDataOf(cardOf((await harness.say(users.megan, 'log henvisning'))[0]), cardVerbs.saveReferral);
    await harness.execute(users.megan, cardVerbs.saveReferral, { ...data, from: 'activity:din-fritid', to: 'offer:forening', personCode: 'GH12', ageBand: '6-12', consentBasis: 'consent', date: '2025-06-02' });
    const id = `referral-${data.submissionId}`;
    await harness.execute(users.megan, cardVerbs.advanceReferral, { planId, referralId: id, to: 'started', statusDate: '2025-06-09' });

    const form = (await harness.execute(users.megan, cardVerbs.correctReferral, { planId, recordId: id })).body!.value;
    expect(textsOf(form)[0]).toBe('Ret henvisning');
    expect(inputOf(form, 'personCode')!.value).toBe('GH12');
    const edit = executeDataOf(form, cardVerbs.saveReferral);
    const tooLate = await harness.execute(users.megan, cardVerbs.saveReferral, { ...edit, from: 'activity:din-fritid', to: 'offer:forening', personCode: 'GH12', ageBand: '6-12', consentBasis: 'consent', date: '2025-06-10' });
    expect(textsOf(tooLate.body!.value)).toContain('Datoen ligger efter henvisningens næste trin.');

    await harness.execute(users.megan, cardVerbs.saveReferral, { ...edit, from: 'activity:din-fritid', to: 'offer:forening', personCode: 'GH12', ageBand: '13-17', consentBasis: 'consent', date: '2025-06-03' });
    const stored = (await harness.repos.records.get(planId, id))!.record;
    expect(stored).toMatchObject({ ageBand: '13-17', date: '2025-06-03', followUpDate: '2025-12-03', status: 'started' });
    expect((stored as { history: { status: string; date: string }[] }).history.map((h) => [h.status, h.date])).toEqual([
      ['referred', '2025-06-03'],
      ['started', '2025-06-09'],
    ]);
  });

  it('lets a leader delete anyone\'s entry in the plan', async () => {
    const id = await oldSession('legepatrulje');
    await harness.execute(users.alex, cardVerbs.deleteEntry, { planId, recordId: id });
    expect(await stored(id)).toBeUndefined();
  });
});

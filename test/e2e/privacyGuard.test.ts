import { cardVerbs } from '../../src/cards/verbs';
import type { FieldErrorCode } from '../../src/domain/fieldErrors';
import { messagesFor } from '../../src/i18n';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, inputOf, textsOf } from '../support/botHarness';

const PLAN = 'husum-tingbjerg-2024-2028';
const da = messagesFor('da');

/** Shapes from the attack on a live copy, one of each kind of disguise. */
const shapes: [string, FieldErrorCode][] = [
  ['01.01.90-1234', 'containsCpr'],
  ['010190/1234', 'containsCpr'],
  ['010190–1234', 'containsCpr'],
  ['010190\u00AD1234', 'containsCpr'],
  ['０１０１９０-１２３４', 'containsCpr'],
  ['٠١٠١٩٠-١٢٣٤', 'containsCpr'],
  ['0101\u200B90-1234', 'containsCpr'],
  ['O1O19O-1234', 'containsCpr'],
  ['0 1 0 1 9 0 1 2 3 4', 'containsCpr'],
  ['navn (at) domæne.dk', 'containsEmail'],
  ['navn[at]domæne.dk', 'containsEmail'],
  ['navn @ domæne.dk', 'containsEmail'],
  ['navn＠domæne.dk', 'containsEmail'],
  ['navn at domæne dot dk', 'containsEmail'],
  ['navn@пример.рф', 'containsEmail'],
  ['12.34.56.78', 'containsPhone'],
  ['123 456 78', 'containsPhone'],
  ['12/34/56/78', 'containsPhone'],
  ['１２３４５６７８', 'containsPhone'],
  ['1234\u200B5678', 'containsPhone'],
];
const HARMLESS = 'Næste gang 2026-12-03 kl. 16-18, ellers 12-11-2026. Budget 1.250 kr.';

/** The first error text (an Attention TextBlock) after the input, in the order a user reads the card. */
function errorUnder(card: unknown, inputId: string): string | undefined {
  let seen = false;
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (found !== undefined) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === inputId && typeof o.type === 'string' && o.type.startsWith('Input.')) seen = true;
      else if (seen && o.type === 'TextBlock' && o.color === 'Attention') found = String(o.text);
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/**
 * Every free-text field of every card, over real HTTP into the embedded database: a CPR number,
 * e-mail address or phone number in any disguise is refused with a Danish error under the field,
 * what was typed stays in the field, and nothing is stored. Today is Monday 16 June 2025.
 */
describe('the privacy guard on every card', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const stored = async () => JSON.stringify([
    await harness.repos.records.listInRange(PLAN, 'attendance', { from: '2024-01-01', to: '2028-12-31' }),
    await harness.repos.records.listInRange(PLAN, 'meeting', { from: '2024-01-01', to: '2028-12-31' }),
    await harness.repos.records.listInRange(PLAN, 'referral', { from: '2024-01-01', to: '2028-12-31' }),
    await harness.repos.indicators.list(PLAN),
    (await harness.repos.schedule.milestoneStates(PLAN)).map((s) => s.record),
  ]);
  const ids: { attendance?: string; meeting?: string; referral?: string; followUpItem?: string } = {};

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  const openForm = async (command: string, verb: string) => {
    const [reply] = await harness.say(users.alex, command);
    return executeDataOf(cardOf(reply)!, verb);
  };
  const attendance = { activityId: 'legepatrulje', date: '2025-06-14', headcount: '10' };
  const meeting = { networkId: 'din-fritid-netvaerk', date: '2025-06-03', participants: 'alex-wilber', followUp1Owner: 'megan-bowen', followUp1Due: '2025-06-30', followUp1Text: 'Book hallen' };
  const followUpRows = { followUp2Owner: 'megan-bowen', followUp2Due: '2025-06-30', followUp3Owner: 'alex-wilber', followUp3Due: '2025-07-31' };
  const referral = { from: 'activity:din-fritid', to: '', personCode: 'kb17', ageBand: '6-12', consentBasis: 'consent', date: '2025-06-10' };

  it('stores a harmless note full of dates, times and amounts in every free-text field', async () => {
    const a = await harness.execute(users.alex, cardVerbs.saveAttendance, { ...(await openForm('log fremmøde', cardVerbs.saveAttendance)), ...attendance, note: HARMLESS });
    expect(textsOf(a.body?.value)).toContain('✅ Fremmøde gemt');
    const m = await harness.execute(users.alex, cardVerbs.saveMeeting, {
      ...(await openForm('log møde', cardVerbs.saveMeeting)), ...meeting, ...followUpRows, summary: HARMLESS, decisions: HARMLESS, followUp1Text: HARMLESS, followUp2Text: HARMLESS, followUp3Text: HARMLESS,
    });
    expect(textsOf(m.body?.value)).toContain('✅ Møde gemt');
    const r = await harness.execute(users.alex, cardVerbs.saveReferral, { ...(await openForm('log henvisning', cardVerbs.saveReferral)), ...referral, toText: 'Boligkontoret 2026-12-03' });
    expect(textsOf(r.body?.value)).toContain('✅ Henvisning gemt');
    const i = await harness.execute(users.alex, cardVerbs.saveIndicator, { indicatorId: 'ul-1a-foerskriftsprog', period: '2025', value: '31', source: 'Bydelsprofil 2025, udtræk 12-11-2026' });
    expect(textsOf(i.body?.value).some((t) => t.startsWith('Gemt: '))).toBe(true);

    const [session] = await harness.repos.records.listInRange(PLAN, 'attendance', { from: '2025-06-14', to: '2025-06-14' });
    const [held] = await harness.repos.records.listInRange(PLAN, 'meeting', { from: '2025-06-03', to: '2025-06-03' });
    const [bridged] = await harness.repos.records.listInRange(PLAN, 'referral', { from: '2025-06-10', to: '2025-06-10' });
    expect(session).toMatchObject({ note: HARMLESS });
    expect(held).toMatchObject({ summary: HARMLESS, decisions: HARMLESS, followUps: [{ text: HARMLESS }, { text: HARMLESS }, { text: HARMLESS }] });
    expect(bridged).toMatchObject({ to: { text: 'Boligkontoret 2026-12-03' } });
    expect(await harness.repos.indicators.list(PLAN)).toEqual([expect.objectContaining({ source: 'Bydelsprofil 2025, udtræk 12-11-2026' })]);
    Object.assign(ids, { attendance: session!.id, meeting: held!.id, referral: bridged!.id, followUpItem: held!.followUps[0]!.id });

    const done = await harness.execute(users.alex, cardVerbs.completeScheduleItem, { planId: PLAN, target: 'followUpItem', targetId: ids.followUpItem, recordId: ids.meeting, key: 'f-x-done', 'text-f-x-done': HARMLESS });
    expect(textsOf(done.body?.value)).toContain(`Markeret som færdig: ${HARMLESS}`);
  });

  /** One free-text field: how to fill it into a submit, and where the answer shows it. */
  interface Field {
    name: string;
    submit: (text: string) => Promise<unknown>;
    inputId: string;
  }
  const openCorrection = async (verb: string, recordId: string, saveVerb: string) =>
    executeDataOf((await harness.execute(users.alex, verb, { planId: PLAN, recordId })).body!.value, saveVerb);
  const scheduleItem = (target: 'milestone' | 'followUpItem', change: 'done' | 'move') => async (text: string) => {
    const targetId = target === 'milestone' ? 'aarseftersyn' : ids.followUpItem!;
    const key = `${target === 'milestone' ? 'm' : 'f'}-${targetId}-${change}`;
    const verb = change === 'done' ? cardVerbs.completeScheduleItem : cardVerbs.moveScheduleItem;
    return (await harness.execute(users.alex, verb, { planId: PLAN, target, targetId, recordId: target === 'milestone' ? '' : ids.meeting, key, [`text-${key}`]: text, ...(change === 'move' ? { [`date-${key}`]: '2025-09-30' } : {}) })).body?.value;
  };
  const scheduleInput = (target: 'milestone' | 'followUpItem', change: 'done' | 'move') => () => `text-${target === 'milestone' ? 'm-aarseftersyn' : `f-${ids.followUpItem}`}-${change}`;
  const save = async (verb: string, data: Record<string, unknown>) => (await harness.execute(users.alex, verb, data)).body?.value;

  const fields: (Omit<Field, 'inputId'> & { inputId: string | (() => string) })[] = [
    { name: 'attendance note', inputId: 'note', submit: async (t) => save(cardVerbs.saveAttendance, { ...(await openForm('log fremmøde', cardVerbs.saveAttendance)), ...attendance, note: t }) },
    ...(['summary', 'decisions', 'followUp1Text', 'followUp2Text', 'followUp3Text'] as const).map((f) => ({
      name: `meeting ${f}`,
      inputId: f,
      submit: async (t: string) => save(cardVerbs.saveMeeting, { ...(await openForm('log møde', cardVerbs.saveMeeting)), ...meeting, ...followUpRows, followUp2Text: 'Ring til skolen', followUp3Text: 'Send referat', [f]: t }),
    })),
    { name: 'referral "somewhere else"', inputId: 'toText', submit: async (t) => save(cardVerbs.saveReferral, { ...(await openForm('log henvisning', cardVerbs.saveReferral)), ...referral, toText: t }) },
    { name: 'indicator source', inputId: 'source', submit: async (t) => save(cardVerbs.saveIndicator, { indicatorId: 'ul-1a-foerskriftsprog', period: '2026', value: '30', source: t }) },
    { name: 'milestone done note', inputId: scheduleInput('milestone', 'done'), submit: scheduleItem('milestone', 'done') },
    { name: 'milestone move reason', inputId: scheduleInput('milestone', 'move'), submit: scheduleItem('milestone', 'move') },
    { name: 'follow-up item done note', inputId: scheduleInput('followUpItem', 'done'), submit: scheduleItem('followUpItem', 'done') },
    { name: 'follow-up item move reason', inputId: scheduleInput('followUpItem', 'move'), submit: scheduleItem('followUpItem', 'move') },
    {
      name: 'attendance note, correcting a session',
      inputId: 'note',
      submit: async (t) => save(cardVerbs.saveAttendance, { ...(await openCorrection(cardVerbs.correctAttendance, ids.attendance!, cardVerbs.saveAttendance)), ...attendance, note: t }),
    },
    ...(['summary', 'decisions', 'followUp1Text', 'followUp2Text', 'followUp3Text'] as const).map((f) => ({
      name: `meeting ${f}, correcting a meeting`,
      inputId: f,
      submit: async (t: string) => save(cardVerbs.saveMeeting, { ...(await openCorrection(cardVerbs.correctMeeting, ids.meeting!, cardVerbs.saveMeeting)), ...meeting, ...followUpRows, followUp2Text: 'Ring', followUp3Text: 'Send', [f]: t }),
    })),
    {
      name: 'referral "somewhere else", correcting a referral',
      inputId: 'toText',
      submit: async (t) => save(cardVerbs.saveReferral, { ...(await openCorrection(cardVerbs.correctReferral, ids.referral!, cardVerbs.saveReferral)), ...referral, toText: t }),
    },
  ];

  it.each(fields.map((f) => [f.name, f] as const))('refuses every disguise in the %s, in Danish under the field, keeping what was typed', async (_name, field) => {
    const before = await stored();
    for (const [shape, code] of shapes) {
      const typed = `Talt med moren, ${shape}, i dag`;
      const card = await field.submit(typed);
      const inputId = typeof field.inputId === 'function' ? field.inputId() : field.inputId;
      expect({ shape, error: errorUnder(card, inputId) }).toEqual({ shape, error: expect.stringContaining(da.fieldErrors[code]) });
      expect({ shape, kept: inputOf(card, inputId)?.value }).toEqual({ shape, kept: typed });
    }
    expect(await stored()).toBe(before);
  });

  it('refuses a CPR number, e-mail address or phone number as a channel name, without repeating it or linking', async () => {
    const channel = '19:privacy@thread.tacv2';
    for (const [shape, code] of shapes) {
      const [reply] = await harness.say(users.alex, `tilknyt kanal ${shape}`, channel, 'channel');
      expect({ shape, text: reply?.text }).toEqual({ shape, text: da.channelLink.personalData(da.fieldErrors[code]) });
    }
    expect(await harness.repos.channels.linkOf(channel)).toBeUndefined();
    const [unknown] = await harness.say(users.alex, 'ring til 12.34.56.78');
    expect(unknown?.text).toBe(da.unknownCommand('…'));
  });

  it('refuses a start time of 99:99 for the next meeting under the field, keeping the values, and stores nothing', async () => {
    const res = await harness.execute(users.alex, cardVerbs.saveNextMeeting, { planId: PLAN, networkId: 'din-fritid-netvaerk', date: '2025-07-01', startTime: '99:99' });
    const card = res.body?.value;
    expect(errorUnder(card, 'startTime')).toBe('Skal være et klokkeslæt som TT:MM.');
    expect(inputOf(card, 'date')?.value).toBe('2025-07-01');
    expect(await harness.repos.schedule.nextMeetings(PLAN)).toEqual([]);
  });

  it('refuses quiet hours from 99:99 under the field and stores nothing', async () => {
    const res = await harness.execute(users.alex, cardVerbs.saveReminderSettings, { wantedKinds: 'upcomingMeeting', quietFrom: '99:99', quietTo: '08:00', weeklyDigest: 'false' });
    expect(errorUnder(res.body?.value, 'quietFrom')).toBe('Skal være et klokkeslæt som TT:MM.');
    expect(await harness.repos.preferences.get(users.alex.aadObjectId)).toEqual({});
  });

  it('stores a note without the NUL, lone surrogate and right-to-left override it was sent with', async () => {
    const res = await save(cardVerbs.saveAttendance, { ...(await openForm('log fremmøde', cardVerbs.saveAttendance)), ...attendance, date: '2025-06-13', note: 'Fint\u0000 vejr \uD800og \u202Emange børn\u202C' });
    expect(textsOf(res)).toContain('✅ Fremmøde gemt');
    const [session] = await harness.repos.records.listInRange(PLAN, 'attendance', { from: '2025-06-13', to: '2025-06-13' });
    expect(session?.note).toBe('Fint vejr og mange børn');
  });
});

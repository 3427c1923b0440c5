import { cardVerbs } from '../../src/cards/verbs';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, textsOf } from '../support/botHarness';

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

  it('shows an activity with no sessions as "ingen data"', async () => {
    const card = cardOf((await harness.say(users.alex, 'status'))[0]);
    const texts = textsOf(card);
    expect(texts[0]).toBe('Status 2025: fremmøde mod mål');
    const legepatrulje = texts.indexOf('Legepatrulje');
    expect(texts.slice(legepatrulje, legepatrulje + 3)).toEqual(['Legepatrulje', 'Gange logget: 0', 'Gns. fremmøde: ingen data']);
  });

  it('counts this year\'s logged sessions and their average against "i gennemsnit 15 børn pr. gang"', async () => {
    await logSession('legepatrulje', '2025-04-02', '12');
    await logSession('legepatrulje', '2025-04-09', '15');
    await logSession('legepatrulje', '2025-04-16', '21');
    await logSession('legepatrulje', '2024-09-25', '40'); // last year: not in 2025's status

    const res = await harness.execute(users.alex, cardVerbs.showStatus, {});
    const texts = textsOf(res.body!.value);
    const at = texts.indexOf('Legepatrulje');
    expect(texts.slice(at, at + 7)).toEqual([
      'Legepatrulje',
      'Gange logget: 3',
      'Gns. fremmøde: 16',
      'I gennemsnit 15 børn pr. gang (mål: mindst 15 pr. gang)',
      '16',
      '● på sporet',
      expect.stringMatching(/^Én gang om ugen.*\(mål: mindst 1 gang\(e\) om ugen\)$/),
    ]);
    // Season started 1 April: 28 days = 4 weeks, 3 sessions = 0.8 a week, behind "mindst 1".
    expect(texts.slice(at + 7, at + 9)).toEqual(['0,8', '▼ bagud']);
  });

  it('keeps the status card under Teams\' 28 KB card limit', async () => {
    const card = cardOf((await harness.say(users.alex, 'status'))[0]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });
});

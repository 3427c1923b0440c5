import { cardVerbs } from '../../src/cards/verbs';
import { users } from './activities';
import { cardOf, executeDataOf, textsOf, type BotHarness } from './botHarness';

/** The months the demo logbook has sessions of Kompetenceudvikling og kurser in 2025: not March. */
export const COURSE_MONTHS = ['2025-01', '2025-02', '2025-04', '2025-05', '2025-06'];
export const COURSES = 'kompetenceudvikling-og-kurser';

/**
 * A small logbook typed in through the real bot over HTTP (so rollups are the real ones):
 * courses in five months of 2025 (none in March), Legepatrulje in the spring, and referrals from
 * Din Fritid to an association, one of them moved on to started.
 */
export async function seedDemoLogbook(harness: BotHarness): Promise<void> {
  const logSession = async (activityId: string, date: string, headcount: string) => {
    const card = cardOf((await harness.say(users.megan, 'log fremmøde'))[0]);
    const res = await harness.execute(users.megan, cardVerbs.saveAttendance, { ...executeDataOf(card, cardVerbs.saveAttendance), activityId, date, headcount });
    if (!textsOf(res.body!.value).includes('✅ Fremmøde gemt')) throw new Error(`not saved: ${activityId} ${date}`);
  };
  for (const [i, month] of COURSE_MONTHS.entries()) {
    await logSession(COURSES, `${month}-0${i + 2}`, String(8 + i));
    await logSession(COURSES, `${month}-1${i + 2}`, String(10 + i));
  }
  for (const date of ['2025-04-02', '2025-04-09', '2025-05-14', '2025-06-04']) await logSession('legepatrulje', date, '14');
  for (const date of ['2025-03-03', '2025-05-20']) {
    const data = executeDataOf(cardOf((await harness.say(users.alex, 'log henvisning'))[0]), cardVerbs.saveReferral);
    await harness.execute(users.alex, cardVerbs.saveReferral, { ...data, from: 'activity:din-fritid', to: 'offer:forening', ageBand: '6-12', consentBasis: 'anonymous', date });
  }
}

import { randomUUID } from 'node:crypto';
import type { TestUser } from './activities';
import { cardOf, inputOf, type BotHarness } from './botHarness';

/** The Save button's data and the choices of one input, from the form a command opens. */
async function formOf(harness: BotHarness, user: TestUser, command: string, verb: string, choicesOf: string) {
  const form = cardOf((await harness.say(user, command))[0]);
  const save = ((form?.actions ?? []) as { verb?: string; data?: Record<string, unknown> }[]).find((a) => a.verb === verb);
  if (!form || !save) throw new Error(`"${command}" did not open a form with ${verb}`);
  const choices = ((inputOf(form, choicesOf)?.choices ?? []) as { value: string }[]).map((c) => c.value);
  return { data: save.data ?? {}, choices };
}

async function saveEach(harness: BotHarness, user: TestUser, verb: string, data: Record<string, unknown>, values: Record<string, string>[], saved: RegExp): Promise<void> {
  for (const v of values) {
    const res = await harness.execute(user, verb, { ...data, submissionId: randomUUID(), ...v });
    if (!saved.test(JSON.stringify(res.body?.value))) throw new Error(`seeding ${verb} ${JSON.stringify(v)} was not saved`);
  }
}

/**
 * A logbook with something in it, written through the bot over HTTP as the cards would: one
 * session of one participant for every activity on `date`, and one meeting of every network.
 * With the plan's weekly and monthly targets, that puts many targets and meeting plans behind.
 */
export async function seedOneOfEverything(harness: BotHarness, user: TestUser, date: string): Promise<void> {
  const attendance = await formOf(harness, user, 'log fremmøde', 'saveAttendance', 'activityId');
  await saveEach(harness, user, 'saveAttendance', attendance.data, attendance.choices.map((activityId) => ({ activityId, date, headcount: '1' })), /Fremmøde gemt/);
  const meeting = await formOf(harness, user, 'log møde', 'saveMeeting', 'networkId');
  await saveEach(harness, user, 'saveMeeting', meeting.data, meeting.choices.map((networkId) => ({ networkId, date })), /Møde gemt/);
}

/** One session of an activity, saved through the bot, as a user's earlier entry. */
export async function seedSession(harness: BotHarness, user: TestUser, values: { activityId: string; date: string; headcount: string; newParticipants?: string }): Promise<void> {
  const attendance = await formOf(harness, user, 'log fremmøde', 'saveAttendance', 'activityId');
  await saveEach(harness, user, 'saveAttendance', attendance.data, [values], /Fremmøde gemt/);
}

import { cardVerbs } from '../../src/cards/verbs';
import { users } from '../support/activities';
import { parseCardWithMicrosoftParser } from '../support/adaptiveCards';
import { BotHarness, cardOf, textsOf } from '../support/botHarness';

/** A slip of the finger gets "Mente du …?" and a button that runs what was meant. */
describe('mistyped commands', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  const buttonsOf = (card: Record<string, unknown> | undefined) => (card?.actions as { title: string; verb: string; data: { text: string } }[]) ?? [];

  it('answers "log fremøde" with Mente du "log fremmøde"? and a button that opens the attendance form', async () => {
    const [reply] = await harness.say(users.megan, 'log fremøde');
    const card = cardOf(reply);
    expect(textsOf(card)).toEqual(['Jeg forstår ikke "log fremøde". Mente du "log fremmøde"?']);
    expect(parseCardWithMicrosoftParser(card!).errors).toEqual([]);
    const [yes, help] = buttonsOf(card);
    expect(yes).toMatchObject({ title: 'Ja, log fremmøde', verb: cardVerbs.runCommand, data: { text: 'log fremmøde' } });
    expect(help!.data.text).toBe('hjælp');
    const form = await harness.execute(users.megan, yes!.verb, yes!.data);
    expect(textsOf(form.body?.value)[0]).toBe('Log fremmøde');
  });

  it('keeps the rest of the sentence: "statsu din fritid" runs status for Din Fritid', async () => {
    const [reply] = await harness.say(users.alex, 'statsu din fritid');
    const [yes] = buttonsOf(cardOf(reply));
    expect(yes!.data.text).toBe('status din fritid');
    const status = await harness.execute(users.alex, yes!.verb, yes!.data);
    expect(textsOf(status.body?.value)[0]).toBe('Status 2025: Din Fritid');
  });

  it('answers text far from every command with what the bot can do, and never repeats a CPR number back', async () => {
    const [far] = await harness.say(users.megan, 'kan du bestille pizza');
    expect(far!.text).toMatch(/^Jeg forstår ikke "kan du bestille pizza"\./);
    const [cpr] = await harness.say(users.megan, 'log fremøde 010203-1234');
    expect(JSON.stringify(cpr)).not.toContain('010203');
  });

  it('runs only a command from a forged button: other text gets the same answer as if typed', async () => {
    const forged = await harness.execute(users.megan, cardVerbs.runCommand, { text: 'slet alt' });
    expect(String(forged.body?.value)).toMatch(/^Jeg forstår ikke "slet alt"\./);
    const odd = await harness.execute(users.megan, cardVerbs.runCommand, { text: { toString: 'status' } });
    expect(String(odd.body?.value)).toMatch(/^Jeg forstår ikke/);
  });
});

import { users } from '../support/activities';
import { BotHarness, cardOf, inputOf } from '../support/botHarness';

/** A network's channel: linked once by its coordinator, then "log møde" there knows the network. */
describe('linking a channel to a network', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const channel = '19:dinfritid@thread.tacv2';

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  const inChannel = (user: (typeof users)[keyof typeof users], text: string) => harness.say(user, text, channel, 'channel');

  it('refuses a member who does not coordinate the network, and links nothing', async () => {
    const [reply] = await inChannel(users.adele, 'tilknyt kanal din fritid');
    expect(reply!.text).toBe('Kun tovholdere for Din Fritid-netværket (eller planens leder) kan tilknytte en kanal til netværket. Intet er ændret.');
    expect(await harness.repos.channels.linkOf(channel)).toBeUndefined();
    const [member] = await inChannel(users.megan, 'tilknyt kanal din fritid');
    expect(member!.text).toMatch(/^Det har du ikke adgang til: at tilknytte en kanal til et netværk kræver rollen tovholder eller leder/);
  });

  it('asks for a precise name when several networks match, and says when none does', async () => {
    const [none] = await inChannel(users.alex, 'tilknyt kanal skakklubben');
    expect(none!.text).toBe('Jeg kan ikke finde et netværk, der hedder "skakklubben", i planen. Intet er ændret.');
    const [many] = await inChannel(users.alex, 'tilknyt kanal følgegruppe');
    expect(many!.text).toMatch(/^Flere netværk passer: .*Lokal følgegruppe.*Administrativ følgegruppe|^Flere netværk passer: .*Administrativ følgegruppe.*Lokal følgegruppe/);
  });

  it('must be done in the channel, not in a personal chat', async () => {
    const [reply] = await harness.say(users.alex, 'tilknyt kanal din fritid');
    expect(reply!.text).toBe('En kanal tilknyttes fra kanalen selv (eller en gruppechat): skriv kommandoen dér.');
  });

  it('links the channel for its coordinator, and "log møde" there starts with the network chosen', async () => {
    const [reply] = await inChannel(users.alex, 'tilknyt kanal din fritid');
    expect(reply!.text).toBe('Kanalen er nu tilknyttet Din Fritid-netværket. "log møde" her vælger netværket på forhånd.');
    const card = cardOf((await inChannel(users.megan, 'log møde'))[0]);
    expect(inputOf(card, 'networkId')!.value).toBe('din-fritid-netvaerk');
    const personal = cardOf((await harness.say(users.megan, 'log møde'))[0]);
    expect(inputOf(personal, 'networkId')!.value).toBeUndefined();
  });
});

import { users } from '../support/activities';
import { BotHarness, cardOf } from '../support/botHarness';
import { elementsOf, titleOf, type CardJson } from '../support/cardModel';
import { criteriaPlanFile } from '../fixtures/plans';

/** Every command that opens a form, and the status card's "Indtast tal". */
const FORMS = ['log fremmøde', 'log uge', 'log møde', 'log henvisning', 'log resultat', 'log vurdering', 'mine henvisninger', 'næste møde', 'indstillinger', 'milepæle'];

/** Input id → the labels it has, with the cards that use each. */
type Glossary = Map<string, Map<string, Set<string>>>;

function collect(glossary: Glossary, card: CardJson): void {
  for (const e of elementsOf(card)) {
    if (typeof e.type !== 'string' || !e.type.startsWith('Input.') || typeof e.id !== 'string') continue;
    const label = typeof e.label === 'string' ? e.label : typeof e.title === 'string' ? e.title : '';
    const labels = glossary.get(e.id) ?? new Map<string, Set<string>>();
    labels.set(label, (labels.get(label) ?? new Set()).add(titleOf(card)));
    glossary.set(e.id, labels);
  }
}

/** The fields that carry more than one label, each label with the cards that use it. */
const conflicts = (glossary: Glossary) =>
  [...glossary].filter(([, labels]) => labels.size > 1).map(([id, labels]) => `${id}: ${[...labels].map(([label, cards]) => `"${label}" (${[...cards].join(', ')})`).join(' / ')}`);

async function formsOf(harness: BotHarness, glossary: Glossary): Promise<void> {
  for (const command of FORMS) {
    const card = cardOf((await harness.say(users.alex, command))[0]);
    if (card) collect(glossary, card);
  }
  const indicator = await harness.execute(users.alex, 'showIndicatorForm', {});
  if (indicator.body?.value && typeof indicator.body.value === 'object') collect(glossary, indicator.body.value as CardJson);
}

/**
 * One word for one thing: a field that means the same (its input id: the network, the date, the
 * start time, the source of a figure) has the same label on every card, in each language. The
 * issue found "Netværk eller organ" on one card and "Netværk eller gruppe" on another. Checked on
 * the cards the bot sends, for the demo plan and for the criteria plan (the assessment form).
 */
describe('the words on the cards', () => {
  const demo = new BotHarness('2025-06-16T10:00:00+02:00');
  const criteria = new BotHarness('2025-06-16T10:00:00+02:00');

  beforeAll(async () => {
    await demo.start();
    await criteria.start([criteriaPlanFile]);
  });
  afterAll(async () => {
    await demo.stop();
    await criteria.stop();
  });

  it.each([
    ['Danish', 'sprog dansk'],
    ['English', 'language english'],
  ])('the same concept has the same label in every template (%s)', async (_language, choose) => {
    const glossary: Glossary = new Map();
    for (const harness of [demo, criteria]) {
      await harness.say(users.alex, choose);
      await formsOf(harness, glossary);
    }
    expect(glossary.size).toBeGreaterThan(20);
    expect(conflicts(glossary)).toEqual([]);
  });
});

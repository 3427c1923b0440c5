import { parseCardWithMicrosoftParser } from '../support/adaptiveCards';

/** A card in the shape Logbog sends: 1.5, a number input, Action.Execute with an Action.Submit fallback. */
function validCard() {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Log fremmøde', weight: 'Bolder', size: 'Medium', wrap: true },
      {
        type: 'Input.Number',
        id: 'headcount',
        label: 'Antal deltagere',
        min: 0,
        isRequired: true,
        errorMessage: 'Skriv antallet af deltagere.',
      },
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: 'Gem',
        verb: 'attendance.save',
        data: { activityId: 'a1' },
        fallback: { type: 'Action.Submit', title: 'Gem', data: { verb: 'attendance.save', activityId: 'a1' } },
      },
    ] as Array<Record<string, unknown>>,
  };
}

describe("Microsoft's Adaptive Cards parser (adaptivecards 3.x, dist bundle)", () => {
  it('a valid 1.5 card with Input.Number and Action.Execute falling back to Action.Submit parses with no errors', () => {
    expect(parseCardWithMicrosoftParser(validCard())).toEqual({ errors: [], warnings: [] });
  });

  it('a card with an unknown element type "Input.Foo" yields errors', () => {
    const card = validCard();
    card.body.push({ type: 'Input.Foo', id: 'foo' } as never);
    expect(parseCardWithMicrosoftParser(card).errors).toEqual([
      'UnknownElementType: Unknown element type "Input.Foo". Fallback will be used if present.',
    ]);
  });

  it("a Teams chart with a fallback is advice, not an error: the library renders the fallback", () => {
    const card = validCard();
    card.body.push({ type: 'Chart.Donut', data: [{ legend: 'på sporet', value: 3 }], fallback: { type: 'TextBlock', text: '▰▰▱', wrap: true } } as never);
    const result = parseCardWithMicrosoftParser(card);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(['TeamsChart: Unknown element type "Chart.Donut". Fallback will be used if present.']);
  });

  it('a Teams chart without a fallback, or with data of the wrong shape, yields errors', () => {
    const card = validCard();
    card.body.push({ type: 'Chart.HorizontalBar', data: [{ x: 'Lektiecafé', y: 40 }] } as never);
    card.body.push({ type: 'Chart.Donut', data: [{ legend: 'bagud', value: '3' }], fallback: { type: 'TextBlock', text: 'x' } } as never);
    expect(parseCardWithMicrosoftParser(card).errors).toEqual([
      'MissingFallback (body[2]: Chart.HorizontalBar): a Teams chart element needs a fallback for hosts without charts',
      'InvalidChartData (body[3]: Chart.Donut has a data point of the wrong shape at 0: {"legend":"bagud","value":"3"})',
    ]);
  });

  it("a Teams chart's broken fallback is caught", () => {
    const card = validCard();
    card.body.push({ type: 'Chart.Gauge', value: 40, fallback: { type: 'TextBlok', text: 'x' } } as never);
    expect(parseCardWithMicrosoftParser(card).errors).toEqual([
      // Once where the library falls back to it, once when the fallback is checked on its own.
      'UnknownElementType: Unknown element type "TextBlok". Fallback will be used if present.',
      'body[2].fallback: UnknownElementType: Unknown element type "TextBlok". Fallback will be used if present.',
    ]);
  });

  it('a card with an unknown action type yields errors', () => {
    const card = validCard();
    card.actions.push({ type: 'Action.Sumbit', title: 'Gem' });
    expect(parseCardWithMicrosoftParser(card).errors).toEqual([
      'UnknownActionType: Unknown action type "Action.Sumbit". Fallback will be used if present.',
    ]);
  });

  it('a refresh whose required action is not an Action.Execute yields errors', () => {
    // refresh.action is required and may only be an Action.Execute: the parser drops the Action.Submit and then
    // reports the missing property.
    const card = { ...validCard(), refresh: { action: { type: 'Action.Submit', title: 'Opdater' } } };
    expect(parseCardWithMicrosoftParser(card).errors).toEqual([
      'ActionTypeNotAllowed: Action type "Action.Submit" is not allowed in this context.',
      'PropertyCantBeNull: Property "action" must be set.',
    ]);
  });

  it('an Action.Execute whose fallback Action.OpenUrl lacks its required url yields errors', () => {
    const card = validCard();
    card.actions = [{ type: 'Action.Execute', title: 'Åbn', verb: 'open', fallback: { type: 'Action.OpenUrl', title: 'Åbn' } }];
    expect(parseCardWithMicrosoftParser(card).errors).toEqual([
      'actions[0].fallback: PropertyCantBeNull (in Action.OpenUrl): Property "url" must be set.',
    ]);
  });

  it('a typo in the Action.Submit fallback of an Action.Execute is caught', () => {
    // The library itself never parses a fallback whose primary it knows; the helper parses each fallback on its own.
    const card = validCard();
    card.actions = [{ type: 'Action.Execute', title: 'Gem', verb: 'save', fallback: { type: 'Action.Sumbit', title: 'Gem' } }];
    expect(parseCardWithMicrosoftParser(card).errors).toEqual([
      'actions[0].fallback: UnknownActionType: Unknown action type "Action.Sumbit". Fallback will be used if present.',
    ]);
  });

  it('an input without its required id yields errors', () => {
    const card = validCard();
    card.body.push({ type: 'Input.Text', label: 'Note' } as never);
    expect(parseCardWithMicrosoftParser(card).errors).toEqual(['PropertyCantBeNull (in Input.Text): All inputs must have a unique Id.']);
  });

  it('invalid, unsupported and missing versions yield errors', () => {
    expect(parseCardWithMicrosoftParser({ ...validCard(), version: 'banana' }).errors).toEqual([
      'InvalidPropertyValue: Invalid version string "banana".',
      'UnsupportedCardVersion (in AdaptiveCard): The specified card version (banana) is not supported or still in preview. The latest released card version is 1.6.',
    ]);
    expect(parseCardWithMicrosoftParser({ ...validCard(), version: '9.9' }).errors).toEqual([
      'UnsupportedCardVersion (in AdaptiveCard): The specified card version (9.9) is not supported or still in preview. The latest released card version is 1.6.',
    ]);
    const withoutVersion: Partial<ReturnType<typeof validCard>> = validCard();
    delete withoutVersion.version;
    expect(parseCardWithMicrosoftParser(withoutVersion).errors).toEqual(['PropertyCantBeNull: Property "version" must be set.']);
  });

  it('a card is parsed for the version it declares: Action.Execute (1.4) in a 1.3 card is unknown', () => {
    expect(parseCardWithMicrosoftParser({ ...validCard(), version: '1.3' }).errors).toEqual([
      'UnknownActionType: Unknown action type "Action.Execute". Fallback will be used if present.',
    ]);
    expect(parseCardWithMicrosoftParser({ ...validCard(), version: '1.4' }).errors).toEqual([]);
  });

  it("Teams' people picker (choices.data, a Data.Query) parses in a 1.5 card, and a broken Data.Query is still an error", () => {
    const picker = (query: Record<string, unknown>) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.ChoiceSet', id: 'person', label: 'Person', choices: [{ title: 'Alex', value: 'a' }], 'choices.data': query }] });
    expect(parseCardWithMicrosoftParser(picker({ type: 'Data.Query', dataset: 'graph.microsoft.com/users' })).errors).toEqual([]);
    expect(parseCardWithMicrosoftParser(picker({ type: 'Data.Query', dataset: 'graph.microsoft.com/users?scope=currentContext' })).errors).toEqual([]);
    expect(parseCardWithMicrosoftParser(picker({ type: 'Data.Querry', dataset: 'graph.microsoft.com/users' })).errors).not.toEqual([]);
    // Only the people picker's property is let through: another 1.6 property in a 1.5 card is still refused.
    expect(parseCardWithMicrosoftParser({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 't', label: 'T', labelPosition: 'inline' }] }).errors).toEqual([
      'UnsupportedProperty (in Input.Text): Property "labelPosition" is supported in version 1.6, but you are using version 1.5.',
    ]);
  });

  it('limitation: the parser requires no property of an Action.Execute itself (verb, title and data are optional)', () => {
    // Pinned so nobody relies on this parser to catch a missing verb: check verbs in the card's own tests.
    const card = validCard();
    card.actions = [{ type: 'Action.Execute' }];
    expect(parseCardWithMicrosoftParser(card).errors).toEqual([]);
  });
});

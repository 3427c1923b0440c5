import type { Locator } from 'playwright-core';
import { actionPaths, cardKind, cardTexts, elementsOf, expanderPaths, levelOf, titleOf, type CardAction, type CardInput, type CardJson, type CardLevel } from './cardModel';
import { labelled, type PlaygroundChat, type Press } from './playgroundChat';

/** A button that did not get an answer, named by its card and the way to it. */
export interface Finding {
  card: string;
  button: string;
  problem: string;
}

export interface Pressed {
  card: string;
  button: string;
  verb?: string;
  answer: string;
  /** From taking a fresh copy of the card to the answer shown. */
  ms: number;
}

export interface CrawlOptions {
  /** The date put into a required date field: the bot's today. */
  today: string;
  /** How far from a card typed in the chat the crawler follows the cards its buttons bring. */
  maxDepth: number;
  /**
   * Buttons that differ only in the item they act on (ten milestones, each with the same two
   * forms) are pressed this many times per card; the kind of button is what can be broken.
   */
  perSignature: number;
  /**
   * Values for particular inputs (by id), filled in even when not required, so that a form is
   * saved and its confirmation reached: a number or text, a choice's title or "first", a date.
   */
  fill?: Record<string, string>;
}

/** Cards on one page before the crawler loads it afresh (every card is drawn again at each new message). */
const PAGE_CARDS = 15;

const buttonName = (expanders: CardAction[], action: CardAction) => [...expanders, action].map((a) => `"${a.title}"`).join(' → ');

const gist = (card: CardJson) => cardTexts(card).slice(0, 4).join(' | ').slice(0, 140);

function describe(press: Press): string {
  if (press.replacedBy) return `card "${gist(press.replacedBy)}"`;
  if (press.invokeText) return `text "${press.invokeText.slice(0, 60)}"`;
  const m = press.messages[0];
  if (m?.card) return `new card "${titleOf(m.card.json)}"`;
  if (m?.text) return `message "${m.text.slice(0, 60)}"`;
  if (m) return `message with ${(m.from.activity.attachments ?? []).map((a) => a.contentType).join(', ')}`;
  return '';
}

/**
 * Presses every button of every card it is given, and of the cards those buttons bring back,
 * in the Playground, and records each button that sends nothing or gets no answer. Each press
 * is made on a fresh copy of the card as the bot sent it, because an answer replaces the card.
 */
export class CardCrawler {
  readonly findings: Finding[] = [];
  readonly pressed: Pressed[] = [];
  readonly cardsVisited: string[] = [];
  private readonly kinds = new Set<string>();

  constructor(
    private readonly chat: PlaygroundChat,
    private readonly options: CrawlOptions,
  ) {}

  /**
   * Crawls a card the bot sent, then the new kinds of card its buttons lead to. A card typed for
   * (depth 0) is always crawled; one reached by a button only if its kind is new. `kind` tells
   * apart cards of one template that a user meets as different cards (a reminder of each sort).
   */
  async crawl(name: string, json: CardJson, depth = 0, kind = cardKind(json)): Promise<void> {
    if (depth > 0 && this.kinds.has(kind)) return;
    this.kinds.add(kind);
    this.cardsVisited.push(name);
    const discovered: { name: string; json: CardJson }[] = [];

    const counts = new Map<string, number>();
    const paths = actionPaths(json).filter((p) => {
      const signature = [...p.expanders.map((e) => e.title), p.action.verb ?? p.action.title].join('>');
      const n = (counts.get(signature) ?? 0) + 1;
      counts.set(signature, n);
      return n <= this.options.perSignature;
    });
    for (const path of paths) {
      const button = buttonName(path.expanders, path.action);
      const started = Date.now();
      try {
        const card = await this.freshCopy(json);
        const levels = await this.openExpanders(card, path.expanders, name, button);
        if (!levels) continue;
        await this.fillRequired(levels, path.levels);
        const target = await this.buttonIn(levels.at(-1)!, path.action);
        const press = await this.chat.press(card, target);
        const answer = describe(press);
        if (!press.sent.length) {
          this.findings.push({ card: name, button, problem: `sends nothing to the bot${press.pageErrors.length ? ` (page error: ${press.pageErrors.join('; ')})` : ''}` });
          continue;
        }
        const failed = press.sent.find((a) => (a.status ?? 0) >= 400 || (a.response?.statusCode ?? 200) >= 400);
        if (failed) this.findings.push({ card: name, button, problem: `the bot answered HTTP ${failed.status} / ${failed.response?.statusCode}` });
        else if (!answer) this.findings.push({ card: name, button, problem: 'reached the bot, but nothing came back to the chat' });
        this.pressed.push({ card: name, button, ...(path.action.verb ? { verb: path.action.verb } : {}), answer, ms: Date.now() - started });
        if (press.replacedBy) discovered.push({ name: `${name} → ${path.action.title}`, json: press.replacedBy });
        for (const m of press.messages) if (m.card) discovered.push({ name: `${name} → ${path.action.title}`, json: m.card.json });
      } catch (err) {
        this.findings.push({ card: name, button, problem: `could not be pressed: ${(err as Error).message.split('\n')[0]}` });
      }
    }
    await this.checkLoneExpanders(name, json);
    if (depth < this.options.maxDepth) for (const d of discovered) await this.crawl(d.name, d.json, depth + 1);
  }

  /** A copy of the card in a page that is not yet long enough to slow the Playground down. */
  private async freshCopy(json: CardJson): Promise<Locator> {
    if (this.chat.cardCount >= PAGE_CARDS) await this.chat.reload();
    return this.chat.copyOf(json);
  }

  /** The ShowCard and ToggleVisibility buttons no submitting action lies behind: each must show something. */
  private async checkLoneExpanders(name: string, json: CardJson): Promise<void> {
    const behind = new Set(actionPaths(json).flatMap((p) => p.expanders.map((e, i) => buttonName(p.expanders.slice(0, i), e))));
    const seen = new Set<string>();
    for (const { expanders, action } of expanderPaths(json)) {
      const button = buttonName(expanders, action);
      if (behind.has(button) || seen.has(button)) continue;
      seen.add(button);
      const started = Date.now();
      try {
        const card = await this.freshCopy(json);
        if (!(await this.openExpanders(card, [...expanders, action], name, button))) continue;
        this.pressed.push({ card: name, button, answer: 'shown', ms: Date.now() - started });
      } catch (err) {
        this.findings.push({ card: name, button, problem: `could not be opened: ${(err as Error).message.split('\n')[0]}` });
      }
    }
  }

  /**
   * Opens a chain of expanders and returns the drawn level of each card on the way (the root
   * first). A ShowCard must draw its card; a ToggleVisibility must show its target's first field.
   */
  private async openExpanders(card: Locator, expanders: CardAction[], name: string, button: string): Promise<Locator[] | undefined> {
    const levels: Locator[] = [card];
    for (const e of expanders) {
      const level = levels.at(-1)!;
      await (await this.buttonIn(level, e)).click();
      if (e.type === 'Action.ShowCard') {
        const inner = level.locator('.ac-adaptiveCard').filter({ visible: true }).last();
        const first = e.card ? (elementsOf(e.card.body).find((x) => typeof x.label === 'string')?.label as string | undefined) : undefined;
        try {
          await (first ? inner.getByText(first).first() : inner).waitFor({ timeout: 3_000 });
        } catch {
          this.findings.push({ card: name, button, problem: `"${e.title}" opens nothing` });
          return undefined;
        }
        levels.push(inner);
      }
    }
    return levels;
  }

  /** The drawn button of an action: the n-th button of its level with that title, not one in a nested card. */
  private async buttonIn(level: Locator, action: CardAction): Promise<Locator> {
    const own = await level.evaluate(
      (root, title) => {
        const buttons = Array.from(root.querySelectorAll('button')) as { textContent: string | null; closest(s: string): unknown }[];
        return buttons.map((b, i) => ({ i, own: b.closest('.ac-adaptiveCard') === root, title: (b.textContent ?? '').trim() })).filter((b) => b.own && b.title === title).map((b) => b.i);
      },
      action.title,
    );
    const index = own[action.occurrence];
    if (index === undefined) throw new Error(`no button "${action.title}" (number ${action.occurrence + 1}) drawn`);
    return level.locator('button').nth(index);
  }

  /** Fills in a form the bot sent, as the crawler does before pressing its Save button. */
  fillIn(card: Locator, json: CardJson): Promise<void> {
    return this.fillRequired([card], [levelOf(json)]);
  }

  /** Fills what the renderer will not send without: required inputs without a value, with sensible values. */
  private async fillRequired(drawn: Locator[], levels: CardLevel[]): Promise<void> {
    for (const [i, level] of levels.entries()) {
      const scope = drawn[i]!;
      const sameLabel = new Map<string, number>();
      for (const input of level.inputs) {
        const n = sameLabel.get(input.label) ?? 0;
        sameLabel.set(input.label, n + 1);
        const given = this.options.fill?.[input.id];
        if (given !== undefined || (input.isRequired && !input.hasValue)) await this.fill(scope, input, n, given);
      }
    }
  }

  private async fill(scope: Locator, input: CardInput, occurrence: number, given?: string): Promise<void> {
    const name = labelled(input.label);
    switch (input.type) {
      case 'Input.Text':
        return scope.getByRole('textbox', { name }).nth(occurrence).fill(given ?? 'Prøvet fra browseren');
      case 'Input.Number':
        return scope.getByRole('spinbutton', { name }).nth(occurrence).fill(given ?? '3');
      case 'Input.Date':
        return this.chat.pickDate(scope.getByRole('combobox', { name }).nth(occurrence), given ?? this.options.today);
      case 'Input.ChoiceSet':
        if (input.style === 'expanded') return scope.getByRole(input.isMultiSelect ? 'checkbox' : 'radio').first().check();
        return this.chat.choose(scope.getByRole('combobox', { name }).nth(occurrence), given === 'first' ? undefined : given);
      case 'Input.Toggle':
        return scope.getByRole('checkbox', { name }).nth(occurrence).check();
      default:
        throw new Error(`cannot fill a required ${input.type} ("${input.label}")`);
    }
  }
}

import type { Locator, Page } from 'playwright-core';
import type { ActivityTap, FromBot, ToBot } from './activityTap';
import { titleOf, type CardJson } from './cardModel';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
/** A message's card, not a ShowCard's card drawn inside it (both carry the renderer's class). */
export const TOP_CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';

/** How long a click may take to reach the bot before the test calls it a button that sends nothing. */
const REACH_MS = 3_000;
const ANSWER_MS = 10_000;

export interface BotMessage {
  from: FromBot;
  /** The card as sent and where the Playground drew it. */
  card?: { json: CardJson; locator: Locator };
  text?: string;
}

export interface Press {
  /** What the click sent to the bot (empty: nothing reached it). */
  sent: ToBot[];
  /** The card that replaced the clicked one (Action.Execute answered with a card). */
  replacedBy?: CardJson;
  /** A text the Playground shows under the card (Action.Execute answered with a message). */
  invokeText?: string;
  /** New messages the bot posted after the click (an Action.Submit's answer, a file offer). */
  messages: BotMessage[];
  /** Script errors in the page while the click was handled: the renderer failing is one reason a click sends nothing. */
  pageErrors: string[];
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field's accessible name: its label, and a star when it is required. */
export const labelled = (label: string) => new RegExp(`^\\s*${escapeRe(label)}\\s*\\*?\\s*$`);

/** A short run of a text as the Playground shows it: markdown marks gone, first line only. */
export function snippet(text: string): string {
  const plain = text.replace(/\*\*|__|`/g, '').split('\n').find((l) => l.trim())?.trim() ?? '';
  return plain.slice(0, 40);
}

const until = async (predicate: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end && !predicate()) await new Promise((r) => setTimeout(r, 25));
  return predicate();
};

/**
 * The Playground's personal chat with the bot, driven like a user does it (type, click, pick),
 * with every step pinned to what the relay saw: the message or card it produced, and where the
 * Playground drew that card.
 */
export class PlaygroundChat {
  conversationId = '';
  private url = '';
  /** The Playground keeps one personal chat per run, but a page shows only what arrived since it loaded. */
  private since = 0;
  constructor(
    readonly page: Page,
    readonly tap: ActivityTap,
  ) {}

  get cards(): Locator {
    return this.page.locator(TOP_CARD);
  }

  /** Opens the Playground (which installs the bot in its personal chat again) and waits for the bot's welcome. */
  async open(url: string): Promise<BotMessage[]> {
    this.url = url;
    const mark = this.tap.mark;
    this.since = mark;
    await this.page.goto(url, { waitUntil: 'load' });
    const installed = () => this.tap.toBotSince(mark).find((a) => a.type === 'conversationUpdate' && a.status !== undefined);
    if (!(await until(() => !!installed(), ANSWER_MS))) throw new Error('the Playground did not install the bot');
    this.conversationId = installed()!.conversationId;
    await until(() => this.tap.fromBotSince(mark, this.conversationId).length > 0, ANSWER_MS);
    return this.rendered(mark);
  }

  /**
   * Loads the Playground afresh in a new page: the same chat, shown empty, with the bot's welcome.
   * The Playground draws every card again whenever a message arrives, so a page of a hundred
   * cards slows every step down.
   */
  reload(): Promise<BotMessage[]> {
    return this.open(this.url);
  }

  /** How many cards this chat shows. */
  get cardCount(): number {
    return this.tap.fromBotSince(this.since, this.conversationId).filter((a) => a.activity.attachments?.some((x) => x.contentType === ADAPTIVE)).length;
  }

  /** Types a message and waits until the bot's answers are drawn. */
  async say(text: string): Promise<BotMessage[]> {
    const mark = this.tap.mark;
    const compose = this.page.locator('[contenteditable=true][role=textbox]');
    await compose.click();
    await compose.fill(text);
    await this.page.keyboard.press('Enter');
    const answered = await until(() => this.tap.toBotSince(mark, this.conversationId).some((a) => a.type === 'message' && a.status !== undefined), ANSWER_MS);
    if (!answered) throw new Error(`"${text}" did not reach the bot`);
    return this.rendered(mark);
  }

  /** Says something and returns the one card the bot answered with. */
  async sayForCard(text: string): Promise<{ json: CardJson; locator: Locator }> {
    const replies = await this.say(text);
    const card = replies.find((r) => r.card)?.card;
    if (!card) throw new Error(`"${text}" was answered without a card: ${replies.map((r) => r.text).join(' / ')}`);
    return card;
  }

  /** Bot messages to this chat recorded since `mark`, each waited for until the Playground shows it. */
  async rendered(mark: number): Promise<BotMessage[]> {
    const all = this.tap.fromBotSince(this.since, this.conversationId);
    const out: BotMessage[] = [];
    for (const from of all.filter((a) => a.seq >= mark)) {
      const card = from.activity.attachments?.find((a) => a.contentType === ADAPTIVE)?.content;
      if (card) {
        // The Playground draws each message's card in arrival order; copies count like any message.
        const index = all.filter((a) => a.seq < from.seq && a.activity.attachments?.some((x) => x.contentType === ADAPTIVE)).length;
        const locator = this.cards.nth(index);
        await locator.getByText(snippet(titleOf(card))).first().waitFor();
        out.push({ from, card: { json: card, locator } });
      } else {
        if (from.activity.text) await this.page.getByText(snippet(from.activity.text)).last().waitFor();
        out.push({ from, ...(from.activity.text ? { text: from.activity.text } : {}) });
      }
    }
    return out;
  }

  /** A fresh copy of a card the bot sent, drawn as a new message, to press another of its buttons. */
  async copyOf(json: CardJson): Promise<Locator> {
    const mark = this.tap.mark;
    await this.tap.postAsBot(this.conversationId, { attachments: [{ contentType: ADAPTIVE, content: json }] });
    await until(() => this.tap.fromBotSince(mark, this.conversationId).length > 0, ANSWER_MS);
    const [copy] = await this.rendered(mark);
    if (!copy?.card) throw new Error('the copy was not drawn');
    return copy.card.locator;
  }

  /**
   * Clicks a button and reports what reached the bot and what came back, once the Playground shows
   * it. A click that sends nothing within a few seconds is reported as such, with any script errors.
   */
  async press(card: Locator, button: Locator): Promise<Press> {
    const pageErrors: string[] = [];
    const onError = (e: Error) => pageErrors.push(e.message);
    this.page.on('pageerror', onError);
    try {
      const mark = this.tap.mark;
      await button.click();
      // A script error while the click is handled means the renderer gave up: nothing will be sent.
      await until(() => this.tap.toBotSince(mark, this.conversationId).length > 0 || pageErrors.length > 0, REACH_MS);
      const sent = () => this.tap.toBotSince(mark, this.conversationId);
      await until(() => sent().every((a) => a.status !== undefined), ANSWER_MS);
      const response = sent().find((a) => a.name === 'adaptiveCard/action')?.response;
      const press: Press = { sent: sent(), messages: await this.rendered(mark), pageErrors };
      if (response?.type === ADAPTIVE && response.value && typeof response.value === 'object') {
        press.replacedBy = response.value as CardJson;
        await card.getByText(snippet(titleOf(press.replacedBy))).first().waitFor();
      } else if (typeof response?.value === 'string') {
        press.invokeText = response.value;
        await this.page.getByText(snippet(response.value)).last().waitFor();
      }
      return press;
    } finally {
      this.page.off('pageerror', onError);
    }
  }

  /** Picks a date in an Input.Date the way a user does: the calendar, month by month, then the day. */
  async pickDate(control: Locator, iso: string): Promise<void> {
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    const monthName = (m: number) => new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    await control.click();
    const calendar = this.page.getByRole('dialog', { name: 'Calendar' });
    await calendar.waitFor();
    for (let step = 0; step < 60; step++) {
      const shown = (await calendar.locator('button[aria-label]').first().getAttribute('aria-label')) ?? '';
      const [name, y] = shown.split(' ');
      const m = Array.from({ length: 12 }, (_, i) => monthName(i + 1)).indexOf(name ?? '') + 1;
      const diff = (year - Number(y)) * 12 + (month - m);
      if (diff === 0) break;
      await calendar.locator(`button[title^="${diff < 0 ? 'Previous month' : 'Next month'}"]`).click();
    }
    await calendar.locator(`button[aria-label="${day}, ${monthName(month)}, ${year}"]`).click();
    await calendar.waitFor({ state: 'hidden' });
  }

  /**
   * Picks a choice in a compact or filtered Input.ChoiceSet; the first one when no title is given.
   * The choices are looked for in the list the field opens: a chart's legend is a list of options too.
   */
  async choose(control: Locator, title?: string | RegExp): Promise<void> {
    await control.click();
    const list = this.page.locator(`[id="${await control.getAttribute('aria-controls')}"]`);
    const items = list.locator('[role=option], [role=menuitemcheckbox]');
    const hasText = typeof title === 'string' ? new RegExp(`^\\s*${escapeRe(title)}\\s*$`) : title;
    await (hasText ? items.filter({ hasText }) : items).first().click();
    // A single choice closes its list; a multi-select list stays open after a pick.
    await list.waitFor({ state: 'hidden', timeout: 500 }).catch(() => this.page.keyboard.press('Escape'));
  }

}

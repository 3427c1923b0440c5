import { cardVerbs } from '../../src/cards/verbs';
import type { TestUser } from './activities';
import type { BotHarness } from './botHarness';

export interface CardRow {
  group: string;
  text: string;
  actual: string;
}

/** The rows of a status card as a person reads them: each group's name, and each line's text and figure. */
export function rowsOfStatusCard(card: unknown): CardRow[] {
  const out: CardRow[] = [];
  const body = ((card as { body?: unknown[] }).body ?? []) as Record<string, unknown>[];
  for (const node of body) {
    if (node.type !== 'Container') continue;
    const items = (node.items ?? []) as Record<string, unknown>[];
    const group = String(items[0]?.text ?? '');
    for (const item of items) {
      if (item.type !== 'ColumnSet') continue;
      const [first, second] = (item.columns ?? []) as { items: { text?: string }[] }[];
      out.push({ group, text: String(first?.items[0]?.text ?? ''), actual: String(second?.items[0]?.text ?? '') });
    }
  }
  return out;
}

/** Every row of a scoped status card, the quiet ones included, page by page through the bot over HTTP. */
export async function allStatusRows(harness: BotHarness, user: TestUser, query: string): Promise<CardRow[]> {
  const rows: CardRow[] = [];
  for (let page = 0; page < 100; page++) {
    const res = await harness.execute(user, cardVerbs.showStatus, { query, show: 'all', page: page ? String(page) : '' });
    const card = res.body?.value;
    rows.push(...rowsOfStatusCard(card));
    const hasNext = JSON.stringify(card).includes(`"page":"${page + 1}"`);
    if (!hasNext) break;
  }
  return rows;
}

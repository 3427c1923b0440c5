/**
 * What a browser test needs to know about a card's JSON to drive it like a user: its actions in
 * the order a renderer draws them, the inputs each submitting action sends (and so validates),
 * and which of those a user must fill in. Written for the Adaptive Cards shapes Logbog uses.
 */
export type CardJson = Record<string, unknown>;

export interface CardInput {
  id: string;
  type: string;
  label: string;
  isRequired: boolean;
  hasValue: boolean;
  style?: string;
  isMultiSelect: boolean;
  /** Inside a container the card starts with hidden (isVisible: false). */
  hidden: boolean;
}

export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  /** An Action.ShowCard's own card. */
  card?: CardJson;
  /** Among the actions of the same level with the same title, this is number `occurrence` (0-based). */
  occurrence: number;
}

/** One card level: the root card or a ShowCard's card, as a renderer sees it. */
export interface CardLevel {
  actions: CardAction[];
  inputs: CardInput[];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function inputOf(o: Record<string, unknown>, hidden: boolean): CardInput {
  const value = o.value;
  return {
    id: String(o.id),
    type: String(o.type),
    label: typeof o.label === 'string' ? o.label : typeof o.title === 'string' ? o.title : '',
    isRequired: o.isRequired === true,
    hasValue: value !== undefined && value !== null && value !== '',
    ...(typeof o.style === 'string' ? { style: o.style } : {}),
    isMultiSelect: o.isMultiSelect === true,
    hidden,
  };
}

/** Walks one level's body in drawing order; a ShowCard's card is a level of its own and is not entered. */
export function levelOf(card: CardJson): CardLevel {
  const actions: Omit<CardAction, 'occurrence'>[] = [];
  const inputs: CardInput[] = [];
  const takeAction = (a: unknown) => {
    if (!isObject(a) || typeof a.type !== 'string') return;
    actions.push({
      type: a.type,
      title: typeof a.title === 'string' ? a.title : '',
      ...(typeof a.verb === 'string' ? { verb: a.verb } : isObject(a.data) && typeof a.data.verb === 'string' ? { verb: a.data.verb } : {}),
      ...(isObject(a.data) ? { data: a.data } : {}),
      ...(isObject(a.card) ? { card: a.card } : {}),
    });
  };
  const walk = (node: unknown, hidden: boolean) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, hidden));
    if (!isObject(node)) return;
    const nowHidden = hidden || node.isVisible === false;
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') inputs.push(inputOf(node, nowHidden));
    if (node.type === 'ActionSet' && Array.isArray(node.actions)) node.actions.forEach(takeAction);
    for (const key of ['items', 'columns', 'body']) if (Array.isArray(node[key])) walk(node[key], nowHidden);
  };
  walk(card.body, false);
  if (Array.isArray(card.actions)) card.actions.forEach(takeAction);
  const seen = new Map<string, number>();
  return {
    inputs,
    actions: actions.map((a) => {
      const occurrence = seen.get(a.title) ?? 0;
      seen.set(a.title, occurrence + 1);
      return { ...a, occurrence };
    }),
  };
}

export const isSubmitting = (a: CardAction) => a.type === 'Action.Execute' || a.type === 'Action.Submit';
export const isExpander = (a: CardAction) => a.type === 'Action.ShowCard' || a.type === 'Action.ToggleVisibility';

/** A submitting action and the expanders a user opens to reach it, outermost first. */
export interface ActionPath {
  expanders: CardAction[];
  action: CardAction;
  /** The levels whose inputs the renderer gathers (and validates) for this action: its own and those around it. */
  levels: CardLevel[];
}

/** Every submitting action of a card, each with the way to reach it. */
export function actionPaths(card: CardJson): ActionPath[] {
  const out: ActionPath[] = [];
  const visit = (level: CardLevel, expanders: CardAction[], levels: CardLevel[]) => {
    for (const a of level.actions) {
      if (isSubmitting(a)) out.push({ expanders, action: a, levels: [...levels, level] });
      if (a.type === 'Action.ShowCard' && a.card) visit(levelOf(a.card), [...expanders, a], [...levels, level]);
    }
  };
  visit(levelOf(card), [], []);
  return out;
}

/** Every ShowCard and ToggleVisibility of a card, each with the expanders before it. */
export function expanderPaths(card: CardJson): { expanders: CardAction[]; action: CardAction }[] {
  const out: { expanders: CardAction[]; action: CardAction }[] = [];
  const visit = (level: CardLevel, expanders: CardAction[]) => {
    for (const a of level.actions) {
      if (isExpander(a)) out.push({ expanders, action: a });
      if (a.type === 'Action.ShowCard' && a.card) visit(levelOf(a.card), [...expanders, a]);
    }
  };
  visit(levelOf(card), []);
  return out;
}

/** All texts of a card's TextBlocks, TextRuns and facts, in order. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string') out.push(node.text);
    if (typeof node.title === 'string' && typeof node.value === 'string' && node.type === undefined) out.push(`${node.title}: ${node.value}`);
    Object.values(node).forEach(walk);
  };
  walk(card);
  return out;
}

/** The card's first text: its title. */
export const titleOf = (card: CardJson) => cardTexts(card)[0] ?? '';

/** Every element of a card (body, columns, ShowCard cards, fallbacks), for structural checks. */
export function elementsOf(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (typeof node.type === 'string') out.push(node);
    Object.values(node).forEach(walk);
  };
  walk(card);
  return out;
}

/**
 * What kind of card this is, for a crawler that visits each kind once: the verbs it can send,
 * the inputs it has, and the first word of its title. Two status cards of different scopes are
 * one kind; a form, its correction ("Ret …") and its saved confirmation are three.
 */
export function cardKind(card: CardJson): string {
  const verbs = new Set<string>();
  const inputs = new Set<string>();
  for (const e of elementsOf(card)) {
    if (typeof e.verb === 'string') verbs.add(e.verb);
    if (typeof e.type === 'string' && e.type.startsWith('Input.') && typeof e.id === 'string') inputs.add(e.id.replace(/^(text|date)-([mf])-.*-(done|move)(-\d+)?$/, '$1-$2-*-$3').replace(/\d+/g, '#'));
    if (e.type === 'Action.ShowCard' || e.type === 'Action.ToggleVisibility') verbs.add(`${e.type}:${String(e.title)}`);
  }
  return `${titleOf(card).split(' ')[0]}|${[...verbs].sort().join(',')}|${[...inputs].sort().join(',')}`;
}

/**
 * The card as a client without Action.Execute (Teams before universal actions) draws it: every
 * Action.Execute replaced by its Action.Submit fallback.
 */
export function withFallbacks(card: CardJson): CardJson {
  const swap = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(swap);
    if (!isObject(node)) return node;
    if (node.type === 'Action.Execute' && isObject(node.fallback)) return swap(node.fallback);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, swap(v)]));
  };
  return swap(card) as CardJson;
}

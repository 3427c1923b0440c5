import type * as AdaptiveCardsModule from 'adaptivecards';

/**
 * Microsoft's Adaptive Cards parser (the `adaptivecards` package, 3.x), loaded so that it works in plain Node.
 *
 * The package's `main` (lib/adaptivecards.js) is ES-module syntax without file extensions and cannot be loaded by
 * Node ("Cannot find module …/lib/strings"). The webpack UMD bundle in dist/ is CommonJS-compatible and needs no
 * DOM to *parse and validate* a card (only rendering touches `document`), so no jsdom or shim is needed. The types
 * come from lib/ (the same source); the runtime from dist/.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the lib/ entry cannot be loaded in Node, see above
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

/** Validation events that are advice rather than errors. */
const WARNING_EVENTS = new Set<AdaptiveCardsModule.ValidationEvent>([AC.ValidationEvent.Hint, AC.ValidationEvent.Deprecated]);

export interface CardParseResult {
  /** Everything the parser reports except hints and deprecations; empty when the card is valid. */
  errors: string[];
  /** Hints and deprecation notices. */
  warnings: string[];
}

/**
 * Parses a card (JSON object, after template expansion) with `new AdaptiveCard().parse(json, context)` and runs
 * `validateProperties()`, collecting the parse events of the SerializationContext and the validation events.
 * Unknown element/action types, invalid or unsupported versions, missing required properties, invalid property
 * values, duplicate ids, required inputs without label/error message… all count as errors.
 *
 * Three checks the library does not make on its own, added here:
 * - The card is parsed for the version it declares (the SerializationContext's targetVersion), the way a host at
 *   that version would see it: an element or action newer than the declared version (Table in 1.4, Carousel in
 *   1.5, Action.Execute in 1.3) is reported as unknown. The library alone parses everything against its latest
 *   version (1.6).
 * - `type: "AdaptiveCard"` and `version` must be present: the library silently defaults a missing version to 1.0
 *   and says nothing about a missing type.
 * - Every `fallback` object is parsed and validated on its own. The library only parses a fallback when the primary
 *   is unknown to it, so a broken `Action.Submit` fallback of an `Action.Execute` would otherwise pass unseen.
 */
export function parseCardWithMicrosoftParser(card: object): CardParseResult {
  const result: CardParseResult = { errors: [], warnings: [] };
  const json = card as Record<string, unknown>;

  if (json.type !== 'AdaptiveCard') result.errors.push(`MissingCardType: the card's type must be "AdaptiveCard" (got ${JSON.stringify(json.type)})`);
  if (json.version === undefined) result.errors.push('PropertyCantBeNull: Property "version" must be set.');

  const targetVersion = declaredVersion(json.version);
  const hostElements = teamsChartUse(json, '');
  for (const missing of hostElements.withoutFallback) result.errors.push(`MissingFallback (${missing}): a Teams chart element needs a fallback for hosts without charts`);
  for (const issue of hostElements.badData) result.errors.push(`InvalidChartData (${issue})`);
  const chartTypes = new Set(hostElements.types);
  collect(
    parseAndValidate(json, targetVersion).filter((e) => {
      // A Teams chart is unknown to the library and renders its fallback there: advice, not an error (checked above).
      const unknown = e.event === AC.ValidationEvent.UnknownElementType && [...chartTypes].some((t) => e.message.includes(`"${t}"`));
      if (unknown) result.warnings.push(`TeamsChart: ${e.message}`);
      return !unknown;
    }),
    '',
    result,
  );
  acceptTeamsPeoplePicker(json, targetVersion, result);

  for (const { path, fallback } of fallbacks(json, '')) {
    if (fallback === 'drop') continue;
    if (typeof fallback !== 'object' || fallback === null || Array.isArray(fallback)) {
      result.errors.push(`InvalidPropertyValue (${path}): a fallback must be an element/action object or "drop", got ${JSON.stringify(fallback)}`);
      continue;
    }
    // Hosted in a minimal card of the version already resolved, so a bad card version is reported once, above.
    const type = (fallback as { type?: unknown }).type;
    const version = targetVersion.toString();
    const host =
      typeof type === 'string' && type.startsWith('Action.')
        ? { type: 'AdaptiveCard', version, body: [], actions: [fallback] }
        : { type: 'AdaptiveCard', version, body: [fallback] };
    collect(parseAndValidate(host, targetVersion), `${path}: `, result);
  }
  return result;
}

/**
 * Teams' people picker is an `Input.ChoiceSet` with `choices.data` (a Data.Query). Teams reads it
 * in cards of any version (its own samples declare 1.2), while Teams renders no card above 1.5;
 * the library ties the property to 1.6. So a 1.5 card keeps it: the one "supported in version 1.6"
 * error for it is dropped, and each such choice set is parsed and validated on its own, as 1.6,
 * so a broken Data.Query is still an error.
 */
function acceptTeamsPeoplePicker(json: object, targetVersion: AdaptiveCardsModule.Version, into: CardParseResult): void {
  if (targetVersion.compareTo(AC.Versions.v1_6) >= 0) return;
  const pickers = [...choiceSetsWithDataQuery(json)];
  if (!pickers.length) return;
  const unsupported = /^UnsupportedProperty \(in Input\.ChoiceSet\): Property "choices\.data" is supported in version 1\.6/;
  into.errors = into.errors.filter((e) => !unsupported.test(e));
  for (const picker of pickers) collect(parseAndValidate({ type: 'AdaptiveCard', version: '1.6', body: [picker] }, AC.Versions.v1_6), `people picker ${String(picker.id)}: `, into);
}

function* choiceSetsWithDataQuery(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* choiceSetsWithDataQuery(item);
  else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (o.type === 'Input.ChoiceSet' && 'choices.data' in o) yield o;
    for (const [key, child] of Object.entries(o)) if (key !== 'data') yield* choiceSetsWithDataQuery(child);
  }
}

function parseAndValidate(json: object, targetVersion: AdaptiveCardsModule.Version): AdaptiveCardsModule.IValidationEvent[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(targetVersion);
  card.parse(json, context);
  const events: AdaptiveCardsModule.IValidationEvent[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  return events;
}

function collect(events: AdaptiveCardsModule.IValidationEvent[], prefix: string, into: CardParseResult): void {
  for (const e of events) {
    const where = e.source instanceof AC.CardObject ? ` (in ${e.source.getJsonTypeName()})` : '';
    const line = `${prefix}${AC.ValidationEvent[e.event]}${where}: ${e.message}`;
    (WARNING_EVENTS.has(e.event) ? into.warnings : into.errors).push(line);
  }
}

/**
 * Teams' own chart elements, which `adaptivecards` does not know: where each is used, whether it
 * has a fallback (for the Playground and other hosts), and whether its data has the shape Teams
 * documents (learn.microsoft.com, "Charts in Adaptive Cards"): Donut/Pie `{legend, value}`,
 * bar and line charts `{x, y}`, Gauge a numeric `value`.
 */
const TEAMS_CHARTS = new Set(['Chart.Donut', 'Chart.Pie', 'Chart.Gauge', 'Chart.HorizontalBar', 'Chart.HorizontalBar.Stacked', 'Chart.VerticalBar', 'Chart.VerticalBar.Grouped', 'Chart.Line']);

function teamsChartUse(value: unknown, path: string, into = { types: [] as string[], withoutFallback: [] as string[], badData: [] as string[] }) {
  if (Array.isArray(value)) value.forEach((item, i) => teamsChartUse(item, `${path}[${i}]`, into));
  else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (typeof o.type === 'string' && TEAMS_CHARTS.has(o.type)) {
      into.types.push(o.type);
      if (o.fallback === undefined) into.withoutFallback.push(`${path || 'card'}: ${o.type}`);
      const bad = chartDataIssue(o);
      if (bad) into.badData.push(`${path || 'card'}: ${o.type} ${bad}`);
    }
    for (const [key, child] of Object.entries(o)) if (key !== 'data' && key !== 'fallback') teamsChartUse(child, path ? `${path}.${key}` : key, into);
  }
  return into;
}

function chartDataIssue(chart: Record<string, unknown>): string | undefined {
  const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (chart.type === 'Chart.Gauge') return isNumber(chart.value) ? undefined : 'needs a numeric value';
  const data = chart.data;
  if (!Array.isArray(data) || data.length === 0) return 'needs a non-empty data array';
  const point = chart.type === 'Chart.Donut' || chart.type === 'Chart.Pie' ? (d: Record<string, unknown>) => typeof d.legend === 'string' && isNumber(d.value) : (d: Record<string, unknown>) => typeof d.x === 'string' && isNumber(d.y);
  if (chart.type === 'Chart.HorizontalBar.Stacked' || chart.type === 'Chart.VerticalBar.Grouped' || chart.type === 'Chart.Line') return undefined;
  const wrong = (data as Record<string, unknown>[]).findIndex((d) => typeof d !== 'object' || d === null || !point(d));
  return wrong === -1 ? undefined : `has a data point of the wrong shape at ${wrong}: ${JSON.stringify(data[wrong])}`;
}

/** The card's declared version when the library knows it, else the library's latest (the parse reports the bad version). */
function declaredVersion(version: unknown): AdaptiveCardsModule.Version {
  if (typeof version !== 'string') return AC.Versions.latest;
  const parsed = AC.Version.parse(version, new AC.SerializationContext());
  return parsed?.isValid && parsed.compareTo(AC.Versions.latest) <= 0 ? parsed : AC.Versions.latest;
}

/** Every `fallback` property in the card, with a JSON-path-like location; action `data` payloads are not card content. */
function* fallbacks(value: unknown, path: string): Generator<{ path: string; fallback: unknown }> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* fallbacks(item, `${path}[${i}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'data') continue;
      const childPath = path ? `${path}.${key}` : key;
      if (key === 'fallback') yield { path: childPath, fallback: child };
      yield* fallbacks(child, childPath);
    }
  }
}

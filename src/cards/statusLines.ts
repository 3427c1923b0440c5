import { describeAmount, type Judgement } from '../domain/status/judge';
import type { CadenceStatus, TargetStatus } from '../domain/status/planStatus';
import type { Messages } from '../i18n';

/**
 * How one target or cadence reads, in words: the same sentences on the status card, in the
 * answer to a question and in the export, so the three never disagree.
 */
export interface StatusLine {
  text: string;
  /** The goal for the period, and what else explains the figure. */
  detail: string;
  actual: string;
  marker: string;
  judgement: Judgement;
}

export const colorOf: Record<Judgement, string> = { ahead: 'Good', onTrack: 'Good', behind: 'Attention', noData: 'Default', inactive: 'Default' };

export function formatValue(m: Messages, value: number | undefined, unit: TargetStatus['unit']): string {
  if (value === undefined) return m.status.none;
  return `${m.formatNumber(value)}${unit === 'percent' ? ' %' : ''}`;
}

/** "mål for perioden: mindst 19 (periodens forholdsmæssige andel)". */
export function goalText(m: Messages, t: TargetStatus): string {
  const s = m.status;
  if (!Object.keys(t.goal).length) return '';
  return s.goalOf(describeAmount(t.goal, s.amountWords, t.whole, m.formatNumber), s.units[t.unit], t.prorated);
}

/** How much of the period's goal a counted target has reached (1 = all of it), or undefined when that has no meaning. */
export function progressRatio(t: TargetStatus): number | undefined {
  const { actual, goal } = t;
  if (actual === undefined || t.unit !== 'count' || t.judgement === 'inactive') return undefined;
  const full = goal.min ?? goal.approx;
  return full ? actual / full : undefined;
}

/** "▰▰▰▱▱▱▱▱▱▱ 32 %": ten cells, for the card's text and for hosts without charts. */
export function textBar(ratio: number): string {
  const filled = Math.max(0, Math.min(10, Math.round(ratio * 10)));
  return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} ${Math.round(ratio * 100)} %`;
}

/** "▰▰▰▱▱▱▱▱▱▱ 32 %", or "inden for målet" for a range reached: never "200 %" of a range. */
export function progressText(m: Messages, t: TargetStatus): string {
  const { actual, goal } = t;
  if (actual !== undefined && t.judgement !== 'inactive' && t.unit === 'count' && goal.min !== undefined && goal.max !== undefined) {
    if (actual > goal.max) return m.status.overRange;
    if (actual >= goal.min) return m.status.withinRange;
  }
  const ratio = progressRatio(t);
  return ratio === undefined ? '' : textBar(ratio);
}

function extraText(m: Messages, t: TargetStatus): string {
  const s = m.status;
  const e = t.extra;
  if (!e) return '';
  switch (e.kind) {
    case 'share':
      return e.whole ? s.shareOf(m.formatNumber(e.part), m.formatNumber(e.whole)) : '';
    case 'change':
      return e.baseline === undefined ? s.noBaseline(e.baselineYear) : s.change(e.baselineYear, m.formatNumber(e.baseline), e.changePercent === undefined ? '' : `${e.changePercent > 0 ? '+' : ''}${m.formatNumber(e.changePercent)}`);
    case 'gap':
      return s.gap(e.year, `${m.formatNumber(e.baselineGap)}${s.units[t.unit]}`);
    case 'years':
      return s.years(e.from, e.to);
  }
}

function reportedText(m: Messages, t: TargetStatus): string {
  const s = m.status;
  const how = t.target.reported;
  if (!how) return '';
  if (!t.reported) return s.reportedMissing;
  if (t.reported.use === 'instead') return s.reportedInstead(t.reported.sources.join(', '), t.reported.years.join(', '));
  return s.reportedBeside(formatValue(m, t.reported.value, t.unit), t.reported.sources.join(', '));
}

/** `charted`: the progress is drawn in a chart beside the line, so the text bar is left out. */
export function targetLine(m: Messages, t: TargetStatus, options: { charted?: boolean } = {}): StatusLine {
  const s = m.status;
  const planned = t.planned !== undefined ? s.plannedMeetings(t.planned) : '';
  const range = t.goal.min !== undefined && t.goal.max !== undefined;
  const progress = options.charted && progressRatio(t) !== undefined && !range ? '' : progressText(m, t);
  const detail = [goalText(m, t), planned, extraText(m, t), reportedText(m, t), progress].filter(Boolean).join(' · ');
  return { text: t.target.text, detail, actual: formatValue(m, t.actual, t.unit), marker: s.judgement[t.judgement], judgement: t.judgement };
}

export function cadenceLine(m: Messages, c: CadenceStatus): StatusLine {
  const s = m.status;
  const name = c.cadence.label ? `${c.network.name}: ${c.cadence.label}` : c.network.name;
  const detail =
    c.cadence.kind === 'perYear' ? s.cadenceMinimum(c.held, describeAmount(c.goal, s.amountWords, true, m.formatNumber)) : s.cadenceLine(c.held, c.plannedSoFar, c.plannedInPeriod);
  return { text: `${name} (${c.cadence.text})`, detail, actual: m.formatNumber(c.held), marker: s.judgement[c.judgement], judgement: c.judgement };
}

import type { Judgement } from '../domain/status/judge';
import type { TargetStatus } from '../domain/status/planStatus';
import type { Messages } from '../i18n';
import { progressRatio, textBar } from './statusLines';

/**
 * The data for Teams' chart elements on the status card (`Chart.Donut` for the judgement mix,
 * `Chart.HorizontalBar` for targets against the period's goal), and the text each falls back to
 * where a host has no charts: the same ▰▱ bar the card has always shown.
 */

/** Colour names from Teams' chart palette: good and attention match the card's text colours. */
const chartColor: Record<Judgement, string> = { ahead: 'categoricalBlue', onTrack: 'good', behind: 'attention', noData: 'neutral', inactive: 'neutral' };
const mixOrder: Judgement[] = ['behind', 'onTrack', 'ahead', 'noData', 'inactive'];

/** A bar's label: Teams gives it one line, so long target texts are cut at a word. */
const LABEL_LENGTH = 42;

export interface MixChart {
  mix: { legend: string; value: number; color: string }[];
  mixText: string;
}

export function mixChart(m: Messages, mix: Record<Judgement, number>): MixChart {
  const judged = mix.onTrack + mix.ahead + mix.behind;
  return {
    mix: mixOrder.filter((j) => mix[j] > 0).map((j) => ({ legend: m.status.mixLegend[j], value: mix[j], color: chartColor[j] })),
    mixText: judged ? `${textBar((mix.onTrack + mix.ahead) / judged)} ${m.status.mixBarOf(mix.onTrack + mix.ahead, judged)}` : m.status.mixNoData,
  };
}

export interface BarChart {
  bars: { x: string; y: number; color: string }[];
  barsText: string;
}

/** A bar is drawn to twice the goal at most, so one target far ahead does not flatten the others. */
const BAR_CAP = 2;

/**
 * Bars for targets whose goal for the period is a count to reach ("mindst 40"); a range ("1–2
 * gange om året") is judged in words, not as a share. Fewer than two bars make no chart.
 */
export function progressChart(targets: TargetStatus[]): BarChart {
  const charted = targets.flatMap((t) => {
    const ratio = progressRatio(t);
    const range = t.goal.min !== undefined && t.goal.max !== undefined;
    return ratio === undefined || range ? [] : [{ label: shortLabel(t.target.text), ratio, judgement: t.judgement }];
  });
  if (charted.length < 2) return { bars: [], barsText: '' };
  return {
    bars: charted.map((c) => ({ x: c.ratio > BAR_CAP ? `${c.label} (${Math.round(c.ratio * 100)} %)` : c.label, y: Math.round(Math.min(c.ratio, BAR_CAP) * 100), color: chartColor[c.judgement] })),
    barsText: charted.map((c) => `${textBar(c.ratio)} · ${c.label}`).join('\n\n'),
  };
}

function shortLabel(text: string): string {
  if (text.length <= LABEL_LENGTH) return text;
  const cut = text.slice(0, LABEL_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > LABEL_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/u, '')} …`;
}

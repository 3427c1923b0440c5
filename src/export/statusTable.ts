import type { Plan } from '../domain/plan/schema';
import type { PlanStatus } from '../domain/status/planStatus';
import { cadenceLine, goalText, targetLine } from '../cards/statusLines';
import type { Messages } from '../i18n';

/**
 * The yearly report as a table: one row per target (by focus area and activity or goal), then
 * the indicators, the networks' meetings against their cadences, the participants by the plan's
 * age bands, and the milestones. The same rows go to CSV and to Excel; the sentences are the
 * status card's.
 */
export function statusTable(m: Messages, plan: Plan, status: PlanStatus, periodLabel: string): string[][] {
  const s = m.status;
  const x = m.export;
  const rows: string[][] = [[...x.header]];
  const areaNames = (ids: string[]) => plan.focusAreas.filter((f) => ids.includes(f.id)).map((f) => f.name).join(', ');
  const verdict = (j: keyof typeof s.judgement) => s.judgement[j].replace(/^\S+ /, '');
  for (const t of status.targets) {
    const line = targetLine(m, t);
    const holder = t.holder.kind === 'goal' ? s.goalHolder(t.holder.name) : t.holder.name;
    const goal = goalText(m, t).replace(/^[^:]*: /, '');
    rows.push([areaNames(t.holder.focusAreaIds), holder, t.target.text, x.kinds[t.target.kind], periodLabel, goal, t.actual === undefined ? '' : String(t.actual), verdict(t.judgement), line.detail]);
  }
  for (const i of status.indicators) {
    const fa = plan.focusAreas.find((f) => f.id === i.focusAreaId)?.name ?? '';
    const baseline = i.indicator.baseline.value === null ? '' : `${x.baseline} ${i.indicator.baseline.value}`;
    rows.push([fa, x.indicator, i.indicator.name, x.kinds.indicator, i.latest?.period ?? '', baseline, i.latest ? String(i.latest.value) : '', verdict(i.judgement), i.latest ? i.latest.source : i.indicator.dataSource]);
  }
  for (const c of status.cadences) {
    const line = cadenceLine(m, c);
    rows.push(['', x.network, line.text, x.kinds.cadence, periodLabel, String(c.cadence.kind === 'perYear' ? (c.goal.min ?? c.goal.approx ?? c.goal.max ?? '') : c.plannedSoFar), String(c.held), verdict(c.judgement), line.detail]);
  }
  for (const f of status.figures) {
    for (const b of f.byAgeBand) rows.push([areaNames(f.activity.focusAreas), f.activity.name, `${x.participants} ${m.ageBandName(b.band)}`, x.kinds.count, periodLabel, '', String(b.participants), '', '']);
  }
  for (const ms of status.milestones.overdue) rows.push(['', x.milestone, ms.text, x.kinds.milestone, ms.due, '', '', x.overdue, '']);
  for (const ms of status.milestones.notReached) rows.push(['', x.milestone, ms.text, x.kinds.milestone, ms.due, '', '', x.notReached, '']);
  return rows;
}

/** CSV for Danish Excel: semicolons, UTF-8 with a byte-order mark, quotes where needed. */
export function toCsv(rows: string[][]): Buffer {
  const cell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`, 'utf8');
}

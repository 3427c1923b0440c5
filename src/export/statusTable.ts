import { describeAmount } from '../domain/status/judge';
import type { Plan } from '../domain/plan/schema';
import type { PlanStatus } from '../domain/status/planStatus';
import type { Messages } from '../i18n';

/**
 * The yearly report as a table: one row per target (by focus area and activity), then the
 * indicators and the milestones. The same rows go to CSV and to Excel.
 */
export function statusTable(m: Messages, plan: Plan, status: PlanStatus, periodLabel: string): string[][] {
  const s = m.status;
  const header = m.export.header;
  const rows: string[][] = [[...header]];
  const focusAreaOf = (activityId: string) => plan.focusAreas.filter((f) => plan.activities.find((a) => a.id === activityId)?.focusAreas.includes(f.id)).map((f) => f.name).join(', ');
  for (const t of status.targets) {
    rows.push([
      focusAreaOf(t.activity.id),
      t.activity.name,
      t.target.text,
      m.export.kinds[t.target.kind],
      periodLabel,
      `${describeAmount(t.goal, s.amountWords)}${s.units[t.unit]}`,
      t.actual === undefined ? '' : String(t.actual),
      s.judgement[t.judgement].replace(/^\S+ /, ''),
    ]);
  }
  for (const i of status.indicators) {
    const fa = plan.focusAreas.find((f) => f.id === i.focusAreaId)?.name ?? '';
    rows.push([fa, m.export.indicator, i.indicator.name, m.export.kinds.indicator, i.latest?.period ?? '', i.indicator.baseline.value === null ? '' : `${m.export.baseline} ${i.indicator.baseline.value}`, i.latest ? String(i.latest.value) : '', s.judgement[i.judgement].replace(/^\S+ /, '')]);
  }
  for (const ms of status.milestones.overdue) rows.push(['', m.export.milestone, ms.text, m.export.kinds.milestone, ms.due, '', '', m.export.overdue]);
  return rows;
}

/** CSV for Danish Excel: semicolons, UTF-8 with a byte-order mark, quotes where needed. */
export function toCsv(rows: string[][]): Buffer {
  const cell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`, 'utf8');
}

import type { Messages } from '../i18n';
import type { YearlyReport } from '../usecases/yearlyReport';
import { statusTable } from './statusTable';

/**
 * The yearly report as rows in the layout of the status export (statusTable: the same header and
 * columns, so a workbook made from either reads the same), with the milestones reached and moved
 * (and why) added after the overdue ones.
 */
export function yearlyReportRows(m: Messages, r: YearlyReport): string[][] {
  const x = m.export;
  const y = m.yearlyReport;
  const rows = statusTable(m, r.plan, r.status, String(r.year));
  for (const e of r.reached) rows.push(['', x.milestone, e.text, x.kinds.milestone, e.due, '', e.doneOn ?? '', y.reached.toLowerCase(), '']);
  for (const { entry, moves } of r.moved) {
    const why = moves.map((mv) => y.movedLine(m.formatDate(mv.from), m.formatDate(mv.to), mv.reason)).join('; ');
    rows.push(['', x.milestone, entry.text, x.kinds.milestone, entry.due, '', '', y.moved.toLowerCase(), why]);
  }
  return rows;
}

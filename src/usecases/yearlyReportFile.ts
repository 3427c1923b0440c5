import type { Clock } from '../domain/clock';
import { toXlsx } from '../export/xlsx';
import { yearlyReportContent } from '../export/yearlyReportContent';
import { yearlyReportRows } from '../export/yearlyReportRows';
import type { Messages } from '../i18n';
import type { Denied } from './authorize';
import type { StatusFile } from './exportStatus';
import type { Repositories } from './ports';
import { getYearlyReport } from './yearlyReport';

export type ReportFormat = 'docx' | 'xlsx';

/** `årsrapport 2025` as a file: a Word document, or the same content as a workbook. */
export async function yearlyReportFile(repos: Repositories, clock: Clock, m: Messages, aadObjectId: string | undefined, year: number, format: ReportFormat): Promise<StatusFile | Denied | { kind: 'badYear'; from: number; to: number }> {
  const report = await getYearlyReport(repos, clock, aadObjectId, year);
  if (report.kind !== 'yearlyReport') return report;
  // docx (and the PNG encoder of its charts) is loaded at the first Word report, not at start.
  const bytes = format === 'docx' ? await (await import('../export/yearlyReportDocx')).yearlyReportDocx(m, yearlyReportContent(m, report)) : toXlsx(yearlyReportRows(m, report), m.yearlyReport.sheet(year));
  const name = `logbog-${report.plan.id}-${m.language === 'en' ? 'yearly-report' : 'aarsrapport'}-${year}.${format}`;
  return { kind: 'file', name, description: m.yearlyReport.fileDescription(year), bytes };
}

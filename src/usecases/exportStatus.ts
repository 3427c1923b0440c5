import type { Clock } from '../domain/clock';
import { statusTable, toCsv } from '../export/statusTable';
import { toXlsx } from '../export/xlsx';
import type { Messages } from '../i18n';
import type { Denied } from './authorize';
import { getStatus } from './getStatus';
import type { Repositories } from './ports';

export interface StatusFile {
  kind: 'file';
  name: string;
  description: string;
  bytes: Buffer;
}

/**
 * The status of a period as a file: every target of the scope (not only what fits on a card),
 * by focus area and activity, then the indicators and overdue milestones. CSV or Excel.
 */
export async function exportStatus(repos: Repositories, clock: Clock, m: Messages, aadObjectId: string | undefined, query: string, format: 'csv' | 'xlsx'): Promise<StatusFile | Denied | { kind: 'notAStatus' }> {
  const result = await getStatus(repos, clock, aadObjectId, query.startsWith('status') ? query : `status ${query}`);
  if (result.kind === 'notAMember' || result.kind === 'forbidden') return result;
  if (result.kind !== 'status') return { kind: 'notAStatus' };
  const rows = statusTable(m, result.plan, result.status, result.query.periodLabel);
  const base = `logbog-${result.plan.id}-${(result.query.scopeName ?? 'plan').toLowerCase().replace(/[^a-z0-9æøå]+/g, '-')}-${result.query.periodLabel.replace(/[^0-9a-zæøå]+/gi, '-')}`.replace(/-+/g, '-').replace(/-$/, '');
  const bytes = format === 'csv' ? toCsv(rows) : toXlsx(rows, `Status ${result.query.periodLabel}`);
  return { kind: 'file', name: `${base}.${format}`, description: m.export.fileDescription(result.query.periodLabel), bytes };
}

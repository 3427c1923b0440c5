import { messagesFor } from '../../i18n';
import { yearlyReportFile } from '../../usecases/yearlyReportFile';
import type { FileToUpload, TurnHandler, TurnInput } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';

/** The file consent's context says which file it was: the status export's has a query, ours this. */
export const YEARLY_REPORT = 'yearlyReport';

/** The year written after `årsrapport`, or this year (an ended plan's last, as status does). */
function yearOf(turn: TurnInput, thisYear: number): number {
  const data = turn.data as { year?: unknown } | undefined;
  const fromData = typeof data?.year === 'string' || typeof data?.year === 'number' ? Number(data.year) : undefined;
  const typed = /(\d{4})\s*$/.exec(turn.text)?.[1];
  return fromData ?? (typed ? Number(typed) : thisYear);
}

/** `årsrapport 2025`: the yearly report as a Word document, sent through Teams' file consent card. */
export function yearlyReportHandlers({ repos, clock }: HandlerDeps) {
  const thisYear = () => clock.now().getUTCFullYear();

  const offerYearlyReport: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    if (turn.conversationType && turn.conversationType !== 'personal') return { text: m.export.onlyPersonal };
    const year = yearOf(turn, thisYear());
    const file = await yearlyReportFile(repos, clock, m, turn.aadObjectId, year, 'docx');
    if (file.kind === 'notAMember' || file.kind === 'forbidden') return deniedReply(m, file);
    if (file.kind === 'badYear') return { text: m.yearlyReport.badYear(file.from, file.to) };
    return { text: m.yearlyReport.consent(year), fileOffer: { name: file.name, description: file.description, sizeInBytes: file.bytes.length, context: { file: YEARLY_REPORT, year: String(year) } } };
  };

  /** The user allowed the upload: make the report again from the consent's context (any instance can). */
  const fileAccepted = async (turn: TurnInput): Promise<FileToUpload | { text: string }> => {
    const m = messagesFor(turn.language);
    const file = await yearlyReportFile(repos, clock, m, turn.aadObjectId, yearOf({ ...turn, text: '' }, thisYear()), 'docx');
    if (file.kind === 'notAMember' || file.kind === 'forbidden') return deniedReply(m, file) as { text: string };
    if (file.kind !== 'file') return { text: m.export.failed };
    return { name: file.name, bytes: file.bytes };
  };

  return { offerYearlyReport, fileAccepted };
}

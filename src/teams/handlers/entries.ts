import { attendanceFormCard } from '../../cards/attendanceCards';
import { myEntriesCard } from '../../cards/entriesCards';
import { messagesFor } from '../../i18n';
import { deleteEntry, listMyEntries, prepareAttendanceCorrection } from '../../usecases/manageEntries';
import type { TurnHandler } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';

export function entryHandlers({ repos, clock }: HandlerDeps) {
  const showMyEntries: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const view = await listMyEntries(repos, clock, turn.aadObjectId);
    return view.kind === 'entries' ? { card: myEntriesCard(m, view) } : deniedReply(m, view);
  };

  const removeEntry: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const view = await deleteEntry(repos, clock, turn.aadObjectId, turn.data);
    return view.kind === 'entries' ? { card: myEntriesCard(m, view) } : deniedReply(m, view);
  };

  const correctAttendance: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await prepareAttendanceCorrection(repos, clock, turn.aadObjectId, turn.data);
    if ('plan' in result && 'activities' in result) return { card: attendanceFormCard(m, result) };
    return result.kind === 'entries' ? { card: myEntriesCard(m, result) } : deniedReply(m, result);
  };

  return { showMyEntries, deleteEntry: removeEntry, correctAttendance };
}

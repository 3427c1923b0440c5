import { attendanceFormCard } from '../../cards/attendanceCards';
import { myEntriesCard } from '../../cards/entriesCards';
import { messagesFor } from '../../i18n';
import { meetingFormCard } from '../../cards/meetingCards';
import { referralFormCard } from '../../cards/referralCards';
import { deleteEntry, listMyEntries, prepareAttendanceCorrection, prepareMeetingCorrection, prepareReferralCorrection, undoDelete } from '../../usecases/manageEntries';
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

  const correctMeeting: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await prepareMeetingCorrection(repos, clock, turn.aadObjectId, turn.data);
    if ('submissionId' in result) return { card: meetingFormCard(m, result) };
    return result.kind === 'entries' ? { card: myEntriesCard(m, result) } : deniedReply(m, result);
  };

  const correctReferral: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await prepareReferralCorrection(repos, clock, turn.aadObjectId, turn.data);
    if ('submissionId' in result) return { card: referralFormCard(m, result) };
    return result.kind === 'entries' ? { card: myEntriesCard(m, result) } : deniedReply(m, result);
  };

  const undoRemoval: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const view = await undoDelete(repos, clock, turn.aadObjectId, turn.data);
    return view.kind === 'entries' ? { card: myEntriesCard(m, view) } : deniedReply(m, view);
  };

  return { showMyEntries, deleteEntry: removeEntry, undoDelete: undoRemoval, correctAttendance, correctMeeting, correctReferral };
}

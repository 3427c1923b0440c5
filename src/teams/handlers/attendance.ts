import { attendanceFormCard, attendanceSavedCard } from '../../cards/attendanceCards';
import { messagesFor } from '../../i18n';
import { logAttendance, prepareAttendanceForm } from '../../usecases/logAttendance';
import type { TurnHandler } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';

export function attendanceHandlers({ repos, clock }: HandlerDeps) {
  const showAttendanceForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await prepareAttendanceForm(repos, clock, turn.aadObjectId);
    return 'kind' in form ? deniedReply(m, form) : { card: attendanceFormCard(m, form) };
  };

  const saveAttendance: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await logAttendance(repos, clock, turn.aadObjectId, turn.data);
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return deniedReply(m, result);
      case 'invalid':
        return { card: attendanceFormCard(m, result.form) };
      case 'refused':
        return { text: m.myEntries.refused[result.reason] };
      case 'saved':
        return { card: attendanceSavedCard(m, result.plan.name, result.record, result.activity, result.alreadySaved, result.corrected) };
    }
  };

  return { showAttendanceForm, saveAttendance };
}

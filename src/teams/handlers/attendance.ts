import { prefillOf } from './prefill';
import { attendanceFormCard, attendanceSavedCard } from '../../cards/attendanceCards';
import { messagesFor } from '../../i18n';
import { weekFormCard, weekSavedCard } from '../../cards/weekCards';
import { logAttendance, prepareAttendanceForm } from '../../usecases/logAttendance';
import { logWeek, prepareWeekForm } from '../../usecases/logWeek';
import type { TurnHandler } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';

export function attendanceHandlers({ repos, clock }: HandlerDeps) {
  const showAttendanceForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await prepareAttendanceForm(repos, clock, turn.aadObjectId, prefillOf(turn.data));
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

  const showWeekForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await prepareWeekForm(repos, clock, turn.aadObjectId, turn.data && typeof turn.data === 'object' && 'weekOf' in turn.data ? turn.data : undefined);
    return 'kind' in form ? deniedReply(m, form) : { card: weekFormCard(m, form) };
  };

  const saveWeek: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await logWeek(repos, clock, turn.aadObjectId, turn.data);
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return deniedReply(m, result);
      case 'invalid':
        return { card: weekFormCard(m, result.form) };
      case 'saved':
        return { card: weekSavedCard(m, result.plan, result.activity, result.records) };
    }
  };

  return { showAttendanceForm, saveAttendance, showWeekForm, saveWeek };
}

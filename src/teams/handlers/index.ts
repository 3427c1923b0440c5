import { attendanceFormCard, attendanceSavedCard } from '../../cards/attendanceCards';
import { helpCard } from '../../cards/helpCard';
import { statusCard } from '../../cards/statusCard';
import { cardVerbs, type CardVerb } from '../../cards/verbs';
import type { Clock } from '../../domain/clock';
import { messagesFor } from '../../i18n';
import { getStatus } from '../../usecases/getStatus';
import { logAttendance, prepareAttendanceForm } from '../../usecases/logAttendance';
import type { Repositories } from '../../usecases/ports';
import { resolveMember } from '../../usecases/resolveMember';
import type { Command } from '../commands';
import type { TurnHandler } from '../turn';

export interface HandlerDeps {
  repos: Repositories;
  clock: Clock;
}

/** One handler per command and card verb: translate the turn, call one use case, render one card. */
export function createHandlers({ repos, clock }: HandlerDeps) {
  const showHelp: TurnHandler = async (turn) => {
    const m = messagesFor(turn.locale);
    const member = await resolveMember(repos, clock, turn.aadObjectId);
    return { card: helpCard(m, member?.plan.name) };
  };

  const showAttendanceForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.locale);
    const form = await prepareAttendanceForm(repos, clock, turn.aadObjectId);
    return form ? { card: attendanceFormCard(m, form) } : { text: m.notAMember };
  };

  const saveAttendance: TurnHandler = async (turn) => {
    const m = messagesFor(turn.locale);
    const result = await logAttendance(repos, clock, turn.aadObjectId, turn.data);
    switch (result.kind) {
      case 'notAMember':
        return { text: m.notAMember };
      case 'invalid':
        return { card: attendanceFormCard(m, result.form) };
      case 'saved':
        return { card: attendanceSavedCard(m, result.plan.name, result.record, result.activity, result.alreadySaved) };
    }
  };

  const showStatus: TurnHandler = async (turn) => {
    const m = messagesFor(turn.locale);
    const status = await getStatus(repos, clock, turn.aadObjectId);
    return status.kind === 'status' ? { card: statusCard(m, status) } : { text: m.notAMember };
  };

  const unknownCommand: TurnHandler = async (turn) => ({ text: messagesFor(turn.locale).unknownCommand(turn.text.slice(0, 60)) });

  const commands: Record<Command, TurnHandler> = { help: showHelp, logAttendance: showAttendanceForm, status: showStatus };
  const cardActions: Record<CardVerb, TurnHandler> = {
    [cardVerbs.showAttendanceForm]: showAttendanceForm,
    [cardVerbs.saveAttendance]: saveAttendance,
    [cardVerbs.showStatus]: showStatus,
  };
  return { commands, cardActions, unknownCommand, welcome: showHelp };
}

export type Handlers = ReturnType<typeof createHandlers>;

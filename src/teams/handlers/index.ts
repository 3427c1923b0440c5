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
import { allowedRoles } from '../../domain/permissions';
import type { Messages } from '../../i18n';
import type { Denied } from '../../usecases/authorize';
import type { BotReply, TurnHandler } from '../turn';

/** The Danish (or English) answer to someone outside the plan or without the role. */
export function deniedReply(m: Messages, denied: Denied): BotReply {
  if (denied.kind === 'notAMember') return { text: m.notAMember };
  const roles = allowedRoles[denied.action].map((r) => m.roleNames[r]).join(` ${m.or} `);
  return { text: m.forbidden(denied.action, roles) };
}

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
    return 'kind' in form ? deniedReply(m, form) : { card: attendanceFormCard(m, form) };
  };

  const saveAttendance: TurnHandler = async (turn) => {
    const m = messagesFor(turn.locale);
    const result = await logAttendance(repos, clock, turn.aadObjectId, turn.data);
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return deniedReply(m, result);
      case 'invalid':
        return { card: attendanceFormCard(m, result.form) };
      case 'saved':
        return { card: attendanceSavedCard(m, result.plan.name, result.record, result.activity, result.alreadySaved) };
    }
  };

  const showStatus: TurnHandler = async (turn) => {
    const m = messagesFor(turn.locale);
    const status = await getStatus(repos, clock, turn.aadObjectId);
    return status.kind === 'status' ? { card: statusCard(m, status) } : deniedReply(m, status);
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

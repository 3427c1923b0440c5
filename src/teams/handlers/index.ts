import { helpCard } from '../../cards/helpCard';
import { statusCard } from '../../cards/statusCard';
import { cardVerbs, type CardVerb } from '../../cards/verbs';
import { messagesFor } from '../../i18n';
import { applyRetentionAsMember } from '../../usecases/applyRetention';
import { getStatus } from '../../usecases/getStatus';
import { resolveMember } from '../../usecases/resolveMember';
import type { Command } from '../commands';
import type { TurnHandler } from '../turn';
import { attendanceHandlers } from './attendance';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';
import { entryHandlers } from './entries';
import { meetingHandlers } from './meetings';
import { referralHandlers } from './referrals';

export type { HandlerDeps } from './deps';

/** One handler per command and card verb: translate the turn, call one use case, render one card. */
export function createHandlers(deps: HandlerDeps) {
  const { repos, clock } = deps;
  const attendance = attendanceHandlers(deps);
  const referrals = referralHandlers(deps);
  const meetings = meetingHandlers(deps);
  const entries = entryHandlers(deps);

  const showHelp: TurnHandler = async (turn) => {
    const member = await resolveMember(repos, clock, turn.aadObjectId);
    return { card: helpCard(messagesFor(turn.locale), member?.plan.name) };
  };

  const showStatus: TurnHandler = async (turn) => {
    const m = messagesFor(turn.locale);
    const status = await getStatus(repos, clock, turn.aadObjectId);
    return status.kind === 'status' ? { card: statusCard(m, status) } : deniedReply(m, status);
  };

  const runRetention: TurnHandler = async (turn) => {
    const m = messagesFor(turn.locale);
    const report = await applyRetentionAsMember(repos, clock, turn.aadObjectId);
    return report.kind === 'done' ? { text: m.retentionDone(report.stripped, m.formatDate(report.cutoff), report.skipped) } : deniedReply(m, report);
  };

  const unknownCommand: TurnHandler = async (turn) => ({ text: messagesFor(turn.locale).unknownCommand(turn.text.slice(0, 60)) });

  const commands: Record<Command, TurnHandler> = {
    help: showHelp,
    logAttendance: attendance.showAttendanceForm,
    logMeeting: meetings.showMeetingForm,
    logReferral: referrals.showReferralForm,
    myReferrals: referrals.showMyReferrals,
    status: showStatus,
    retention: runRetention,
    myEntries: entries.showMyEntries,
  };
  const cardActions: Record<CardVerb, TurnHandler> = {
    [cardVerbs.showAttendanceForm]: attendance.showAttendanceForm,
    [cardVerbs.saveAttendance]: attendance.saveAttendance,
    [cardVerbs.showStatus]: showStatus,
    [cardVerbs.showReferralForm]: referrals.showReferralForm,
    [cardVerbs.saveReferral]: referrals.saveReferral,
    [cardVerbs.showMyReferrals]: referrals.showMyReferrals,
    [cardVerbs.advanceReferral]: referrals.advanceReferral,
    [cardVerbs.showMeetingForm]: meetings.showMeetingForm,
    [cardVerbs.saveMeeting]: meetings.saveMeeting,
    [cardVerbs.showMyEntries]: entries.showMyEntries,
    [cardVerbs.deleteEntry]: entries.deleteEntry,
    [cardVerbs.correctAttendance]: entries.correctAttendance,
  };
  return { commands, cardActions, unknownCommand, welcome: showHelp };
}

export type Handlers = ReturnType<typeof createHandlers>;

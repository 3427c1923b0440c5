import { helpCard } from '../../cards/helpCard';
import { cardVerbs, type CardVerb } from '../../cards/verbs';
import { messagesFor } from '../../i18n';
import { applyRetentionAsMember } from '../../usecases/applyRetention';
import { chooseLanguage, resolveLanguage } from '../../usecases/language';
import { forgetConversation, rememberConversation, type ConversationSighting } from '../../usecases/conversations';
import { linkChannel } from '../../usecases/linkChannel';
import { rebuildRollups } from '../../usecases/rebuildRollups';
import { resolveMember } from '../../usecases/resolveMember';
import { parseCommand, suggestCommand, type Command } from '../commands';
import { suggestionCard } from '../../cards/suggestionCard';
import type { TurnHandler, TurnInput } from '../turn';
import { attendanceHandlers } from './attendance';
import { HANDLER_BUDGET_MS, withOutageAnswer } from './outage';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';
import { entryHandlers } from './entries';
import { quoteBack } from './quoteBack';
import { meetingHandlers } from './meetings';
import { outcomeHandlers } from './outcomes';
import { referralHandlers } from './referrals';
import { reminderHandlers } from './reminders';
import { statusHandlers } from './status';
import { YEARLY_REPORT, yearlyReportHandlers } from './yearlyReport';
import { peopleHandlers } from './people';
import { teamRosterCard } from '../../cards/reachCards';
import { recogniseUser } from '../../usecases/people/recogniseUser';
import { offerTeamRoster, teamMembersChanged, type TeamMembersChanged } from '../../usecases/people/teamRoster';

export type { HandlerDeps } from './deps';

/** One handler per command and card verb: translate the turn, call one use case, render one card. */
export function createHandlers(deps: HandlerDeps) {
  const { repos, clock } = deps;
  const attendance = attendanceHandlers(deps);
  const referrals = referralHandlers(deps);
  const meetings = meetingHandlers(deps);
  const entries = entryHandlers(deps);
  const reminders = reminderHandlers(deps);
  const status = statusHandlers(deps);
  const outcomes = outcomeHandlers(deps);
  const yearlyReport = yearlyReportHandlers(deps);
  const people = peopleHandlers(deps);

  const showHelp: TurnHandler = async (turn) => {
    const member = await resolveMember(repos, clock, turn.aadObjectId);
    return { card: helpCard(messagesFor(turn.language), member?.plan.name) };
  };


  const runRetention: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const report = await applyRetentionAsMember(repos, clock, turn.aadObjectId);
    return report.kind === 'done' ? { text: m.retentionDone(report.stripped, m.formatDate(report.cutoff), report.skipped) } : deniedReply(m, report);
  };

  const setLanguage = (language: 'da' | 'en'): TurnHandler => async (turn) => {
    await chooseLanguage(repos, turn.aadObjectId, language);
    return { text: messagesFor(language).languageChosen };
  };

  const linkThisChannel: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const query = turn.text.replace(/^\s*(tilknyt kanal|link channel)\s+/i, '');
    const result = await linkChannel(repos, clock, turn, query);
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return deniedReply(m, result);
      case 'linked': {
        // In a team's channel, the team's members are offered to the network (the coordinator confirms).
        const offer = result.link.teamId ? await offerTeamRoster(repos, clock, turn.directory, result.link).catch((err: unknown) => {
          deps.logger.warn({ err }, 'could not read the team roster of a linked channel');
          return undefined;
        }) : undefined;
        return offer ? { card: teamRosterCard(m, m.channelLink.linked(result.network.name), offer) } : { text: m.channelLink.linked(result.network.name) };
      }
      case 'notInChannel':
        return { text: m.channelLink.notInChannel };
      case 'personalData':
        return { text: m.channelLink.personalData(m.fieldErrors[result.code]) };
      case 'noSuchNetwork':
        return { text: m.channelLink.noSuchNetwork(quoteBack(result.query)) };
      case 'ambiguous':
        return { text: m.channelLink.ambiguous(result.candidates.map((n) => n.name)) };
      case 'notCoordinator':
        return { text: m.channelLink.notCoordinator(result.network.name) };
    }
  };

  const rebuild: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await rebuildRollups(repos, clock, turn.aadObjectId);
    return result.kind === 'rebuilt' ? { text: m.rebuilt(result.records, result.rollups) } : deniedReply(m, result);
  };

  // A typo gets "Mente du …?" with a button that runs the command; anything else says what the bot can do.
  const unknownCommand: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const suggestion = quoteBack(turn.text) === '…' ? undefined : suggestCommand(turn.text);
    return suggestion ? { card: suggestionCard(m, quoteBack(turn.text), suggestion) } : { text: m.unknownCommand(quoteBack(turn.text)) };
  };
  /** The button of a suggestion (or any card that runs a command): as if the user had typed it. */
  const runCommand: TurnHandler = async (turn) => {
    const text = typeof (turn.data as { text?: unknown } | undefined)?.text === 'string' ? ((turn.data as { text: string }).text.slice(0, 200)) : '';
    const command = parseCommand(text);
    return command ? commands[command]({ ...turn, text }) : unknownCommand({ ...turn, text });
  };
  const unknownCardAction: TurnHandler = async (turn) => ({ text: messagesFor(turn.language).unknownCardAction });

  const commands: Record<Command, TurnHandler> = {
    help: showHelp,
    logAttendance: attendance.showAttendanceForm,
    logMeeting: meetings.showMeetingForm,
    logWeek: attendance.showWeekForm,
    logReferral: referrals.showReferralForm,
    myReferrals: referrals.showMyReferrals,
    status: status.showStatus,
    question: status.showStatus,
    rebuildRollups: rebuild,
    retention: runRetention,
    myEntries: entries.showMyEntries,
    linkChannel: linkThisChannel,
    danish: setLanguage('da'),
    english: setLanguage('en'),
    milestones: reminders.showMilestones,
    nextMeeting: reminders.showNextMeetingForm,
    reminderSettings: reminders.showSettings,
    logOutcome: outcomes.showOutcomeForm,
    logAssessment: outcomes.showAssessmentForm,
    yearlyReport: yearlyReport.offerYearlyReport,
    members: people.showMembersCard,
  };
  const cardActions: Record<CardVerb, TurnHandler> = {
    [cardVerbs.showAttendanceForm]: attendance.showAttendanceForm,
    [cardVerbs.saveAttendance]: attendance.saveAttendance,
    [cardVerbs.showStatus]: status.showStatus,
    [cardVerbs.exportStatus]: status.offerExport,
    [cardVerbs.showIndicatorForm]: status.showIndicatorForm,
    [cardVerbs.saveIndicator]: status.saveIndicator,
    [cardVerbs.showReferralForm]: referrals.showReferralForm,
    [cardVerbs.saveReferral]: referrals.saveReferral,
    [cardVerbs.showMyReferrals]: referrals.showMyReferrals,
    [cardVerbs.advanceReferral]: referrals.advanceReferral,
    [cardVerbs.showMeetingForm]: meetings.showMeetingForm,
    [cardVerbs.saveMeeting]: meetings.saveMeeting,
    [cardVerbs.showWeekForm]: attendance.showWeekForm,
    [cardVerbs.saveWeek]: attendance.saveWeek,
    [cardVerbs.showMyEntries]: entries.showMyEntries,
    [cardVerbs.deleteEntry]: entries.deleteEntry,
    [cardVerbs.correctAttendance]: entries.correctAttendance,
    [cardVerbs.correctMeeting]: entries.correctMeeting,
    [cardVerbs.correctReferral]: entries.correctReferral,
    [cardVerbs.showMilestones]: reminders.showMilestones,
    [cardVerbs.completeScheduleItem]: reminders.completeScheduleItem,
    [cardVerbs.refreshReminder]: reminders.refreshReminder,
    [cardVerbs.moveScheduleItem]: reminders.moveScheduleItem,
    [cardVerbs.showNextMeetingForm]: reminders.showNextMeetingForm,
    [cardVerbs.saveNextMeeting]: reminders.saveNextMeeting,
    [cardVerbs.showReminderSettings]: reminders.showSettings,
    [cardVerbs.saveReminderSettings]: reminders.saveSettings,
    [cardVerbs.showOutcomeForm]: outcomes.showOutcomeForm,
    [cardVerbs.saveOutcome]: outcomes.saveOutcome,
    [cardVerbs.correctOutcome]: outcomes.correctOutcome,
    [cardVerbs.showAssessmentForm]: outcomes.showAssessmentForm,
    [cardVerbs.saveAssessment]: outcomes.saveAssessment,
    [cardVerbs.correctAssessment]: outcomes.correctAssessment,
    [cardVerbs.runCommand]: runCommand,
    [cardVerbs.undoDelete]: entries.undoDelete,
    [cardVerbs.showMembers]: people.showMembersCard,
    [cardVerbs.saveMemberChange]: people.saveChange,
    [cardVerbs.acceptTeamRoster]: people.acceptRoster,
    [cardVerbs.declineTeamRoster]: people.declineRoster,
  };
  // Every handler gets the turn's language, resolved once from the user's choice and the Teams
  // locale, and answers within Teams' time even when the database is away (outage.ts).
  const withLanguage = (handler: TurnHandler, verb?: CardVerb, budgetMs: number | null = HANDLER_BUDGET_MS): TurnHandler =>
    withOutageAnswer(deps, verb, async (turn) => handler({ ...turn, language: await resolveLanguage(repos, turn.aadObjectId, turn.locale) }), budgetMs);
  // Chat commands that work through a whole plan: a message has no 5-second limit, and stopping
  // the wait would lose their answer, so only a database error cuts them short.
  const batchCommands: ReadonlySet<string> = new Set<Command>(['rebuildRollups', 'retention']);
  const localise = <K extends string>(table: Record<K, TurnHandler>, verbs = false) =>
    Object.fromEntries(
      Object.entries<TurnHandler>(table).map(([k, h]) => [k, withLanguage(h, verbs ? (k as CardVerb) : undefined, batchCommands.has(k) ? null : HANDLER_BUDGET_MS)]),
    ) as Record<K, TurnHandler>;
  // A conversation's address changes rarely; refreshing it once per instance per ten minutes keeps
  // reminders deliverable without a database write on every card submit.
  const lastRemembered = new Map<string, number>();
  const REFRESH_MS = 10 * 60_000;
  const conversationSeen = async (sighting: ConversationSighting): Promise<void> => {
    const now = clock.now().getTime();
    const last = lastRemembered.get(sighting.conversationId);
    if (last !== undefined && now - last < REFRESH_MS && now >= last) return;
    await rememberConversation(repos, clock, sighting);
    lastRemembered.set(sighting.conversationId, now);
  };
  const conversationRemoved = async (conversationId: string): Promise<void> => {
    lastRemembered.delete(conversationId);
    await forgetConversation(repos, conversationId);
  };
  // Users this instance has recognised: their later turns ask neither the database nor Teams who
  // they are. One Teams did not know is asked again after a minute, not on every turn; several
  // first turns at once share one lookup.
  const recognised = new Set<string>();
  const unknownUntil = new Map<string, number>();
  const recognising = new Map<string, Promise<void>>();
  const UNKNOWN_MS = 60_000;
  const userSeen = async (turn: TurnInput): Promise<void> => {
    const { aadObjectId, directory } = turn;
    if (!aadObjectId || !directory || recognised.has(aadObjectId)) return;
    if ((unknownUntil.get(aadObjectId) ?? 0) > Date.now()) return;
    let pending = recognising.get(aadObjectId);
    if (!pending) {
      pending = recogniseUser(repos, clock, aadObjectId, () => directory.self().catch(() => undefined))
        .then((result) => {
          if (result === 'unknown') unknownUntil.set(aadObjectId, Date.now() + UNKNOWN_MS);
          else recognised.add(aadObjectId);
        })
        .finally(() => recognising.delete(aadObjectId));
      recognising.set(aadObjectId, pending);
    }
    await pending;
  };
  const teamChanged = (event: TeamMembersChanged) => teamMembersChanged(repos, clock, event);

  return {
    commands: localise(commands),
    cardActions: localise(cardActions, true),
    unknownCommand: withLanguage(unknownCommand),
    unknownCardAction: withLanguage(unknownCardAction),
    welcome: withLanguage(showHelp),
    fileAccepted: async (turn: TurnInput) => {
      const localised = { ...turn, language: await resolveLanguage(repos, turn.aadObjectId, turn.locale) };
      // The consent's context names the file: the yearly report, or (without a name) a status export.
      return (turn.data as { file?: unknown } | undefined)?.file === YEARLY_REPORT ? yearlyReport.fileAccepted(localised) : status.fileAccepted(localised);
    },
    fileDeclined: async (turn: TurnInput) => status.fileDeclined({ ...turn, language: await resolveLanguage(repos, turn.aadObjectId, turn.locale) }),
    fileFailed: async (turn: TurnInput) => status.fileFailed({ ...turn, language: await resolveLanguage(repos, turn.aadObjectId, turn.locale) }),
    conversationSeen,
    conversationRemoved,
    userSeen,
    teamMembersChanged: teamChanged,
    planFileReceived: withLanguage(people.planFileReceived, undefined, null),
  };
}

export type Handlers = ReturnType<typeof createHandlers>;

import { assessmentFormCard } from '../../cards/assessmentCards';
import { attendanceFormCard } from '../../cards/attendanceCards';
import { outcomeFormCard } from '../../cards/outcomeCards';
import { meetingFormCard } from '../../cards/meetingCards';
import { referralFormCard } from '../../cards/referralCards';
import type { CardJson } from '../../cards/renderCard';
import { cardVerbs, type CardVerb } from '../../cards/verbs';
import { weekFormCard } from '../../cards/weekCards';
import type { Clock } from '../../domain/clock';
import { messagesFor, type Messages } from '../../i18n';
import type { Logger } from '../../logging/logger';
import { DeadlineExceeded, withinMs } from '../../usecases/deadline';
import { lastKnownMember, type LastKnown } from '../../usecases/lastKnown';
import { keptAssessmentForm } from '../../usecases/logAssessment';
import { keptAttendanceForm } from '../../usecases/logAttendance';
import { keptOutcomeForm } from '../../usecases/logOutcome';
import { keptMeetingForm } from '../../usecases/logMeeting';
import { keptReferralForm } from '../../usecases/logReferral';
import { keptWeekForm } from '../../usecases/logWeek';
import type { MemberInPlan } from '../../usecases/resolveMember';
import type { TurnHandler, TurnInput } from '../turn';

export interface OutageDeps {
  clock: Clock;
  logger: Logger;
  /** Whether an error means the database did not answer (down, unreachable, too slow). */
  isStoreUnavailable(err: unknown): boolean;
  lastKnown: LastKnown;
}

/**
 * How long a handler may take before the user is told the database is not answering. Teams gives
 * an invoke 5 s; the turn spends at most 1 s before the handler (app.ts) and keeps half a second
 * for sending the answer.
 */
export const HANDLER_BUDGET_MS = 3_500;

/** The forms worth giving back as filled in: the ones a user types a lot into. */
const keptCards: Partial<Record<CardVerb, (m: Messages, member: MemberInPlan, data: unknown) => CardJson>> = {
  [cardVerbs.saveAttendance]: (m, member, data) => attendanceFormCard(m, keptAttendanceForm(member.plan, data)),
  [cardVerbs.saveWeek]: (m, member, data) => weekFormCard(m, keptWeekForm(member.plan, data, member.today)),
  [cardVerbs.saveMeeting]: (m, member, data) => meetingFormCard(m, keptMeetingForm(member.plan, data)),
  [cardVerbs.saveReferral]: (m, member, data) => referralFormCard(m, keptReferralForm(member.plan, data)),
  [cardVerbs.saveOutcome]: (m, member, data) => outcomeFormCard(m, keptOutcomeForm(member.plan, data)),
  [cardVerbs.saveAssessment]: (m, member, data) => assessmentFormCard(m, keptAssessmentForm(member, data)),
};

/**
 * Answers for a handler when the database is away, instead of the generic "Beklager, noget gik
 * galt": a logging form comes back with the user's values and a notice to save again (the same
 * submission id, so nothing is stored twice); anything else gets a plain "try again in a moment".
 * The answer is built from what this instance last read (the user's membership and plan), with
 * no database call, and within `budgetMs` even when the database hangs rather than refuses.
 * With no budget (null: the admin's batch commands, typed in chat and allowed to take their time),
 * only a database error leads here.
 */
export function withOutageAnswer(deps: OutageDeps, verb: CardVerb | undefined, handler: TurnHandler, budgetMs: number | null = HANDLER_BUDGET_MS): TurnHandler {
  return async (turn) => {
    try {
      return await (budgetMs === null ? handler(turn) : withinMs(handler(turn), budgetMs));
    } catch (err) {
      if (!(err instanceof DeadlineExceeded) && !deps.isStoreUnavailable(err)) throw err;
      deps.logger.warn({ err, verb }, 'database did not answer; the user was told to try again');
      return outageReply(deps, verb, turn, err instanceof DeadlineExceeded);
    }
  };
}

/**
 * A slow answer is not a failed one: the save may still finish after the user is answered, so it
 * is never reported as not saved, only as not confirmed yet. Saving again is safe either way.
 */
function outageReply(deps: OutageDeps, verb: CardVerb | undefined, turn: TurnInput, slow: boolean) {
  const language = turn.language ?? (turn.aadObjectId ? deps.lastKnown.language(turn.aadObjectId) : undefined) ?? (turn.locale?.toLowerCase().startsWith('en') ? 'en' : 'da');
  const base = messagesFor(language);
  const m = slow ? { ...base, outage: { ...base.outage, text: base.outage.slowText, formNotice: base.outage.slowNotice } } : base;
  const keep = verb ? keptCards[verb] : undefined;
  const planId = turn.data && typeof turn.data === 'object' ? (turn.data as { planId?: unknown }).planId : undefined;
  // Only into a plan this user was last seen a member of: the form shows the plan's activities and people.
  const member = keep ? lastKnownMember(deps.lastKnown, deps.clock, turn.aadObjectId, planId) : undefined;
  return keep && member ? { card: keep(m, member, turn.data) } : { text: m.outage.text };
}

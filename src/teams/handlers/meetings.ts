import { cardIdOf, prefillOf } from './prefill';
import { sharedReminderCard } from './sharedCard';
import { meetingFormCard, meetingSavedCard } from '../../cards/meetingCards';
import { messagesFor } from '../../i18n';
import { logMeeting, prepareMeetingForm } from '../../usecases/logMeeting';
import type { TurnHandler } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';

export function meetingHandlers({ repos, clock }: HandlerDeps) {
  const showMeetingForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await prepareMeetingForm(repos, clock, turn.aadObjectId, turn.conversationId, prefillOf(turn.data));
    return 'kind' in form ? deniedReply(m, form) : { card: meetingFormCard(m, form, cardIdOf(turn.data)) };
  };

  const saveMeeting: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await logMeeting(repos, clock, turn.aadObjectId, turn.data);
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return deniedReply(m, result);
      case 'invalid':
        return { card: meetingFormCard(m, result.form, cardIdOf(turn.data)) };
      case 'refused':
        return { text: m.myEntries.refused[result.reason] };
      case 'saved': {
        // Saved from a channel's "Husk at logge mødet": everyone there now sees the meeting logged.
        const shared = await sharedReminderCard(repos, clock, turn);
        return { card: meetingSavedCard(m, result.plan, result.record, result.alreadySaved, result.corrected), ...(shared ? { shared } : {}) };
      }
    }
  };

  return { showMeetingForm, saveMeeting };
}

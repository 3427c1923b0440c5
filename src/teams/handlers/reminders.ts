import { milestonesCard, nextMeetingCard, reminderCard, reminderSettingsCard } from '../../cards/reminderCards';
import { messagesFor } from '../../i18n';
import { saveReminderSettings, showReminderSettings } from '../../usecases/reminders/reminderSettings';
import { viewReminderCard } from '../../usecases/reminders/reminderCardState';
import { changeScheduleItem, listMilestones, milestoneListViewOf, prepareNextMeetingForm, saveNextMeeting } from '../../usecases/reminders/schedule';
import type { TurnHandler } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';
import { prefillOf } from './prefill';
import { sharedReminderCard } from './sharedCard';

/** Milestones, follow-up items, "næste møde" and reminder settings. */
export function reminderHandlers({ repos, clock }: HandlerDeps) {
  const showMilestones: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const list = await listMilestones(repos, clock, turn.aadObjectId, undefined, undefined, milestoneListViewOf(turn.data));
    return list.kind === 'milestones' ? { card: milestonesCard(m, list) } : deniedReply(m, list);
  };

  const changeItem = (change: 'complete' | 'move'): TurnHandler => async (turn) => {
    const m = messagesFor(turn.language);
    const result = await changeScheduleItem(repos, clock, turn.aadObjectId, turn.data, change);
    if (result.kind === 'unreadable') return { text: m.reminders.outcome.unreadable };
    if (result.kind !== 'milestones') return deniedReply(m, result);
    const done = result.outcome?.kind === 'done' || result.outcome?.kind === 'moved';
    // On a channel's card, the card itself changes: for the clicker with what they did, for everyone as it now stands.
    const mine = done ? await viewReminderCard(repos, clock, turn.data, turn.aadObjectId, turn.conversationId) : undefined;
    if (mine?.kind === 'reminderCard') {
      const shared = await sharedReminderCard(repos, clock, turn);
      return { card: reminderCard(m, mine.item, mine.plan, { state: mine.state, refreshFor: mine.item.refreshFor, outcome: result.outcome }), ...(shared ? { shared } : {}) };
    }
    return { card: milestonesCard(m, result) };
  };

  // Teams asks for a user's own view of a channel's card (Universal Actions `refresh`).
  const refreshReminder: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const view = await viewReminderCard(repos, clock, turn.data, turn.aadObjectId, turn.conversationId);
    if (view.kind === 'gone') return { text: m.reminders.cardGone };
    return { card: reminderCard(m, view.item, view.plan, { state: view.state, refreshFor: view.item.refreshFor }) };
  };

  const showNextMeetingForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await prepareNextMeetingForm(repos, clock, turn.aadObjectId, prefillOf(turn.data));
    return form.kind === 'nextMeetingForm' ? { card: nextMeetingCard(m, form) } : deniedReply(m, form);
  };

  const saveNextMeetingDate: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await saveNextMeeting(repos, clock, turn.aadObjectId, turn.data);
    return form.kind === 'nextMeetingForm' ? { card: nextMeetingCard(m, form) } : deniedReply(m, form);
  };

  const showSettings: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await showReminderSettings(repos, clock, turn.aadObjectId);
    return form.kind === 'reminderSettings' ? { card: reminderSettingsCard(m, form) } : deniedReply(m, form);
  };

  const saveSettings: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await saveReminderSettings(repos, clock, turn.aadObjectId, turn.data);
    return form.kind === 'reminderSettings' ? { card: reminderSettingsCard(m, form) } : deniedReply(m, form);
  };

  return {
    showMilestones,
    completeScheduleItem: changeItem('complete'),
    moveScheduleItem: changeItem('move'),
    refreshReminder,
    showNextMeetingForm,
    saveNextMeeting: saveNextMeetingDate,
    showSettings,
    saveSettings,
  };
}

import { milestonesCard, nextMeetingCard, reminderSettingsCard } from '../../cards/reminderCards';
import { messagesFor } from '../../i18n';
import { saveReminderSettings, showReminderSettings } from '../../usecases/reminders/reminderSettings';
import { changeScheduleItem, listMilestones, milestoneListViewOf, prepareNextMeetingForm, saveNextMeeting } from '../../usecases/reminders/schedule';
import type { TurnHandler } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';
import { prefillOf } from './prefill';

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
    return result.kind === 'milestones' ? { card: milestonesCard(m, result) } : deniedReply(m, result);
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
    showNextMeetingForm,
    saveNextMeeting: saveNextMeetingDate,
    showSettings,
    saveSettings,
  };
}

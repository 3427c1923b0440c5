import { reminderCard } from '../../cards/reminderCards';
import type { CardJson } from '../../cards/renderCard';
import type { Clock } from '../../domain/clock';
import { messagesFor } from '../../i18n';
import type { Repositories } from '../../usecases/ports';
import { everyone, viewReminderCard } from '../../usecases/reminders/reminderCardState';
import type { TurnInput } from '../turn';

/**
 * A channel's reminder card as everyone there should now see it, after this turn changed what
 * it is about; undefined when the turn did not come from one. Channel cards are in Danish.
 */
export async function sharedReminderCard(repos: Repositories, clock: Clock, turn: TurnInput): Promise<CardJson | undefined> {
  const view = await viewReminderCard(repos, clock, turn.data, undefined, turn.conversationId);
  if (view.kind !== 'reminderCard') return undefined;
  return reminderCard(messagesFor('da'), view.item, view.plan, { state: { ...view.state, viewer: everyone }, refreshFor: view.item.refreshFor });
}

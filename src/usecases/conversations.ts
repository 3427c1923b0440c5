import type { Clock } from '../domain/clock';
import type { ConversationAddress, Repositories } from './ports';

export type ConversationSighting = Omit<ConversationAddress, 'updatedAt'>;

/** On install and on every turn: keep the address fresh, so reminders reach the conversation. */
export async function rememberConversation(repos: Repositories, clock: Clock, sighting: ConversationSighting): Promise<void> {
  await repos.channels.remember({ ...sighting, updatedAt: clock.now().toISOString() });
}

/** On uninstall: the bot may no longer write there, and keeps nothing about the conversation. */
export async function forgetConversation(repos: Repositories, conversationId: string): Promise<void> {
  await repos.channels.forget(conversationId);
}

import { randomUUID } from 'node:crypto';

/**
 * Synthetic Teams users: the Agents Playground's built-in fake users, with the ids, object ids and
 * e-mail addresses it gives them (Isaiah's user principal name and mail address differ there too).
 */
export const users = {
  alex: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020', userPrincipalName: 'alexw@example.com', email: 'alexw@example.com' },
  megan: { id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021', userPrincipalName: 'meganb@example.com', email: 'meganb@example.com' },
  adele: { id: 'user-id-2', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022', userPrincipalName: 'adelev@example.com', email: 'adelev@example.com' },
  isaiah: { id: 'user-id-3', name: 'Isaiah Langer', aadObjectId: '00000000-0000-0000-0000-0000000000023', userPrincipalName: 'isaiah@example.com', email: 'isaiahl@example.com' },
  patti: { id: 'user-id-4', name: 'Patti Fernandez', aadObjectId: '00000000-0000-0000-0000-0000000000024', userPrincipalName: 'pattif@example.com', email: 'pattif@example.com' },
  lynne: { id: 'user-id-5', name: 'Lynne Robbins', aadObjectId: '00000000-0000-0000-0000-0000000000025', userPrincipalName: 'lynner@example.com', email: 'lynner@example.com' },
  outsider: { id: 'user-id-9', name: 'Ude Forbi', aadObjectId: '99999999-0000-0000-0000-000000000099', userPrincipalName: 'ude.forbi@example.org', email: 'ude.forbi@example.org' },
} as const;

/** A user as a test sends them; `from` of an activity carries only id, name and object id, as Teams does. */
export interface TestUser {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipalName?: string;
  email?: string;
}

const fromOf = (user: TestUser) => ({ id: user.id, name: user.name, aadObjectId: user.aadObjectId });

function base(user: TestUser, serviceUrl: string, conversationId: string) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: fromOf(user),
    recipient: { id: '28:bot', name: 'Logbog' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'da-DK',
  };
}

export function messageActivity(user: TestUser, serviceUrl: string, conversationId: string, text: string, conversationType = 'personal') {
  const activity = base(user, serviceUrl, conversationId);
  return { ...activity, conversation: { ...activity.conversation, conversationType }, type: 'message', text };
}

/** The invoke Teams sends for Action.Execute. */
export function executeActivity(user: TestUser, serviceUrl: string, conversationId: string, verb: string, data: unknown) {
  return {
    ...base(user, serviceUrl, conversationId),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The message older clients send for the Action.Submit fallback. */
export function submitActivity(user: TestUser, serviceUrl: string, conversationId: string, value: Record<string, unknown>) {
  return { ...base(user, serviceUrl, conversationId), type: 'message', value };
}

import { randomUUID } from 'node:crypto';

/** Synthetic Teams users; the aadObjectIds are the Agents Playground's built-in fake users. */
export const users = {
  alex: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
  megan: { id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' },
  adele: { id: 'user-id-2', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022' },
  isaiah: { id: 'user-id-3', name: 'Isaiah Langer', aadObjectId: '00000000-0000-0000-0000-0000000000023' },
  outsider: { id: 'user-id-9', name: 'Ude Forbi', aadObjectId: '99999999-0000-0000-0000-000000000099' },
} as const;

export type TestUser = (typeof users)[keyof typeof users];

function base(user: TestUser, serviceUrl: string, conversationId: string) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: user,
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

import { randomUUID } from 'node:crypto';
import { executeActivity, messageActivity, type TestUser } from './activities';

/** A team and one of its channels, as Teams names them in channelData. */
export interface TestTeam {
  teamId: string;
  channelId: string;
}

const channelData = (team: TestTeam) => ({ tenant: { id: 'tenant-1' }, team: { id: team.teamId, name: 'Netværkets hold' }, channel: { id: team.channelId } });

/** A message written in a team's channel. */
export function channelMessage(user: TestUser, serviceUrl: string, team: TestTeam, text: string) {
  const a = messageActivity(user, serviceUrl, team.channelId, text, 'channel');
  return { ...a, channelData: channelData(team) };
}

/** A card button clicked in a team's channel. */
export function channelExecute(user: TestUser, serviceUrl: string, team: TestTeam, verb: string, data: unknown) {
  const a = executeActivity(user, serviceUrl, team.channelId, verb, data);
  return { ...a, conversation: { ...a.conversation, conversationType: 'channel' }, channelData: channelData(team) };
}

/** Teams telling the bot that people joined or left a team (conversationUpdate in its General channel). */
export function teamMembersChanged(serviceUrl: string, team: TestTeam, change: { added?: TestUser[]; removed?: TestUser[] }) {
  return {
    id: randomUUID(),
    type: 'conversationUpdate',
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: 'user-id-admin', name: 'Teams' },
    recipient: { id: '28:bot', name: 'Logbog' },
    conversation: { id: team.teamId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { ...channelData(team), eventType: change.added ? 'teamMemberAdded' : 'teamMemberRemoved' },
    ...(change.added ? { membersAdded: change.added.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId })) } : {}),
    ...(change.removed ? { membersRemoved: change.removed.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId })) } : {}),
  };
}

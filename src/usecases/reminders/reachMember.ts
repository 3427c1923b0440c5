import { networksOfActivity } from '../../domain/permissions';
import type { Member, Plan } from '../../domain/plan/schema';
import type { OutboxItem } from '../../domain/reminders/outbox';
import type { AppInstaller, ConversationAddress, Repositories, UserDirectory } from '../ports';

/** What delivery needs to reach a member who never opened Logbog. */
export interface MemberReach {
  /** Microsoft Graph, when it is configured and allowed to install the app for users. */
  installer?: AppInstaller;
  /** Microsoft Graph's users, to find the object id of someone known by e-mail address only. */
  users?: UserDirectory;
  /** The Bot Connector's createConversation: the personal chat, once the app is installed for the user. */
  openPersonalChat(via: ConversationAddress, aadObjectId: string): Promise<ConversationAddress | undefined>;
}

export type MemberRoute =
  | { kind: 'direct'; address: ConversationAddress }
  /** Not directly: the network's linked channels, where an @mention reaches them. */
  | { kind: 'channel'; address: ConversationAddress; member: Member; networkId: string }
  | { kind: 'none'; member: Member | undefined; networkIds: string[] };

/** The networks a reminder belongs to, for its linked channels and its coordinators. */
export function networksOfItem(plan: Plan, item: Pick<OutboxItem, 'about'>): string[] {
  const { about } = item;
  if (about.networkId) return [about.networkId];
  const activityId = about.activityId ?? (about.milestoneId ? plan.milestones.find((m) => m.id === about.milestoneId)?.activity : undefined);
  return activityId ? networksOfActivity(plan, activityId) : [];
}

/**
 * A member's personal chat: the one they opened; else, with Graph allowed to, Logbog installs
 * itself for them and opens it (Bot Connector createConversation). Undefined when neither works.
 */
export async function personalChatFor(repos: Repositories, reach: MemberReach | undefined, member: Member | undefined, aadObjectId: string | undefined): Promise<ConversationAddress | undefined> {
  let aad = aadObjectId ?? member?.aadObjectId;
  if (aad) {
    const address = await repos.channels.personalChatOf(aad);
    if (address) return address;
  }
  if (!reach?.installer) return undefined;
  if (!aad && member?.email && reach.users) aad = (await reach.users.findByEmail(member.email).catch(() => undefined))?.aadObjectId;
  const via = aad ? await repos.channels.someAddressIn(undefined) : undefined;
  if (!aad || !via || (await reach.installer.installFor(aad)) !== 'installed') return undefined;
  const address = await reach.openPersonalChat(via, aad);
  if (address) await repos.channels.remember(address);
  return address;
}

/**
 * Where a member's reminder goes: their personal chat (found or opened once per delivery run,
 * `personal`), else the linked channel of the reminder's network (`channelOf`, also once per run),
 * else nowhere.
 */
export async function routeToMember(plan: Plan, item: OutboxItem, personal: Promise<ConversationAddress | undefined>, channelOf: (networkId: string) => Promise<ConversationAddress | undefined>): Promise<MemberRoute> {
  if (item.recipient.kind !== 'member') throw new Error('routeToMember takes a member item');
  const memberId = item.recipient.memberId;
  const member = plan.members.find((m) => m.id === memberId);
  const address = await personal;
  if (address) return { kind: 'direct', address };
  const networkIds = networksOfItem(plan, item);
  if (member) {
    for (const networkId of networkIds) {
      const channel = await channelOf(networkId);
      if (channel) return { kind: 'channel', address: channel, member, networkId };
    }
  }
  return { kind: 'none', member, networkIds };
}

/** The first linked channel of a network that can be written to. */
export async function linkedChannelOf(repos: Repositories, planId: string, networkId: string): Promise<ConversationAddress | undefined> {
  for (const conversationId of await repos.channels.linkedTo(planId, networkId)) {
    const channel = await repos.channels.addressOf(conversationId);
    if (channel) return channel;
  }
  return undefined;
}

/** Who hears that a member cannot be reached: the coordinators of the reminder's networks, or the plan's leaders. */
export function noticeRecipients(plan: Plan, networkIds: string[], about: string): Member[] {
  const coordinators = plan.networks.filter((n) => networkIds.includes(n.id)).flatMap((n) => n.coordinators);
  const ids = coordinators.length ? coordinators : plan.members.filter((m) => m.roles.includes('leader')).map((m) => m.id);
  return plan.members.filter((m) => ids.includes(m.id) && m.id !== about);
}

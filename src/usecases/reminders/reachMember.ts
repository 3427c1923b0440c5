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
 * Where a member's reminder goes: their personal chat if they have one; else, with Graph
 * allowed to, Logbog installs itself for them and opens the personal chat; else the network's
 * linked channel (with an @mention); else nowhere.
 */
export async function routeToMember(repos: Repositories, reach: MemberReach | undefined, plan: Plan, item: OutboxItem): Promise<MemberRoute> {
  if (item.recipient.kind !== 'member') throw new Error('routeToMember takes a member item');
  const memberId = item.recipient.memberId;
  const member = plan.members.find((m) => m.id === memberId);
  // The plan is read at delivery: someone resolved since planning now has an object id.
  let aadObjectId = item.recipient.aadObjectId ?? member?.aadObjectId;
  if (aadObjectId) {
    const address = await repos.channels.personalChatOf(aadObjectId);
    if (address) return { kind: 'direct', address };
  }
  if (reach?.installer) {
    if (!aadObjectId && member?.email && reach.users) aadObjectId = (await reach.users.findByEmail(member.email))?.aadObjectId;
    const via = aadObjectId ? await repos.channels.someAddressIn(undefined) : undefined;
    if (aadObjectId && via && (await reach.installer.installFor(aadObjectId)) === 'installed') {
      const address = await reach.openPersonalChat(via, aadObjectId);
      if (address) {
        await repos.channels.remember(address);
        return { kind: 'direct', address };
      }
    }
  }
  const networkIds = networksOfItem(plan, item);
  if (member) {
    for (const networkId of networkIds) {
      for (const conversationId of await repos.channels.linkedTo(plan.id, networkId)) {
        const address = await repos.channels.addressOf(conversationId);
        if (address) return { kind: 'channel', address, member, networkId };
      }
    }
  }
  return { kind: 'none', member, networkIds };
}

/** Who hears that a member cannot be reached: the coordinators of the reminder's networks, or the plan's leaders. */
export function noticeRecipients(plan: Plan, networkIds: string[], about: string): Member[] {
  const coordinators = plan.networks.filter((n) => networkIds.includes(n.id)).flatMap((n) => n.coordinators);
  const ids = coordinators.length ? coordinators : plan.members.filter((m) => m.roles.includes('leader')).map((m) => m.id);
  return plan.members.filter((m) => ids.includes(m.id) && m.id !== about);
}

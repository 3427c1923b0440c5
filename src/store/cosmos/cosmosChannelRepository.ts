import type { Container } from '@azure/cosmos';
import type { ChannelLink, ChannelRepository, ConversationAddress } from '../../usecases/ports';
import { CONFLICT, isStatus, NOT_FOUND } from './cosmosErrors';
import { withoutSystemProperties } from './systemProperties';

interface ChannelLinkDocument extends ChannelLink {
  id: string;
  type: 'channelLink';
}

interface AddressDocument extends ConversationAddress {
  id: 'address';
  type: 'conversationAddress';
}

/**
 * A user's personal chat, found by who they are with one point read: the copy of its address
 * (or `none`) in a partition of its own, `user|<object id>`. Reminders look it up for every
 * member they go to; a query over every conversation would cost RUs that grow with the tenant.
 */
interface PersonalChatDocument {
  id: 'personal-chat';
  conversationId: string;
  type: 'personalChat';
  aadObjectId: string;
  address?: ConversationAddress;
}

/** Teams' conversation ids start `a:`, `19:` or `29:`; `user|` cannot be one of them. */
const personalPartition = (aadObjectId: string) => `user|${aadObjectId}`;

/** One document per conversation, partitioned by the conversation id Teams gives every turn. */
export class CosmosChannelRepository implements ChannelRepository {
  constructor(private readonly container: Container) {}

  async linkOf(conversationId: string): Promise<ChannelLink | undefined> {
    const { resource } = await this.container.item('link', conversationId).read<ChannelLinkDocument & Record<string, unknown>>();
    if (!resource) return undefined;
    return linkOf(resource);
  }

  async link(link: ChannelLink): Promise<void> {
    const doc: ChannelLinkDocument = { id: 'link', type: 'channelLink', ...link };
    await this.container.items.upsert(doc);
  }

  async remember(address: ConversationAddress): Promise<void> {
    const doc: AddressDocument = { id: 'address', type: 'conversationAddress', ...address };
    const personal = address.conversationType === 'personal' && address.aadObjectId;
    await Promise.all([this.container.items.upsert(doc), personal ? this.container.items.upsert(this.personalChatDocument(address.aadObjectId!, address)) : undefined]);
  }

  private personalChatDocument(aadObjectId: string, address: ConversationAddress | undefined): PersonalChatDocument {
    return { id: 'personal-chat', conversationId: personalPartition(aadObjectId), type: 'personalChat', aadObjectId, ...(address ? { address } : {}) };
  }

  async addressOf(conversationId: string): Promise<ConversationAddress | undefined> {
    const { resource } = await this.container.item('address', conversationId).read<AddressDocument & Record<string, unknown>>();
    if (!resource) return undefined;
    const { id: _id, type: _type, ...address } = withoutSystemProperties<AddressDocument>(resource);
    return address;
  }

  async personalChatOf(aadObjectId: string): Promise<ConversationAddress | undefined> {
    const { resource } = await this.container.item('personal-chat', personalPartition(aadObjectId)).read<PersonalChatDocument>();
    if (resource) return resource.address;
    // A user last seen before the point-read document existed: look once across conversations,
    // then keep the answer (or that there is none). Created, not upserted: a chat remembered
    // meanwhile wins.
    const address = await this.findPersonalChat(aadObjectId);
    try {
      await this.container.items.create(this.personalChatDocument(aadObjectId, address));
    } catch (err) {
      if (!isStatus(err, CONFLICT)) throw err;
    }
    return address;
  }

  private async findPersonalChat(aadObjectId: string): Promise<ConversationAddress | undefined> {
    const { resources } = await this.container.items
      .query<AddressDocument & Record<string, unknown>>({
        query: "SELECT * FROM c WHERE c.type = 'conversationAddress' AND c.conversationType = 'personal' AND c.aadObjectId = @user",
        parameters: [{ name: '@user', value: aadObjectId }],
      })
      .fetchAll();
    const latest = resources.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)))[0];
    if (!latest) return undefined;
    const { id: _id, type: _type, ...address } = withoutSystemProperties<AddressDocument>(latest);
    return address;
  }

  async linkedTo(planId: string, networkId: string): Promise<string[]> {
    const { resources } = await this.container.items
      .query<{ conversationId: string }>({
        query: "SELECT c.conversationId FROM c WHERE c.type = 'channelLink' AND c.planId = @plan AND c.networkId = @network",
        parameters: [
          { name: '@plan', value: planId },
          { name: '@network', value: networkId },
        ],
      })
      .fetchAll();
    return resources.map((r) => r.conversationId);
  }

  async linksInTeam(teamId: string): Promise<ChannelLink[]> {
    return this.links("SELECT * FROM c WHERE c.type = 'channelLink' AND c.teamId = @v", teamId);
  }

  async teamLinksOf(planId: string): Promise<ChannelLink[]> {
    const links = await this.links("SELECT * FROM c WHERE c.type = 'channelLink' AND c.planId = @v", planId);
    return links.filter((l) => l.teamId);
  }

  async someAddressIn(tenantId: string | undefined): Promise<ConversationAddress | undefined> {
    const { resources } = await this.container.items
      .query<AddressDocument & Record<string, unknown>>({
        query: `SELECT * FROM c WHERE c.type = 'conversationAddress'${tenantId ? ' AND c.tenantId = @tenant' : ''}`,
        parameters: tenantId ? [{ name: '@tenant', value: tenantId }] : [],
      })
      .fetchAll();
    const latest = resources.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)))[0];
    if (!latest) return undefined;
    const { id: _id, type: _type, ...address } = withoutSystemProperties<AddressDocument>(latest);
    return address;
  }

  private async links(query: string, value: string): Promise<ChannelLink[]> {
    const { resources } = await this.container.items.query<ChannelLinkDocument & Record<string, unknown>>({ query, parameters: [{ name: '@v', value }] }).fetchAll();
    return resources.map(linkOf);
  }

  async forget(conversationId: string): Promise<void> {
    const address = await this.addressOf(conversationId);
    if (address?.conversationType === 'personal' && address.aadObjectId) {
      const pointer = this.container.item('personal-chat', personalPartition(address.aadObjectId));
      const { resource } = await pointer.read<PersonalChatDocument>();
      // Nothing left to reach them by: the next lookup says so without a query.
      if (resource?.address?.conversationId === conversationId) await this.container.items.upsert(this.personalChatDocument(address.aadObjectId, undefined));
    }
    for (const id of ['address', 'link']) {
      try {
        await this.container.item(id, conversationId).delete();
      } catch (err) {
        // Already gone is what we want.
        if (!isStatus(err, NOT_FOUND)) throw err;
      }
    }
  }
}

function linkOf(resource: ChannelLinkDocument & Record<string, unknown>): ChannelLink {
  const { conversationId, planId, networkId, linkedBy, linkedAt, teamId, followsTeam } = withoutSystemProperties<ChannelLinkDocument>(resource);
  return { conversationId, planId, networkId, linkedBy, linkedAt, ...(teamId ? { teamId } : {}), ...(followsTeam ? { followsTeam } : {}) };
}

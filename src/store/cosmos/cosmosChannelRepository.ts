import type { Container } from '@azure/cosmos';
import type { ChannelLink, ChannelRepository, ConversationAddress } from '../../usecases/ports';
import { isStatus, NOT_FOUND } from './cosmosErrors';
import { withoutSystemProperties } from './systemProperties';

interface ChannelLinkDocument extends ChannelLink {
  id: string;
  type: 'channelLink';
}

interface AddressDocument extends ConversationAddress {
  id: 'address';
  type: 'conversationAddress';
}

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
    await this.container.items.upsert(doc);
  }

  async addressOf(conversationId: string): Promise<ConversationAddress | undefined> {
    const { resource } = await this.container.item('address', conversationId).read<AddressDocument & Record<string, unknown>>();
    if (!resource) return undefined;
    const { id: _id, type: _type, ...address } = withoutSystemProperties<AddressDocument>(resource);
    return address;
  }

  async personalChatOf(aadObjectId: string): Promise<ConversationAddress | undefined> {
    // Across conversations: a user's personal chat is found by who they are, not by its id.
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

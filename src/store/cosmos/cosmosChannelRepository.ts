import type { Container } from '@azure/cosmos';
import type { ChannelLink, ChannelRepository } from '../../usecases/ports';
import { withoutSystemProperties } from './systemProperties';

interface ChannelLinkDocument extends ChannelLink {
  id: string;
  type: 'channelLink';
}

/** One document per conversation, partitioned by the conversation id Teams gives every turn. */
export class CosmosChannelRepository implements ChannelRepository {
  constructor(private readonly container: Container) {}

  async linkOf(conversationId: string): Promise<ChannelLink | undefined> {
    const { resource } = await this.container.item('link', conversationId).read<ChannelLinkDocument & Record<string, unknown>>();
    if (!resource) return undefined;
    const { conversationId: c, planId, networkId, linkedBy, linkedAt } = withoutSystemProperties<ChannelLinkDocument>(resource);
    return { conversationId: c, planId, networkId, linkedBy, linkedAt };
  }

  async link(link: ChannelLink): Promise<void> {
    const doc: ChannelLinkDocument = { id: 'link', type: 'channelLink', ...link };
    await this.container.items.upsert(doc);
  }
}

import { containerDefinitions } from '../../src/store/cosmos/containers';
import type { ConversationAddress } from '../../src/usecases/ports';
import { openTestStore } from '../support/embeddedStore';

const address = (conversationId: string, aadObjectId: string, updatedAt: string): ConversationAddress => ({
  conversationId,
  conversationType: 'personal',
  tenantId: 'tenant-1',
  aadObjectId,
  reference: { conversation: { id: conversationId } },
  updatedAt,
});

describe('finding a user\'s personal chat by a point read', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  const conversations = () => store.database.container(containerDefinitions.conversations.id);
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps a copy of the chat under the user, so the lookup reads one document by its key', async () => {
    await store.repos.channels.remember(address('a:alex-chat', 'aad-alex', '2025-10-01T10:00:00Z'));
    const { resource } = await conversations().item('personal-chat', 'user|aad-alex').read<{ address: ConversationAddress }>();
    expect(resource?.address.conversationId).toBe('a:alex-chat');
    expect((await store.repos.channels.personalChatOf('aad-alex'))?.conversationId).toBe('a:alex-chat');
    // A newer chat replaces it.
    await store.repos.channels.remember(address('a:alex-new', 'aad-alex', '2025-10-02T10:00:00Z'));
    expect((await store.repos.channels.personalChatOf('aad-alex'))?.conversationId).toBe('a:alex-new');
  });

  it('finds a chat remembered before the copy existed once, and keeps the answer', async () => {
    // As stored before: the address document alone.
    await conversations().items.create({ id: 'address', type: 'conversationAddress', ...address('a:old-chat', 'aad-megan', '2025-09-01T10:00:00Z') });
    expect((await store.repos.channels.personalChatOf('aad-megan'))?.conversationId).toBe('a:old-chat');
    const { resource } = await conversations().item('personal-chat', 'user|aad-megan').read<{ address: ConversationAddress }>();
    expect(resource?.address.conversationId).toBe('a:old-chat');
  });

  it('says there is no chat for a user who never opened one, and finds the chat once they do', async () => {
    expect(await store.repos.channels.personalChatOf('aad-adele')).toBeUndefined();
    const { resource } = await conversations().item('personal-chat', 'user|aad-adele').read<{ address?: ConversationAddress }>();
    expect(resource).toBeDefined();
    expect(resource?.address).toBeUndefined();
    await store.repos.channels.remember(address('a:adele-chat', 'aad-adele', '2025-10-01T10:00:00Z'));
    expect((await store.repos.channels.personalChatOf('aad-adele'))?.conversationId).toBe('a:adele-chat');
  });

  it('forgets the chat with its conversation (app removed, or Teams answers 403)', async () => {
    await store.repos.channels.remember(address('a:lynne-chat', 'aad-lynne', '2025-10-01T10:00:00Z'));
    await store.repos.channels.forget('a:lynne-chat');
    expect(await store.repos.channels.personalChatOf('aad-lynne')).toBeUndefined();
    expect(await store.repos.channels.addressOf('a:lynne-chat')).toBeUndefined();
  });
});

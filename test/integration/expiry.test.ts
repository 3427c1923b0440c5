import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboxItem } from '../../src/domain/reminders/outbox';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { openTestStore } from '../support/embeddedStore';

const PLAN = 'husum-tingbjerg-2024-2028';
const DAY_S = 86_400;

function item(id: string, kind: OutboxItem['kind'], status: OutboxItem['status'] = 'pending'): OutboxItem {
  return { id, type: 'outbox', planId: PLAN, reminderId: id, kind, recipient: { kind: 'member', memberId: 'alex-wilber', aadObjectId: 'aad-alex' }, about: { date: '2025-06-16' }, status, plannedAt: '2025-06-16T05:00:00.000Z', notBefore: '2025-06-16T05:00:00.000Z', attempts: 0 };
}

/**
 * Outbox items and planning leases carry a Cosmos time to live, on the embedded server through
 * the real SDK. The embedded server stores `ttl` and `defaultTtl` but deletes nothing, so what is
 * checked is what Azure Cosmos DB would act on: the stored values.
 */
describe('expiry of reminders through Cosmos DB time to live', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  const reminders = () => store.database.container(containerDefinitions.reminders.id);
  const storedTtl = async (id: string) => ((await reminders().item(id, PLAN).read<{ ttl?: number }>()).resource as { ttl?: number }).ttl;

  it('turns time to live on for the reminders container, with nothing expiring unless it says so', async () => {
    const { resource } = await reminders().read();
    expect(resource?.defaultTtl).toBe(-1);
  });

  it('never expires a pending or claimed item; a sent one expires 30 days after it was sent', async () => {
    await store.repos.outbox.createMissing([item('upcoming-1', 'upcomingMeeting')]);
    expect(await storedTtl('upcoming-1')).toBe(-1);
    const [due] = await store.repos.outbox.due(PLAN, '2025-06-16T06:00:00.000Z', 10);
    // The domain never sees the time to live.
    expect(due!.record).not.toHaveProperty('ttl');
    const claimed = await store.repos.outbox.update({ ...due!.record, status: 'sending', claimedBy: 'a', claimedUntil: '2025-06-16T06:05:00.000Z' }, due!.etag);
    expect(await storedTtl('upcoming-1')).toBe(-1);
    await store.repos.outbox.update({ ...claimed!.record, status: 'sent', sentAt: '2025-06-16T06:00:01.000Z' }, claimed!.etag);
    expect(await storedTtl('upcoming-1')).toBe(30 * DAY_S);
  });

  it('keeps a sent overdue-milestone or referral reminder, whose item is what stops it being sent again tomorrow', async () => {
    await store.repos.outbox.createMissing([item('overdue-1', 'milestoneOverdue', 'sent'), item('follow-up-1', 'referralFollowUp', 'sent'), item('muted-1', 'missingAttendance', 'muted')]);
    expect(await storedTtl('overdue-1')).toBe(-1);
    expect(await storedTtl('follow-up-1')).toBe(-1);
    expect(await storedTtl('muted-1')).toBe(30 * DAY_S);
  });

  it('lets a planning lease expire a week after it was last written', async () => {
    const lease = await store.repos.outbox.acquireLease(PLAN, 'instance-a', '2025-06-16T05:00:00.000Z', '2025-06-16T05:05:00.000Z');
    expect(await storedTtl('planning-lease')).toBe(7 * DAY_S);
    await store.repos.outbox.saveLease({ ...lease!.record, plannedFor: '2025-06-16' }, lease!.etag);
    expect(await storedTtl('planning-lease')).toBe(7 * DAY_S);
  });

  it('keeps the time to live setting when the embedded server saves and restores its data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'logbog-ttl-'));
    try {
      const first = await openTestStore({ dataDir });
      const databaseId = first.database.id;
      await first.close();
      const again = await openTestStore({ dataDir });
      const { resource } = await again.client.database(databaseId).container(containerDefinitions.reminders.id).read();
      expect(resource?.defaultTtl).toBe(-1);
      await again.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('does not index the audit snapshots kept beside the records', async () => {
    const { resource } = await store.database.container(containerDefinitions.records.id).read();
    expect(resource?.indexingPolicy?.excludedPaths).toEqual(expect.arrayContaining([{ path: '/before/*' }, { path: '/after/*' }]));
  });
});

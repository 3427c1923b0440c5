import { afterQuietHours, backoffMs, MEMBER_CARDS_PER_DAY, outboxItemId, outboxItemsFor } from '../../../src/domain/reminders/outbox';
import { dueReminders } from '../../../src/domain/reminders/dueReminders';
import { loadPlanFile, planFiles } from '../../fixtures/plans';

// The demo plan names its people by e-mail address; here Teams has told everyone's object id.
const named = loadPlanFile(planFiles.husumTingbjerg);
const husum = { ...named, members: named.members.map((m) => ({ ...m, aadObjectId: m.id === 'alex-wilber' ? '00000000-0000-0000-0000-0000000000020' : `aad-${m.id}` })) };
const cph = 'Europe/Copenhagen';
const alex = '00000000-0000-0000-0000-0000000000020';

describe('the reminder outbox', () => {
  const now = new Date('2025-10-29T08:00:00Z');
  const reminders = dueReminders({ plan: husum, today: '2025-10-29', meetings: [], openReferrals: [], lastWeekAttendance: [] });

  it('gives the same reminder to the same recipient the same id, whoever plans it', () => {
    const a = outboxItemsFor({ plan: husum, reminders, now, channelsOf: () => ['19:x@thread.tacv2'], preferencesOf: () => ({}) });
    const b = outboxItemsFor({ plan: husum, reminders, now: new Date('2025-10-29T09:30:00Z'), channelsOf: () => ['19:x@thread.tacv2'], preferencesOf: () => ({}) });
    expect(a.map((i) => i.id)).toEqual(b.map((i) => i.id));
    expect(new Set(a.map((i) => i.id)).size).toBe(a.length);
    // Cosmos DB ids may not hold / \\ ? #; Teams conversation ids can.
    expect(outboxItemId('upcoming:x:2025-11-01', { kind: 'channel', conversationId: '19:a/b?c#d@thread.tacv2', networkId: 'x' })).not.toMatch(/[/\\?#]/);
  });

  it('marks a muted kind muted and holds everything for a weekly-digest reader', () => {
    const items = outboxItemsFor({ plan: husum, reminders, now, channelsOf: () => [], preferencesOf: (aad) => (aad === alex ? { mutedKinds: ['milestoneOverdue'] } : { weeklyDigest: true }) });
    const alexItems = items.filter((i) => i.recipient.kind === 'member' && i.recipient.aadObjectId === alex);
    expect(alexItems.filter((i) => i.kind === 'milestoneOverdue').every((i) => i.status === 'muted')).toBe(true);
    // The rest arrive as one digest: the single items are kept, marked digested.
    expect(alexItems.filter((i) => i.kind !== 'milestoneOverdue' && i.kind !== 'digest').every((i) => i.status === 'digested')).toBe(true);
    expect(alexItems.filter((i) => i.kind === 'digest').map((i) => [i.status, i.lines?.length])).toEqual([['pending', alexItems.filter((i) => i.status === 'digested').length]]);
    expect(items.filter((i) => i.recipient.kind === 'member' && i.recipient.aadObjectId !== alex).every((i) => i.status === 'held')).toBe(true);
  });

  it('sends a member at most one card a day: many reminders become one digest, overdue first', () => {
    const items = outboxItemsFor({ plan: husum, reminders, now, channelsOf: () => [], preferencesOf: () => ({}) });
    const perMember = new Map<string, number>();
    for (const i of items) if (i.recipient.kind === 'member' && i.status === 'pending') perMember.set(i.recipient.memberId, (perMember.get(i.recipient.memberId) ?? 0) + 1);
    expect(Math.max(...perMember.values())).toBe(MEMBER_CARDS_PER_DAY);
    const digest = items.find((i) => i.kind === 'digest' && i.recipient.kind === 'member' && i.recipient.aadObjectId === alex)!;
    expect(digest.digestOf).toBe('day');
    const kinds = digest.lines!.map((l) => l.kind);
    expect(kinds.indexOf('milestoneOverdue')).toBe(0);
    // Planned again the same day, the digest has the same id: it is never sent twice.
    const again = outboxItemsFor({ plan: husum, reminders, now, channelsOf: () => [], preferencesOf: () => ({}) });
    expect(again.find((i) => i.kind === 'digest' && i.recipient.kind === 'member' && i.recipient.aadObjectId === alex)!.id).toBe(digest.id);
  });

  it('plans for a member known by e-mail address only, without an object id, with the default settings', () => {
    const items = outboxItemsFor({ plan: named, reminders, now, channelsOf: () => [], preferencesOf: () => ({ weeklyDigest: true }) });
    const members = items.filter((i) => i.recipient.kind === 'member');
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((i) => i.recipient.kind === 'member' && i.recipient.aadObjectId === undefined && i.status === 'pending')).toBe(true);
  });

  it('sends to a network\'s linked channels as well as its coordinators', () => {
    const items = outboxItemsFor({ plan: husum, reminders, now, channelsOf: (n) => (n === 'din-fritid-netvaerk' ? ['19:a@thread.tacv2', '19:b@thread.tacv2'] : []), preferencesOf: () => ({}) });
    const upcoming = items.filter((i) => i.reminderId === 'upcoming:din-fritid-netvaerk:2025-11-01');
    expect(upcoming.map((i) => (i.recipient.kind === 'member' ? i.recipient.memberId : i.recipient.conversationId)).sort()).toEqual(['19:a@thread.tacv2', '19:b@thread.tacv2', 'aisha-joergensen', 'alex-wilber']);
  });
});

describe('quiet hours', () => {
  const quiet = { from: '21:00', to: '07:30' };
  it.each([
    ['2025-10-29T21:30:00+01:00', '2025-10-30T07:30:00+01:00'], // late evening waits for tomorrow
    ['2025-10-30T06:00:00+01:00', '2025-10-30T07:30:00+01:00'], // early morning waits for this morning
    ['2025-10-30T12:00:00+01:00', '2025-10-30T12:00:00+01:00'], // midday goes now
    ['2025-03-29T22:00:00+01:00', '2025-03-30T07:30:00+02:00'], // across the night summer time starts
    ['2025-10-25T22:00:00+02:00', '2025-10-26T07:30:00+01:00'], // and the night it ends
  ])('a reminder due %s leaves %s', (due, expected) => {
    expect(afterQuietHours(new Date(due), quiet, cph).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('handles quiet hours within one day (12:00-13:00)', () => {
    expect(afterQuietHours(new Date('2025-06-02T12:15:00+02:00'), { from: '12:00', to: '13:00' }, cph).toISOString()).toBe('2025-06-02T11:00:00.000Z');
  });
});

describe('backoff after a 5xx', () => {
  it('doubles per attempt with jitter between half and all of it, capped at 30 s', () => {
    expect([0, 1, 2, 3].map((a) => backoffMs(a, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((a) => backoffMs(a, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });
});

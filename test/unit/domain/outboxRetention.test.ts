import { addDays, daysBetween } from '../../../src/domain/calendar';
import type { MeetingRecord } from '../../../src/domain/records/meeting';
import type { ReferralRecord } from '../../../src/domain/records/referral';
import { dueReminders } from '../../../src/domain/reminders/dueReminders';
import { OUTBOX_RETENTION_DAYS, outboxRetentionDays } from '../../../src/domain/reminders/outboxRetention';
import { loadDemoPlan } from '../../fixtures/plans';

const plan = loadDemoPlan();

/**
 * A finished outbox item may expire only if its reminder is never planned again once it is gone:
 * planning would meet no item and send the reminder a second time. Walking 400 days of the demo
 * plan (nothing logged, nothing done, one referral left open, one meeting with a follow-up item),
 * every reminder id is planned on a span of days; an expiring kind's span must fit inside the
 * retention period, measured from the first day it was planned (the earliest it can have been sent).
 */
describe('outbox retention against the days each reminder is planned', () => {
  const meeting: MeetingRecord = {
    id: 'meeting-1', planId: plan.id, type: 'meeting', networkId: 'din-fritid-netvaerk', date: '2025-05-01', participants: [], organisations: [], othersCount: 0,
    followUps: [{ id: 'item-1', text: 'Book hallen', owner: 'megan-bowen', due: '2025-06-20' }], loggedBy: 'megan-bowen', loggedAt: '2025-05-01T18:00:00Z',
  };
  const referral: ReferralRecord = {
    id: 'referral-1', planId: plan.id, type: 'referral', from: { activityId: 'din-fritid' }, to: { offerId: 'forening' }, ageBand: '6-12', consentBasis: 'anonymous',
    date: '2024-11-10', status: 'started', history: [], followUpDate: '2025-05-10', loggedBy: 'megan-bowen', loggedAt: '2024-11-10T10:00:00Z',
  };
  const spans = new Map<string, { kind: string; first: string; last: string }>();
  for (let day = '2025-04-01'; day <= '2026-05-05'; day = addDays(day, 1)) {
    for (const r of dueReminders({ plan, today: day, meetings: [meeting], openReferrals: [referral], lastWeekAttendance: [] })) {
      const span = spans.get(r.id) ?? { kind: r.kind, first: day, last: day };
      spans.set(r.id, { ...span, last: day });
    }
  }
  const kinds = [...new Set([...spans.values()].map((s) => s.kind))];

  it('plans every kind of reminder somewhere in the year walked', () => {
    expect(kinds.sort()).toEqual(['followUpItemDue', 'logTheMeeting', 'milestoneDue', 'milestoneOverdue', 'missingAttendance', 'referralFollowUp', 'upcomingMeeting']);
  });

  it.each(kinds)('%s: either kept once sent, or never planned again after its retention period', (kind) => {
    const retention = outboxRetentionDays({ kind: kind as never, status: 'sent' });
    const longest = Math.max(...[...spans.values()].filter((s) => s.kind === kind).map((s) => daysBetween(s.first, s.last)));
    if (retention === undefined) expect(longest).toBeGreaterThan(OUTBOX_RETENTION_DAYS);
    else expect(longest).toBeLessThan(retention);
  });

  it('never lets an item expire before it is sent', () => {
    for (const status of ['pending', 'sending', 'held'] as const) expect(outboxRetentionDays({ kind: 'upcomingMeeting', status })).toBeUndefined();
  });
});

import type { AttendanceRecord } from '../../../src/domain/attendance/attendance';
import type { MeetingRecord } from '../../../src/domain/records/meeting';
import type { ReferralRecord } from '../../../src/domain/records/referral';
import { dueReminders, type ReminderInputs } from '../../../src/domain/reminders/dueReminders';
import { loadDemoPlan } from '../../fixtures/plans';

const plan = loadDemoPlan();
const none = { meetings: [], openReferrals: [], lastWeekAttendance: [] };
const remindersOn = (today: string, inputs: Partial<ReminderInputs> = {}) => dueReminders({ plan, today, ...none, ...inputs });
const ofKind = (today: string, kind: string, inputs: Partial<ReminderInputs> = {}) => remindersOn(today, inputs).filter((r) => r.kind === kind);

function meeting(networkId: string, date: string, followUps: MeetingRecord['followUps'] = []): MeetingRecord {
  return { id: `meeting-${networkId}-${date}`, planId: plan.id, type: 'meeting', networkId, date, participants: [], organisations: [], othersCount: 0, followUps, loggedBy: 'megan-bowen', loggedAt: `${date}T18:00:00Z` };
}

describe('which reminders are due, from the Husum-Tingbjerg plan', () => {
  it('reminds the Din Fritid coordinators three days before the monthly meeting, with the open follow-up items as agenda', () => {
    const earlier = meeting('din-fritid-netvaerk', '2025-05-01', [
      { id: 'f1', text: 'Book hallen', owner: 'megan-bowen', due: '2025-06-20' },
      { id: 'f2', text: 'Send årshjulet', owner: 'megan-bowen', due: '2025-05-10', done: { date: '2025-05-09', by: 'megan-bowen' } },
    ]);
    const [reminder, ...rest] = ofKind('2025-05-29', 'upcomingMeeting', { meetings: [earlier] }).filter((r) => r.networkId === 'din-fritid-netvaerk');
    expect(rest).toEqual([]);
    expect(reminder).toMatchObject({ id: 'upcoming:din-fritid-netvaerk:2025-06-01', memberIds: ['alex-wilber', 'aisha-joergensen'], about: { date: '2025-06-01', openItems: ['Book hallen'] } });
  });

  it('says "husk at logge mødet" the day after a meeting nobody logged, and not when it was logged', () => {
    expect(ofKind('2025-06-02', 'logTheMeeting').map((r) => r.id)).toContain('log-meeting:din-fritid-netvaerk:2025-06-01');
    const logged = ofKind('2025-06-02', 'logTheMeeting', { meetings: [meeting('din-fritid-netvaerk', '2025-05-31')] });
    expect(logged.map((r) => r.id)).not.toContain('log-meeting:din-fritid-netvaerk:2025-06-01');
  });

  it('never asks to log a meeting whose date the plan only estimates ("3-4 møder årligt")', () => {
    expect(ofKind('2025-04-02', 'logTheMeeting').map((r) => r.networkId)).not.toContain('administrativ-foelgegruppe');
  });

  it('reminds the owner of the 1-årseftersyn (autumn 2025) in its last two weeks, then the leaders once overdue', () => {
    expect(ofKind('2025-11-20', 'milestoneDue').find((r) => r.about.milestoneId === 'aarseftersyn')).toMatchObject({ memberIds: ['alex-wilber'], about: { date: '2025-11-30' } });
    expect(ofKind('2025-11-10', 'milestoneDue').find((r) => r.about.milestoneId === 'aarseftersyn')).toBeUndefined();
    // The owner hears it the day after the due date; the other leaders once the 7-day grace period is over.
    expect(ofKind('2025-12-01', 'milestoneOverdue').filter((r) => r.about.milestoneId === 'aarseftersyn')).toEqual([expect.objectContaining({ id: 'milestone-overdue:aarseftersyn:2025-11-30', memberIds: ['alex-wilber'] })]);
    expect(ofKind('2025-12-07', 'milestoneOverdue').filter((r) => r.about.milestoneId === 'aarseftersyn')).toHaveLength(1); // grace period
    expect(ofKind('2025-12-08', 'milestoneOverdue').filter((r) => r.about.milestoneId === 'aarseftersyn').map((r) => [r.id, r.memberIds])).toEqual([
      ['milestone-overdue:aarseftersyn:2025-11-30', ['alex-wilber']],
      ['milestone-escalated:aarseftersyn:2025-11-30', ['jonas-baekgaard']],
    ]);
  });

  it('reminds the author of an open referral at its 6-month follow-up, and not of a closed one', () => {
    const referral: ReferralRecord = {
      id: 'referral-1', planId: plan.id, type: 'referral', from: { activityId: 'din-fritid' }, to: { offerId: 'forening' }, ageBand: '6-12', consentBasis: 'anonymous',
      date: '2025-06-10', status: 'started', history: [], followUpDate: '2025-12-10', loggedBy: 'megan-bowen', loggedAt: '2025-06-10T10:00:00Z',
    };
    expect(ofKind('2025-12-10', 'referralFollowUp', { openReferrals: [referral] })).toEqual([expect.objectContaining({ id: 'referral-follow-up:referral-1:2025-12-10', memberIds: ['megan-bowen'] })]);
    expect(ofKind('2025-12-09', 'referralFollowUp', { openReferrals: [referral] })).toEqual([]);
    expect(ofKind('2025-12-10', 'referralFollowUp', { openReferrals: [{ ...referral, status: 'completed' }] })).toEqual([]);
  });

  it('flags a weekly activity with nothing logged last week, in season only', () => {
    const session: AttendanceRecord = { id: 's', planId: plan.id, type: 'attendance', activityId: 'legepatrulje', date: '2025-06-11', headcount: 14, loggedBy: 'megan-bowen', loggedAt: '2025-06-11T18:00:00Z' };
    const missing = (today: string, lastWeekAttendance: AttendanceRecord[] = []) => ofKind(today, 'missingAttendance', { lastWeekAttendance }).map((r) => r.id);
    expect(missing('2025-06-16')).toContain('missing-attendance:legepatrulje:2025-06-09');
    expect(missing('2025-06-16', [session])).not.toContain('missing-attendance:legepatrulje:2025-06-09');
    // Legepatruljen runs 1 April to 30 September.
    expect(missing('2025-01-13')).not.toContain('missing-attendance:legepatrulje:2025-01-06');
  });

  it('reminds the owner of a follow-up item due within three days, unless it is done', () => {
    const items = (done: boolean) => [meeting('beskaeftigelsesnetvaerk', '2025-06-01', [{ id: 'item-1', text: 'Ring til KVUC', owner: 'adele-vance', due: '2025-06-19', ...(done ? { done: { date: '2025-06-15', by: 'adele-vance' } } : {}) }])];
    expect(ofKind('2025-06-16', 'followUpItemDue', { meetings: items(false) })).toEqual([expect.objectContaining({ id: 'follow-up-item:item-1:2025-06-19', memberIds: ['adele-vance'] })]);
    expect(ofKind('2025-06-16', 'followUpItemDue', { meetings: items(true) })).toEqual([]);
  });

  it('gives the same ids when planned twice, and no id twice on one day', () => {
    const first = remindersOn('2025-06-02').map((r) => r.id);
    expect(remindersOn('2025-06-02').map((r) => r.id)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });
});

import { validateAttendance } from '../../../src/domain/attendance/attendance';
import { loadDemoPlan } from '../../fixtures/plans';

describe('validating an attendance entry against the Husum-Tingbjerg plan', () => {
  const plan = loadDemoPlan();
  const activityId = plan.activities[0]!.id;
  const today = '2025-06-16';
  const valid = { activityId, date: '2025-06-10', headcount: '17', newParticipants: '3' };

  it('accepts a session in the plan period with a headcount and new participants', () => {
    expect(validateAttendance(valid, plan, today)).toEqual({ ok: true, value: { activityId, date: '2025-06-10', headcount: 17, newParticipants: 3 } });
  });

  it('treats new participants as optional', () => {
    const result = validateAttendance({ ...valid, newParticipants: '' }, plan, today);
    expect(result).toEqual({ ok: true, value: { activityId, date: '2025-06-10', headcount: 17 } });
  });

  it.each([
    ['a missing headcount', { headcount: '' }, 'headcount', 'required'],
    ['a negative headcount', { headcount: '-2' }, 'headcount', 'negative'],
    ['a headcount that is not a whole number', { headcount: '4.5' }, 'headcount', 'notAWholeNumber'],
    ['an absurd headcount', { headcount: '99999' }, 'headcount', 'tooLarge'],
    ['an activity that is not in the plan', { activityId: 'skak-for-alle' }, 'activityId', 'unknownActivity'],
    ['a date before the plan started (1 September 2024)', { date: '2024-08-31' }, 'date', 'beforePlanPeriod'],
    ['a date after the plan ends (31 August 2028)', { date: '2028-09-01' }, 'date', 'afterPlanPeriod'],
    ['a date in the future', { date: '2025-06-17' }, 'date', 'inFuture'],
    ['a date that does not exist', { date: '2025-02-29' }, 'date', 'invalidDate'],
    ['more new participants than participants', { newParticipants: '18' }, 'newParticipants', 'newExceedsHeadcount'],
  ])('refuses %s', (_name, change, field, code) => {
    const result = validateAttendance({ ...valid, ...change }, plan, today);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContainEqual({ field, code });
  });

  it('accepts a session on the first and the last day of the plan', () => {
    expect(validateAttendance({ ...valid, date: '2024-09-01' }, plan, today).ok).toBe(true);
    expect(validateAttendance({ ...valid, date: '2028-08-31' }, plan, '2028-08-31').ok).toBe(true);
  });

  it('reports every problem at once, so the user fixes the card in one go', () => {
    const result = validateAttendance({ activityId: '', date: '', headcount: '' }, plan, today);
    expect(!result.ok && result.errors.map((e) => e.field).sort()).toEqual(['activityId', 'date', 'headcount']);
  });
});

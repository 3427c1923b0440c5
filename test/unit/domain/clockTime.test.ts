import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isClockTime } from '../../../src/domain/clockTime';
import { parsePlan } from '../../../src/domain/plan/parsePlan';
import { validateMeeting } from '../../../src/domain/records/meeting';
import { loadDemoPlan, planFiles } from '../../fixtures/plans';

/** "99:99" was stored as a start time; a clock time is refused wherever one is accepted. */
describe('clock times', () => {
  it.each(['00:00', '09:30', '16:00', '23:59'])('takes %s', (time) => {
    expect(isClockTime(time)).toBe(true);
  });

  it.each(['99:99', '24:00', '16:60', '9:30', '16.30', '16:30:00', ' 16:30', '١٦:٣٠'])('refuses %s', (time) => {
    expect(isClockTime(time)).toBe(false);
  });

  it('refuses a meeting starting at 99:99 with a field error on the start time', () => {
    const plan = loadDemoPlan();
    const result = validateMeeting({ networkId: plan.networks[0]!.id, date: '2025-06-03', startTime: '99:99' }, plan, '2025-06-16');
    expect(result).toEqual({ ok: false, errors: [{ field: 'startTime', code: 'invalidTime' }] });
  });

  it('refuses a plan file whose network meets at 99:99', () => {
    const plan = parse(readFileSync(planFiles.husumTingbjerg, 'utf8')) as { networks: Record<string, unknown>[] };
    plan.networks[0]!.cadence = { kind: 'monthlyWeekday', nth: 1, weekday: 'tuesday', start: '99:99', end: '19:00', text: 'første tirsdag kl. 16-19' };
    delete plan.networks[0]!.cadences;
    const result = parsePlan(plan);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(!result.ok && result.issues)).toContain('skal være et klokkeslæt som TT:MM');
  });
});

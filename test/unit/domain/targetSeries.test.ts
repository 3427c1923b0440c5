import { planTargets } from '../../../src/domain/plan/planTargets';
import { milestoneTimeline } from '../../../src/domain/status/milestoneTimeline';
import { planStatus } from '../../../src/domain/status/planStatus';
import { referralFunnels } from '../../../src/domain/status/referralFunnel';
import { rollupsFromRecords } from '../../../src/domain/status/rollups';
import { targetSeries } from '../../../src/domain/status/targetSeries';
import { busyLogbook } from '../../support/busyLogbook';
import { loadPlanFile, planFiles } from '../../fixtures/plans';

const plan = loadPlanFile(planFiles.husumTingbjerg);
const period = { from: '2025-01-01', to: '2025-12-31' };
const today = '2025-08-20';
// A session every week of the year for every activity, but only what has happened by today.
const records = busyLogbook(plan, 2025).filter((r) => r.date <= today);
const rollups = [...rollupsFromRecords(plan.id, records).values()];

describe("a target's figure month by month", () => {
  const status = planStatus({ plan, scope: { kind: 'plan' }, period, today, rollups });

  it('ends, for every target of the plan, on the figure status shows today', () => {
    let compared = 0;
    for (const pt of planTargets(plan)) {
      const series = targetSeries({ plan, period, today, rollups }, pt);
      const figure = status.targets.find((t) => t.key === pt.key)!.actual;
      const last = series.points.at(-1);
      if (figure === undefined) continue;
      // A partner's or an indicator's figure is not logged month by month; the rest end on the figure.
      if (!last) continue;
      expect({ key: pt.key, value: last.value }).toEqual({ key: pt.key, value: figure });
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('has a point for each month with logs up to today, on an axis of every month of the period', () => {
    const pt = planTargets(plan).find((t) => t.key === 'kompetenceudvikling-og-kurser/undervisningsgange')!;
    const series = targetSeries({ plan, period, today, rollups }, pt);
    expect(series.months).toHaveLength(12);
    expect(series.points.map((p) => p.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08']);
    // Cumulative: never falls.
    expect(series.points.every((p, i) => i === 0 || p.value >= series.points[i - 1]!.value)).toBe(true);
  });

  it('draws the goal line as the share of the yearly goal due by each month end, reaching the whole goal in December', () => {
    const pt = planTargets(plan).find((t) => t.key === 'kompetenceudvikling-og-kurser/undervisningsgange')!;
    const { goal } = targetSeries({ plan, period, today, rollups }, pt);
    expect(goal.at(-1)).toEqual({ month: '2025-12', value: 40 });
    expect(goal[0]).toEqual({ month: '2025-01', value: Math.round(40 * (31 / 365) * 10) / 10 });
  });

  it('leaves out months with no logs, so a gap in the logbook is a gap in the points', () => {
    const pt = planTargets(plan).find((t) => t.key === 'kompetenceudvikling-og-kurser/undervisningsgange')!;
    const withoutMarch = [...rollupsFromRecords(plan.id, records.filter((r) => !r.date.startsWith('2025-03'))).values()];
    expect(targetSeries({ plan, period, today, rollups: withoutMarch }, pt).points.map((p) => p.month)).not.toContain('2025-03');
  });
});

describe('the referral funnel and the milestone timeline', () => {
  it('has no offers when nothing was referred', () => {
    expect(referralFunnels(plan, rollups, period, today)).toEqual([]);
  });

  it('marks the same milestones overdue as the status card counts', () => {
    const status = planStatus({ plan, scope: { kind: 'plan' }, period, today, rollups });
    const timeline = milestoneTimeline(plan, status.period, today, []);
    expect(timeline.filter((e) => e.mark === 'overdue').map((e) => e.id).sort()).toEqual(status.milestones.overdue.map((m) => m.id).sort());
    expect(timeline.filter((e) => e.mark === 'open').length).toBeGreaterThanOrEqual(status.milestones.dueSoon.length);
  });
});

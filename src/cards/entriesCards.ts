import { findTarget } from '../domain/plan/planTargets';
import type { Plan } from '../domain/plan/schema';
import type { Messages } from '../i18n';
import type { MyEntries } from '../usecases/manageEntries';
import type { LoggedRecord } from '../usecases/ports';
import { nameOf } from './planNames';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

const correctVerb = {
  attendance: cardVerbs.correctAttendance,
  meeting: cardVerbs.correctMeeting,
  referral: cardVerbs.correctReferral,
  outcome: cardVerbs.correctOutcome,
  assessment: cardVerbs.correctAssessment,
} as const;

function describe(m: Messages, plan: Plan, r: LoggedRecord): { heading: string; detail: string } {
  const e = m.myEntries;
  const date = m.formatDate(r.date);
  switch (r.type) {
    case 'attendance':
      return { heading: e.attendance(nameOf(plan, { activityId: r.activityId }), date), detail: e.headcount(r.headcount) };
    case 'referral':
      return { heading: e.referral(nameOf(plan, r.from), nameOf(plan, r.to), date), detail: e.status(m.statusNames[r.status]) };
    case 'meeting':
      return { heading: e.meeting(nameOf(plan, { networkId: r.networkId }), date), detail: e.participants(r.participants.length + r.othersCount) };
    case 'outcome': {
      const activity = plan.activities.find((a) => a.id === r.activityId);
      const outcome = activity?.outcomes.find((o) => o.id === r.outcomeId);
      return { heading: e.outcome(outcome?.name ?? r.outcomeId, activity?.name ?? r.activityId, date), detail: e.count(r.count) };
    }
    case 'assessment': {
      const target = findTarget(plan, r.targetKey)?.target;
      return { heading: e.assessment(target?.kind === 'assessment' ? target.question : r.targetKey, date), detail: e.agreeing(r.agreeing, r.asked) };
    }
  }
}

export function myEntriesCard(m: Messages, view: MyEntries): CardJson {
  const e = m.myEntries;
  const { plan, outcome } = view;
  const notice = outcome && 'deleted' in outcome ? e.deleted(describe(m, plan, outcome.deleted).heading) : outcome ? e.refused[outcome.refused] : '';
  return renderCard('my-entries', {
    labels: e,
    planName: plan.name,
    notice,
    noticeColor: outcome && 'deleted' in outcome ? 'Good' : 'Attention',
    empty: view.entries.length ? '' : e.empty,
    entries: view.entries.map(({ record, change }) => {
      const { heading, detail } = describe(m, plan, record);
      const button = (title: string, verb: string) => ({ title, verb, planId: plan.id, recordId: record.id });
      const buttons =
        change !== 'allowed' ? [] : [button(e.correct, correctVerb[record.type]), button(e.delete, cardVerbs.deleteEntry)];
      return { heading, detail: change === 'allowed' ? detail : `${detail} · ${e.closed}`, buttons };
    }),
  });
}

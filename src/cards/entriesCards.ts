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

function noticeOf(m: Messages, plan: Plan, outcome: MyEntries['outcome']): { notice: string; good: boolean } {
  const e = m.myEntries;
  if (!outcome) return { notice: '', good: true };
  if ('deleted' in outcome) return { notice: e.deleted(describe(m, plan, outcome.deleted).heading), good: true };
  if ('restored' in outcome) return { notice: e.restored(describe(m, plan, outcome.restored).heading), good: true };
  return { notice: e.refused[outcome.refused], good: false };
}

/**
 * `mine registreringer`: the latest entries with "Ret" and "Slet". "Slet" asks first, and after a
 * deletion the card offers "Fortryd" for a day.
 */
export function myEntriesCard(m: Messages, view: MyEntries): CardJson {
  const e = m.myEntries;
  const { plan, outcome } = view;
  const { notice, good } = noticeOf(m, plan, outcome);
  const undo = outcome && 'deleted' in outcome ? [{ title: e.undo, verb: cardVerbs.undoDelete, planId: plan.id, recordId: outcome.deleted.id }] : [];
  return renderCard('my-entries', {
    labels: e,
    planName: plan.name,
    notice,
    noticeColor: good ? 'Good' : 'Attention',
    undo,
    empty: view.entries.length ? '' : e.empty,
    entries: view.entries.map(({ record, change }) => {
      const { heading, detail } = describe(m, plan, record);
      const allowed = change === 'allowed';
      return {
        heading,
        detail: allowed ? detail : `${detail} · ${e.closed}`,
        buttons: allowed ? [{ title: e.correct, verb: correctVerb[record.type], planId: plan.id, recordId: record.id }] : [],
        confirmations: allowed ? [{ title: e.delete, question: e.confirmDelete(heading), confirm: e.confirmDeleteButton, verb: cardVerbs.deleteEntry, planId: plan.id, recordId: record.id }] : [],
      };
    }),
  });
}

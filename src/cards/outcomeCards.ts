import { loggableOutcomes, type OutcomeRecord } from '../domain/records/outcome';
import type { Plan } from '../domain/plan/schema';
import type { Messages } from '../i18n';
import type { OutcomeForm } from '../usecases/logOutcome';
import { fieldErrorTexts } from './fieldErrorTexts';
import { formFrame, numberOrEmpty } from './formFrame';
import { recordSavedCard } from './recordSavedCard';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

const fields = ['outcome', 'date', 'count', 'note'] as const;

export function outcomeFormCard(m: Messages, form: OutcomeForm): CardJson {
  const f = m.outcomeForm;
  const choices = loggableOutcomes(form.plan).map((o) => ({ title: `${o.outcome.name} (${o.activity.name})`, value: o.value }));
  const v = form.values;
  return renderCard('outcome-form', {
    ...formFrame(m, form, f, f.correctTitle),
    outcomes: choices,
    values: { outcome: choices.some((c) => c.value === v.outcome) ? v.outcome : '', date: v.date ?? '', count: numberOrEmpty(v.count), note: v.note ?? '' },
    errors: fieldErrorTexts(m, form.errors, fields),
  });
}

export function outcomeSavedCard(m: Messages, plan: Plan, r: OutcomeRecord, alreadySaved: boolean, corrected = false): CardJson {
  const f = m.outcomeForm;
  const activity = plan.activities.find((a) => a.id === r.activityId);
  return recordSavedCard({
    title: f.savedTitle,
    planName: plan.name,
    notice: corrected ? m.myEntries.corrected : alreadySaved ? f.alreadySaved : '',
    facts: [
      { title: f.outcome, value: activity?.outcomes.find((o) => o.id === r.outcomeId)?.name ?? r.outcomeId },
      { title: f.activity, value: activity?.name ?? r.activityId },
      { title: f.date, value: m.formatDate(r.date) },
      { title: f.count, value: m.formatNumber(r.count) },
    ],
    actions: [
      { title: f.logAnother, verb: cardVerbs.showOutcomeForm },
      { title: m.attendanceSaved.status, verb: cardVerbs.showStatus },
    ],
  });
}

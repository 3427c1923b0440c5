import { findTarget } from '../domain/plan/planTargets';
import type { Plan } from '../domain/plan/schema';
import type { AssessmentRecord } from '../domain/records/assessment';
import type { Messages } from '../i18n';
import type { AssessmentForm } from '../usecases/logAssessment';
import { fieldErrorTexts } from './fieldErrorTexts';
import { formFrame, numberOrEmpty } from './formFrame';
import { recordSavedCard } from './recordSavedCard';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

const fields = ['targetKey', 'date', 'asked', 'agreeing', 'source', 'note'] as const;

export function assessmentFormCard(m: Messages, form: AssessmentForm): CardJson {
  const f = m.assessmentForm;
  const choices = form.targets.map((t) => {
    const method = t.target.kind === 'assessment' ? f.methods[t.target.method] : '';
    const question = t.target.kind === 'assessment' ? t.target.question : t.target.text;
    return { title: `${method}: ${question}`.slice(0, 160), value: t.key };
  });
  const v = form.values;
  return renderCard('assessment-form', {
    ...formFrame(m, form, f, f.correctTitle),
    targets: choices,
    values: { targetKey: choices.some((c) => c.value === v.targetKey) ? v.targetKey : '', date: v.date ?? '', asked: numberOrEmpty(v.asked), agreeing: numberOrEmpty(v.agreeing), source: v.source ?? '', note: v.note ?? '' },
    errors: fieldErrorTexts(m, form.errors, fields),
  });
}

export function assessmentSavedCard(m: Messages, plan: Plan, r: AssessmentRecord, alreadySaved: boolean, corrected = false): CardJson {
  const f = m.assessmentForm;
  const target = findTarget(plan, r.targetKey)?.target;
  return recordSavedCard({
    title: f.savedTitle,
    planName: plan.name,
    notice: corrected ? m.myEntries.corrected : alreadySaved ? f.alreadySaved : '',
    facts: [
      { title: f.target, value: target?.kind === 'assessment' ? target.question : r.targetKey },
      { title: f.date, value: m.formatDate(r.date) },
      { title: f.result, value: f.share(r.agreeing, r.asked, m.formatNumber(Math.round((r.agreeing / r.asked) * 1000) / 10)) },
      { title: f.source, value: r.source },
    ],
    actions: [
      { title: f.logAnother, verb: cardVerbs.showAssessmentForm },
      { title: m.attendanceSaved.status, verb: cardVerbs.showStatus },
    ],
  });
}

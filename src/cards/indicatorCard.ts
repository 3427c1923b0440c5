import type { Messages } from '../i18n';
import { indicatorsOf, reportedChoice, reportedTargetsOf, type IndicatorForm } from '../usecases/enterIndicator';
import { fieldErrorTexts } from './fieldErrorTexts';
import { renderCard, type CardJson } from './renderCard';

export function indicatorFormCard(m: Messages, form: IndicatorForm): CardJson {
  const l = m.indicatorForm;
  const errors = fieldErrorTexts(m, form.errors, ['indicatorId', 'period', 'value', 'comparison', 'source']);
  const choices = [
    ...indicatorsOf(form.plan).map((i) => ({ title: i.name.slice(0, 120), value: i.id })),
    ...reportedTargetsOf(form.plan).map((t) => ({ title: l.reportedChoice(t.target.text).slice(0, 140), value: reportedChoice(t.key) })),
  ];
  const saved = form.saved;
  const savedName = saved ? (saved.type === 'reportedFigure' ? reportedTargetsOf(form.plan).find((t) => t.key === saved.targetKey)?.target.text : indicatorsOf(form.plan).find((i) => i.id === saved.indicatorId)?.name) : undefined;
  const savedPeriod = saved ? (saved.type === 'reportedFigure' ? String(saved.year) : saved.period) : '';
  const v = form.values;
  return renderCard('indicator-form', {
    labels: l,
    planName: form.plan.name,
    notice: saved ? l.saved(savedName ?? '', m.formatNumber(saved.value), savedPeriod) : form.errors.length ? l.fixBelow : '',
    noticeColor: saved ? 'Good' : 'Attention',
    indicators: choices,
    values: { indicatorId: choices.some((c) => c.value === v.indicatorId) ? v.indicatorId : '', period: v.period ?? '', value: v.value ?? '', comparison: v.comparison ?? '', source: v.source ?? '' },
    errors,
  });
}

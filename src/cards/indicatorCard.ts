import type { Messages } from '../i18n';
import { indicatorsOf, type IndicatorForm } from '../usecases/enterIndicator';
import { fieldErrorTexts } from './fieldErrorTexts';
import { renderCard, type CardJson } from './renderCard';

export function indicatorFormCard(m: Messages, form: IndicatorForm): CardJson {
  const l = m.indicatorForm;
  const errors = fieldErrorTexts(m, form.errors, ['indicatorId', 'period', 'value', 'source']);
  const saved = form.saved ? indicatorsOf(form.plan).find((i) => i.id === form.saved!.indicatorId) : undefined;
  return renderCard('indicator-form', {
    labels: l,
    planName: form.plan.name,
    notice: form.saved ? l.saved(saved?.name ?? form.saved.indicatorId, m.formatNumber(form.saved.value), form.saved.period) : form.errors.length ? l.fixBelow : '',
    noticeColor: form.saved ? 'Good' : 'Attention',
    indicators: indicatorsOf(form.plan).map((i) => ({ title: i.name.slice(0, 120), value: i.id })),
    values: { indicatorId: form.values.indicatorId ?? '', period: form.values.period ?? '', value: form.values.value ?? '', source: form.values.source ?? '' },
    errors,
  });
}

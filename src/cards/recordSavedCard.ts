import { renderCard, type CardJson } from './renderCard';
import type { CardVerb } from './verbs';

export interface RecordSavedView {
  title: string;
  planName: string;
  notice: string;
  facts: { title: string; value: string }[];
  actions: { title: string; verb: CardVerb }[];
}

/** The confirmation that replaces a form once its record is stored: what was saved, what next. */
export function recordSavedCard(view: RecordSavedView): CardJson {
  return renderCard('record-saved', { ...view });
}

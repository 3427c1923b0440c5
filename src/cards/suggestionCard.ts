import type { Messages } from '../i18n';
import { renderCard, type CardJson } from './renderCard';

/** "Jeg forstår ikke "statsu". Mente du "status"?" with a button that runs it, and one for help. */
export function suggestionCard(m: Messages, typed: string, suggestion: string): CardJson {
  return renderCard('suggestion', {
    question: m.didYouMean(typed, suggestion),
    buttons: [
      { title: m.didYouMeanYes(suggestion), text: suggestion },
      { title: m.seeHelp, text: m.helpCommand },
    ],
  });
}

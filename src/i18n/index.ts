import type { Language } from '../usecases/ports';
import { da, type Messages } from './da';
import { en } from './en';

export type { Messages };
export const catalogues = { da, en } as const;

/** The catalogue for a turn's language (resolved per turn from the user's choice and Teams locale). */
export function messagesFor(language: Language | undefined): Messages {
  return language === 'en' ? en : da;
}

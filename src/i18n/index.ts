import { da, type Messages } from './da';
import { en } from './en';

export type { Messages };
export const catalogues = { da, en } as const;

/**
 * The catalogue for a turn. Danish is the default for everyone; English comes in with a
 * per-user language choice (issue 3), because the Agents Playground and many Danish Teams
 * clients report an English locale.
 */
export function messagesFor(_locale: string | undefined): Messages {
  return da;
}

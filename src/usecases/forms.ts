import type { FieldError } from '../domain/fieldErrors';
import type { Plan } from '../domain/plan/schema';
import type { Denied } from './authorize';
import type { CorrectionRefusal } from './correctRecord';

/** A form card's state: what was typed, what is wrong with it, and what it saves into. */
export interface Form<Values> {
  plan: Plan;
  /** Minted when the card is drawn; the record id derives from it, so a retried submit stores once. */
  submissionId: string;
  values: Values;
  errors: FieldError[];
  /** Set when the card could not be read at all (tampered or truncated). */
  unreadable?: boolean;
  /** Set when the database did not answer: the card comes back as filled in, to be saved again. */
  unavailable?: boolean;
  /** The id of the stored record this form corrects; absent for a new one. */
  correcting?: string;
}

/** What saving a form leads to. */
export type SaveResult<R, F, Saved = object> =
  | Denied
  | ({ kind: 'saved'; plan: Plan; record: R; alreadySaved: boolean; corrected?: boolean } & Saved)
  | { kind: 'invalid'; form: F }
  | { kind: 'refused'; reason: CorrectionRefusal };

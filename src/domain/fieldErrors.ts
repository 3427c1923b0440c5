/**
 * A problem with one field of a submitted card. The code is turned into a Danish (or English)
 * sentence by the message catalogue, so the domain stays free of wording.
 */
export type FieldErrorCode =
  | 'required'
  | 'notAWholeNumber'
  | 'negative'
  | 'tooLarge'
  | 'unknownActivity'
  | 'invalidDate'
  | 'beforePlanPeriod'
  | 'afterPlanPeriod'
  | 'inFuture'
  | 'newExceedsHeadcount'
  | 'containsCpr'
  | 'containsEmail'
  | 'containsPhone'
  | 'unknownChoice'
  | 'tooLong'
  | 'invalidPersonCode'
  | 'personCodeNeedsConsent'
  | 'invalidTime'
  | 'beforeMeeting'
  | 'splitExceedsHeadcount'
  | 'codesExceedHeadcount'
  | 'afterNextStep'
  | 'beforeToday'
  | 'tooSmall'
  | 'moreThanAsked'
  | 'notANumber';

export interface FieldError {
  field: string;
  code: FieldErrorCode;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

import { addMonths, isValidIsoDate, type IsoDate } from '../calendar';
import type { FieldError, Validated } from '../fieldErrors';
import type { Plan } from '../plan/schema';
import { isPersonCode, normalisePersonCode } from '../privacy/personCode';
import { checkFreeText, sensitiveErrorCode } from '../privacy/freeText';
import { isAgeBandOf, type AgeBand } from './ageBands';
import { checkLoggedDate } from './loggedDate';

/** henvist → startet → fastholdt → afsluttet, or afbrudt from any open step. */
export const referralStatuses = ['referred', 'started', 'retained', 'completed', 'interrupted'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

const nextStatuses: Record<ReferralStatus, ReferralStatus[]> = {
  referred: ['started', 'interrupted'],
  started: ['retained', 'completed', 'interrupted'],
  retained: ['completed', 'interrupted'],
  completed: [],
  interrupted: [],
};

export function nextStatusesOf(status: ReferralStatus): ReferralStatus[] {
  return nextStatuses[status];
}

export function isOpen(status: ReferralStatus): boolean {
  return nextStatuses[status].length > 0;
}

export const consentBases = ['consent', 'anonymous', 'otherLegalBasis'] as const;
export type ConsentBasis = (typeof consentBases)[number];

export interface ReferralRecord {
  id: string;
  planId: string;
  type: 'referral';
  /** From an activity of the plan or a partner organisation (partners refer residents in too). */
  from: { activityId?: string; organisationId?: string };
  /** To an offer or organisation of the plan, or somewhere the plan does not name. */
  to: { offerId?: string; organisationId?: string; text?: string };
  personCode?: string;
  ageBand: AgeBand;
  consentBasis: ConsentBasis;
  date: IsoDate;
  status: ReferralStatus;
  history: { status: ReferralStatus; date: IsoDate; by: string }[];
  followUpDate: IsoDate;
  loggedBy: string;
  loggedAt: string;
}

export interface ReferralEntry {
  from?: string;
  to?: string;
  toText?: string;
  personCode?: string;
  ageBand?: string;
  consentBasis?: string;
  date?: string;
}

export type ReferralFacts = Pick<ReferralRecord, 'from' | 'to' | 'ageBand' | 'consentBasis' | 'date' | 'followUpDate'> & { personCode?: string };

/** "activity:din-fritid" or "organisation:sundhedsplejen": the from-choices mix both lists. */
function parseFrom(plan: Plan, raw: string): ReferralRecord['from'] | undefined {
  const [kind, id] = raw.split(':');
  if (kind === 'activity' && plan.activities.some((a) => a.id === id)) return { activityId: id };
  if (kind === 'organisation' && plan.organisations.some((o) => o.id === id)) return { organisationId: id };
  return undefined;
}

function parseTo(plan: Plan, raw: string): ReferralRecord['to'] | undefined {
  const [kind, id] = raw.split(':');
  if (kind === 'offer' && plan.offers.some((o) => o.id === id)) return { offerId: id };
  if (kind === 'organisation' && plan.organisations.some((o) => o.id === id)) return { organisationId: id };
  return undefined;
}

/** The follow-up month count: the activity's own setting, else the plan's (default 6). */
export function followUpMonths(plan: Plan, activityId: string | undefined): number {
  return plan.activities.find((a) => a.id === activityId)?.referralFollowUpMonths ?? plan.settings.referralFollowUpMonths;
}

export function validateReferral(entry: ReferralEntry, plan: Plan, today: IsoDate): Validated<ReferralFacts> {
  const errors: FieldError[] = [];
  const fromRaw = entry.from?.trim() ?? '';
  const from = fromRaw ? parseFrom(plan, fromRaw) : undefined;
  if (!fromRaw) errors.push({ field: 'from', code: 'required' });
  else if (!from) errors.push({ field: 'from', code: 'unknownChoice' });

  const toRaw = entry.to?.trim() ?? '';
  const toText = entry.toText?.trim() ?? '';
  let to: ReferralRecord['to'] | undefined;
  if (toRaw) {
    to = parseTo(plan, toRaw);
    if (!to) errors.push({ field: 'to', code: 'unknownChoice' });
  } else if (toText) {
    const text = checkFreeText('toText', toText, 120, errors);
    if (text) to = { text };
  } else errors.push({ field: 'to', code: 'required' });

  const ageBand = entry.ageBand?.trim() ?? '';
  if (!ageBand) errors.push({ field: 'ageBand', code: 'required' });
  else if (!isAgeBandOf(plan, ageBand)) errors.push({ field: 'ageBand', code: 'unknownChoice' });

  const consent = entry.consentBasis?.trim() ?? '';
  const code = entry.personCode ? normalisePersonCode(entry.personCode) : '';
  if (!consent) errors.push({ field: 'consentBasis', code: 'required' });
  else if (!(consentBases as readonly string[]).includes(consent)) errors.push({ field: 'consentBasis', code: 'unknownChoice' });
  else if (code && consent === 'anonymous') errors.push({ field: 'consentBasis', code: 'personCodeNeedsConsent' });
  if (code && !isPersonCode(code)) errors.push({ field: 'personCode', code: sensitiveErrorCode(code) === 'containsCpr' ? 'containsCpr' : 'invalidPersonCode' });

  const date = checkLoggedDate('date', entry.date, plan, today, errors);

  if (errors.length || !from || !to || !date) return { ok: false, errors };
  return {
    ok: true,
    value: {
      from,
      to,
      ageBand: ageBand as AgeBand,
      consentBasis: consent as ConsentBasis,
      date,
      followUpDate: addMonths(date, followUpMonths(plan, from.activityId)),
      ...(code ? { personCode: code } : {}),
    },
  };
}

export type TransitionError = 'notAllowedFromStatus' | 'dateBeforePrevious' | 'inFuture' | 'invalidDate';

/** Moves a referral on; the date of each step is kept, so retention can be measured later. */
export function advance(record: ReferralRecord, to: ReferralStatus, date: IsoDate, by: string, today: IsoDate): { ok: true; record: ReferralRecord } | { ok: false; error: TransitionError } {
  if (!isValidIsoDate(date)) return { ok: false, error: 'invalidDate' };
  if (!nextStatuses[record.status].includes(to)) return { ok: false, error: 'notAllowedFromStatus' };
  const last = record.history[record.history.length - 1];
  if (last && date < last.date) return { ok: false, error: 'dateBeforePrevious' };
  if (date > today) return { ok: false, error: 'inFuture' };
  return { ok: true, record: { ...record, status: to, history: [...record.history, { status: to, date, by }] } };
}

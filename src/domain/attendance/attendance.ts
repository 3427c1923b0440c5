import type { IsoDate } from '../calendar';
import type { FieldError, Validated } from '../fieldErrors';
import type { Plan } from '../plan/schema';
import { checkFreeText, sensitiveErrorCode } from '../privacy/freeText';
import { isPersonCode, normalisePersonCode } from '../privacy/personCode';
import { ageBandsOf, type AgeBand } from '../records/ageBands';
import { checkLoggedDate } from '../records/loggedDate';

export const genders = ['female', 'male', 'other'] as const;
export type Gender = (typeof genders)[number];

/** One logged session of an activity: the unit the plan's attendance targets are counted from. */
export interface AttendanceRecord {
  id: string;
  planId: string;
  type: 'attendance';
  activityId: string;
  date: IsoDate;
  headcount: number;
  newParticipants?: number;
  volunteers?: number;
  placeId?: string;
  /** One of the activity's sessionKinds ("festival"), when the plan counts kinds apart. */
  sessionKind?: string;
  /** Partner organisations taking part in the session (the festival's associations). */
  organisations?: string[];
  byAgeBand?: Partial<Record<AgeBand, number>>;
  byGender?: Partial<Record<Gender, number>>;
  /** Pseudonymous codes, for targets that count unique or repeat participants; stripped after retention. */
  participantCodes?: string[];
  /** How many codes the session had before the retention job removed them. */
  participantCodesStripped?: number;
  note?: string;
  loggedBy: string;
  loggedAt: string;
  correctedBy?: string;
  correctedAt?: string;
}

/** The card's input id for an age band or gender count, e.g. "age_6-12", "gender_female". */
export const ageInputId = (band: AgeBand) => `age_${band}` as const;
export const genderInputId = (gender: Gender) => `gender_${gender}` as const;

/** The values as typed into the card; all optional text until validated. */
export interface AttendanceEntry {
  activityId?: string;
  date?: string;
  headcount?: string;
  newParticipants?: string;
  volunteers?: string;
  placeId?: string;
  sessionKind?: string;
  /** Multi-select: "a,b,c". */
  organisations?: string;
  participantCodes?: string;
  note?: string;
  [split: `age_${string}` | `gender_${string}`]: string | undefined;
}

export type AttendanceFacts = Omit<AttendanceRecord, 'id' | 'planId' | 'type' | 'loggedBy' | 'loggedAt' | 'correctedBy' | 'correctedAt' | 'participantCodesStripped'>;

// A session bigger than this is a typing slip; Tingbjerg Challenge, the largest event, has ~1,000.
const MAX_HEADCOUNT = 5000;
const MAX_NOTE = 1000;

function parseCount(field: string, raw: string | undefined, required: boolean, errors: FieldError[]): number | undefined {
  const text = raw?.trim() ?? '';
  if (text === '') {
    if (required) errors.push({ field, code: 'required' });
    return undefined;
  }
  if (!/^-?\d+$/.test(text)) {
    errors.push({ field, code: 'notAWholeNumber' });
    return undefined;
  }
  const value = Number(text);
  if (value < 0) errors.push({ field, code: 'negative' });
  else if (value > MAX_HEADCOUNT) errors.push({ field, code: 'tooLarge' });
  else return value;
  return undefined;
}

/** An optional split (by age band or gender): its parts may not add up to more than the headcount. */
function parseSplit<K extends string>(keys: readonly K[], inputId: (k: K) => string, entry: AttendanceEntry, headcount: number | undefined, field: string, errors: FieldError[]) {
  const split: Partial<Record<K, number>> = {};
  let sum = 0;
  for (const key of keys) {
    const value = parseCount(inputId(key), entry[inputId(key) as `age_${string}`], false, errors);
    if (value !== undefined && value > 0) {
      split[key] = value;
      sum += value;
    }
  }
  if (headcount !== undefined && sum > headcount) errors.push({ field, code: 'splitExceedsHeadcount' });
  return Object.keys(split).length ? split : undefined;
}

function parseCodes(raw: string | undefined, headcount: number | undefined, errors: FieldError[]): string[] | undefined {
  const parts = (raw ?? '').split(/[\s,;]+/).map(normalisePersonCode).filter(Boolean);
  if (!parts.length) return undefined;
  const bad = parts.find((c) => !isPersonCode(c));
  if (bad) {
    errors.push({ field: 'participantCodes', code: sensitiveErrorCode(raw ?? '') === 'containsCpr' ? 'containsCpr' : 'invalidPersonCode' });
    return undefined;
  }
  const unique = [...new Set(parts)];
  if (headcount !== undefined && unique.length > headcount) errors.push({ field: 'participantCodes', code: 'codesExceedHeadcount' });
  return unique;
}

/** Checks an attendance entry against the plan and today's date in the plan's time zone. */
export function validateAttendance(entry: AttendanceEntry, plan: Plan, today: IsoDate): Validated<AttendanceFacts> {
  const errors: FieldError[] = [];
  const activityId = entry.activityId?.trim() ?? '';
  if (activityId === '') errors.push({ field: 'activityId', code: 'required' });
  else if (!plan.activities.some((a) => a.id === activityId)) errors.push({ field: 'activityId', code: 'unknownActivity' });

  const date = checkLoggedDate('date', entry.date, plan, today, errors);

  const headcount = parseCount('headcount', entry.headcount, true, errors);
  const newParticipants = parseCount('newParticipants', entry.newParticipants, false, errors);
  if (headcount !== undefined && newParticipants !== undefined && newParticipants > headcount) {
    errors.push({ field: 'newParticipants', code: 'newExceedsHeadcount' });
  }
  const volunteers = parseCount('volunteers', entry.volunteers, false, errors);
  const placeId = entry.placeId?.trim() || undefined;
  if (placeId && !plan.places.some((p) => p.id === placeId)) errors.push({ field: 'placeId', code: 'unknownChoice' });
  const activity = plan.activities.find((a) => a.id === activityId);
  const sessionKind = entry.sessionKind?.trim() || undefined;
  if (sessionKind && !activity?.sessionKinds.some((k) => k.id === sessionKind)) errors.push({ field: 'sessionKind', code: 'unknownChoice' });
  const organisationIds = (entry.organisations ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  if (organisationIds.some((o) => !plan.organisations.some((x) => x.id === o))) errors.push({ field: 'organisations', code: 'unknownChoice' });
  const organisations = organisationIds.length ? [...new Set(organisationIds)] : undefined;
  const byAgeBand = parseSplit(ageBandsOf(plan), ageInputId, entry, headcount, 'byAgeBand', errors);
  const byGender = parseSplit(genders, genderInputId, entry, headcount, 'byGender', errors);
  const participantCodes = parseCodes(entry.participantCodes, headcount, errors);
  const note = checkFreeText('note', entry.note, MAX_NOTE, errors);

  if (errors.length || headcount === undefined || date === undefined) return { ok: false, errors };
  const optional = { newParticipants, volunteers, placeId, sessionKind, organisations, byAgeBand, byGender, participantCodes, note };
  return {
    ok: true,
    value: { activityId, date, headcount, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) },
  };
}

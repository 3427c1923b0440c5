import type { AttendanceRecord } from '../attendance/attendance';
import type { MeetingRecord } from '../records/meeting';
import type { AssessmentRecord } from '../records/assessment';
import type { OutcomeRecord } from '../records/outcome';
import type { ReferralRecord, ReferralStatus } from '../records/referral';

/**
 * Rollups: per plan, per scope and per month, the sums status needs, so a status reads a year's
 * worth of small documents instead of every record. Each record contributes a fixed set of
 * amounts; a create adds its contribution, a delete subtracts it, an edit does both, and a
 * rebuild sums the contributions of every record. Pure: the store applies them.
 *
 * Scopes: `activity:<id>` (sessions and logged outcomes), `network:<id>` (meetings),
 * `referrals:<from>` (referrals by where they came from: an activity id or `org-<id>`),
 * `assessment:<target key>` (assessments and questionnaires), and `logged` (records per day).
 */
export interface Rollup {
  id: string;
  planId: string;
  type: 'rollup';
  scope: string;
  /** YYYY-MM */
  month: string;
  /** Sums; day-level ones are `d<DD>:<name>` so a period may start or end mid-month. */
  counters: Record<string, number>;
  /** Participant codes (sessions each), for unique and repeat counts. */
  codes: Record<string, number>;
  /** Organisations present at meetings (meetings each). */
  organisations: Record<string, number>;
}

export interface Contribution {
  scope: string;
  month: string;
  counters: Record<string, number>;
  codes: Record<string, number>;
  organisations: Record<string, number>;
}

/** Referral steps in order: reaching one counts for every earlier one too. */
export const referralPath = ['referred', 'started', 'retained', 'completed'] as const satisfies readonly ReferralStatus[];
export type ReferralLevel = (typeof referralPath)[number];

/**
 * Per plan and month, how many records were logged on each day (`d<DD>`), whatever their scope:
 * a period that ends today, or starts or ends where nothing was logged since, is then counted
 * from the month's totals without the month's day-level counters.
 */
export const LOGGED = 'logged';

export const rollupId = (scope: string, month: string) => `rollup|${scope}|${month}`.replace(/[/\\?#]/g, '_');

const monthOf = (date: string) => date.slice(0, 7);
const dayOf = (date: string) => date.slice(8, 10);
const empty = (scope: string, month: string): Contribution => ({ scope, month, counters: {}, codes: {}, organisations: {} });

export function referralSource(r: ReferralRecord): string {
  return r.from.activityId ?? `org-${r.from.organisationId ?? 'unknown'}`;
}

export function referralDestination(r: ReferralRecord): string {
  return r.to.offerId ? `offer-${r.to.offerId}` : r.to.organisationId ? `org-${r.to.organisationId}` : 'other';
}

/** The date a referral first reached a level (or a later one on the path), if it did. */
export function reachedOn(r: ReferralRecord, level: ReferralLevel): string | undefined {
  const rank = referralPath.indexOf(level);
  return r.history.find((h) => referralPath.indexOf(h.status as ReferralLevel) >= rank)?.date;
}

type Rolled = AttendanceRecord | MeetingRecord | ReferralRecord | OutcomeRecord | AssessmentRecord;

/** Adds a counter for the month and for its day (`d<DD>:<name>`), so a period may start mid-month. */
function addDaily(c: Contribution, date: string, name: string, value: number): void {
  if (!value) return;
  c.counters[name] = (c.counters[name] ?? 0) + value;
  const day = `d${dayOf(date)}:${name}`;
  c.counters[day] = (c.counters[day] ?? 0) + value;
}

export function contributionsOf(record: Rolled): Contribution[] {
  const own = ownContributionsOf(record);
  if (record.type === 'referral') return own;
  return [...own, { ...empty(LOGGED, monthOf(record.date)), counters: { [`d${dayOf(record.date)}`]: 1 } }];
}

function ownContributionsOf(record: Rolled): Contribution[] {
  switch (record.type) {
    case 'attendance': {
      const c = empty(`activity:${record.activityId}`, monthOf(record.date));
      const base = [['sessions', 1], ['headcount', record.headcount], ['new', record.newParticipants ?? 0], ['volunteers', record.volunteers ?? 0]] as const;
      for (const [name, value] of base) {
        addDaily(c, record.date, name, value);
        // The plan counts some kinds of session apart ("2 feriecamps og 1 festival").
        if (record.sessionKind) addDaily(c, record.date, `${name}@${record.sessionKind}`, value);
      }
      for (const [band, n] of Object.entries(record.byAgeBand ?? {})) addDaily(c, record.date, `age:${band}`, n ?? 0);
      for (const code of new Set(record.participantCodes ?? [])) c.codes[code] = 1;
      for (const org of new Set(record.organisations ?? [])) c.organisations[record.sessionKind ? `${org}@${record.sessionKind}` : org] = 1;
      return [c];
    }
    case 'meeting': {
      const c = empty(`network:${record.networkId}`, monthOf(record.date));
      addDaily(c, record.date, 'meetings', 1);
      if (record.cadenceId) addDaily(c, record.date, `meetings@${record.cadenceId}`, 1);
      for (const org of new Set(record.organisations)) c.organisations[org] = 1;
      return [c];
    }
    case 'outcome': {
      const c = empty(`activity:${record.activityId}`, monthOf(record.date));
      addDaily(c, record.date, `outcome:${record.outcomeId}`, record.count);
      // Any outcome at all: tells "none logged" apart from "none of this kind".
      addDaily(c, record.date, 'outcomes', record.count);
      return [c];
    }
    case 'assessment': {
      // Kept by day as well: an assessment is a snapshot, and status shows the latest one.
      const c = empty(`assessment:${record.targetKey}`, monthOf(record.date));
      addDaily(c, record.date, 'assessments', 1);
      addDaily(c, record.date, 'asked', record.asked);
      addDaily(c, record.date, 'agreeing', record.agreeing);
      return [c];
    }
    case 'referral': {
      const scope = `referrals:${referralSource(record)}`;
      const to = referralDestination(record);
      const byMonth = new Map<string, Contribution>();
      const at = (date: string) => byMonth.get(monthOf(date)) ?? byMonth.set(monthOf(date), empty(scope, monthOf(date))).get(monthOf(date))!;
      const add = (date: string, name: string) => {
        const c = at(date);
        c.counters[name] = (c.counters[name] ?? 0) + 1;
      };
      for (const level of referralPath) {
        const date = reachedOn(record, level);
        if (!date) continue;
        add(date, `reached:${level}`);
        add(date, `reached:${level}:${to}`);
        // The funnel follows the referrals made in a month: how far that cohort has come.
        add(record.date, `cohort:${level}`);
        add(record.date, `cohort:${level}:${to}`);
      }
      // Who is in an offer right now ("løbende 5 i småjob"): started, and not yet ended.
      const ended = record.history.find((h) => h.status === 'completed' || h.status === 'interrupted')?.date;
      if (ended && reachedOn(record, 'started')) add(ended, `ended:${to}`);
      // Retention is measured on the cohort that started in a month: how many of them were retained.
      const started = reachedOn(record, 'started');
      if (started) {
        add(started, 'cohortStarted');
        if (reachedOn(record, 'retained')) add(started, 'cohortRetained');
      }
      return [...byMonth.values()];
    }
  }
}

function addInto(target: Record<string, number>, source: Record<string, number>, sign: number): void {
  for (const [k, v] of Object.entries(source)) {
    const next = (target[k] ?? 0) + sign * v;
    if (next === 0) delete target[k];
    else target[k] = next;
  }
}

/** Applies contributions (sign +1 to add, -1 to remove) to rollups, creating missing ones. */
export function applyContributions(planId: string, rollups: Map<string, Rollup>, contributions: Contribution[], sign: 1 | -1): void {
  for (const c of contributions) {
    const id = rollupId(c.scope, c.month);
    const r = rollups.get(id) ?? { id, planId, type: 'rollup' as const, scope: c.scope, month: c.month, counters: {}, codes: {}, organisations: {} };
    addInto(r.counters, c.counters, sign);
    addInto(r.codes, c.codes, sign);
    addInto(r.organisations, c.organisations, sign);
    rollups.set(id, r);
  }
}

/** Every rollup, from the records alone: what the incremental rollups must always equal. */
export function rollupsFromRecords(planId: string, records: Rolled[]): Map<string, Rollup> {
  const rollups = new Map<string, Rollup>();
  for (const r of records) applyContributions(planId, rollups, contributionsOf(r), 1);
  return rollups;
}

export function isEmptyRollup(r: Rollup): boolean {
  return !Object.keys(r.counters).length && !Object.keys(r.codes).length && !Object.keys(r.organisations).length;
}

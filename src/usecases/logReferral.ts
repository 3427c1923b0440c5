import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../domain/clock';
import type { Plan } from '../domain/plan/schema';
import { auditEntry } from '../domain/records/audit';
import { validateReferral, type ReferralEntry, type ReferralRecord } from '../domain/records/referral';
import { authorize, isDenied, type Denied, type MembershipSource } from './authorize';
import { savedOnRememberedMembership } from './savedOnRememberedMembership';
import { cardText, formIdentity, keptIdentity, pickValues } from './cardSubmit';
import { correctRecord } from './correctRecord';
import type { Form, SaveResult } from './forms';
import type { Repositories } from './ports';

const entryKeys = ['from', 'to', 'toText', 'personCode', 'ageBand', 'consentBasis', 'date'] as const;

export const referralSubmitSchema = z.object({
  ...formIdentity,
  correcting: z.string().max(200).optional(),
  from: cardText(150),
  to: cardText(150),
  toText: cardText(500),
  personCode: cardText(20),
  ageBand: cardText(10),
  consentBasis: cardText(30),
  date: cardText(30),
});

export type ReferralForm = Form<ReferralEntry>;
export type LogReferralResult = SaveResult<ReferralRecord, ReferralForm>;

export async function prepareReferralForm(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<ReferralForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'logReferral');
  if (isDenied(member)) return member;
  return { plan: member.plan, submissionId: randomUUID(), values: { date: member.today }, errors: [] };
}

/** The card as it was filled in, for when it could not be saved (the database did not answer). */
export function keptReferralForm(plan: Plan, payload: unknown): ReferralForm {
  return { plan, ...keptIdentity(payload), values: pickValues(payload, entryKeys), errors: [], unavailable: true };
}

/** Logs a referral or bridging: henvist on the given date, with a follow-up date set from the plan. */
export function logReferral(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<LogReferralResult> {
  return savedOnRememberedMembership(repos, (source) => logReferralOn(repos, clock, aadObjectId, payload, source));
}

async function logReferralOn(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown, source: MembershipSource): Promise<LogReferralResult> {
  const member = await authorize(repos, clock, aadObjectId, 'logReferral', source);
  if (isDenied(member)) return member;
  const { plan, today, membership } = member;
  const values = pickValues(payload, entryKeys);
  const parsed = referralSubmitSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== plan.id) {
    return { kind: 'invalid', form: { plan, submissionId: randomUUID(), values, errors: [], unreadable: true } };
  }
  const checked = validateReferral(parsed.data, plan, today);
  const correcting = parsed.data.correcting || undefined;
  if (!checked.ok) return { kind: 'invalid', form: { plan, submissionId: parsed.data.submissionId, values, errors: checked.errors, correcting } };
  if (correcting) {
    const current = (await repos.records.get(plan.id, correcting))?.record;
    // A corrected referral date may not pass the next step on its path.
    const next = current?.type === 'referral' ? current.history[1] : undefined;
    if (next && checked.value.date > next.date) {
      return { kind: 'invalid', form: { plan, submissionId: parsed.data.submissionId, values, errors: [{ field: 'date', code: 'afterNextStep' }], correcting } };
    }
    const result = await correctRecord(repos, clock, member, 'referral', correcting, parsed.data.submissionId, (r: ReferralRecord) => {
      const { personCode: _code, ...rest } = r;
      const [first, ...later] = r.history;
      return { ...rest, ...checked.value, history: [{ ...first!, date: checked.value.date }, ...later] };
    });
    return result.kind === 'refused' ? result : { kind: 'saved', plan, record: result.record, alreadySaved: result.alreadySaved, corrected: true };
  }

  const record: ReferralRecord = {
    id: `referral-${parsed.data.submissionId}`,
    planId: plan.id,
    type: 'referral',
    ...checked.value,
    status: 'referred',
    history: [{ status: 'referred', date: checked.value.date, by: membership.memberId }],
    loggedBy: membership.memberId,
    loggedAt: clock.now().toISOString(),
  };
  // The audit entry is stored with the record in one batch; a retry finds the record and stores neither again.
  const { created, record: stored } = await repos.records.createOnce(
    record,
    auditEntry({ planId: plan.id, at: record.loggedAt, actor: membership.memberId, action: 'create', recordType: 'referral', recordId: record.id, discriminator: 'first', after: record }),
    member.proof,
  );
  return { kind: 'saved', plan, record: stored, alreadySaved: !created };
}

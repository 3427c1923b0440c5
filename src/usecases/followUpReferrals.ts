import { z } from 'zod';
import type { Clock } from '../domain/clock';
import { mayFollowUp, networksOfActivity } from '../domain/permissions';
import type { Plan } from '../domain/plan/schema';
import { auditEntry } from '../domain/records/audit';
import { advance, referralStatuses, type ReferralRecord, type ReferralStatus, type TransitionError } from '../domain/records/referral';
import { authorize, isDenied, type Denied } from './authorize';
import { cardText } from './cardSubmit';
import type { Repositories } from './ports';

export interface MyReferrals {
  kind: 'list';
  plan: Plan;
  today: string;
  referrals: ReferralRecord[];
  /** What just happened, shown above the list. */
  outcome?: { referral: ReferralRecord; moved: true } | { referralId?: string; moved: false; reason: TransitionError | 'notFound' | 'notYours' | 'changedMeanwhile' | 'unreadable' };
}

export async function listMyReferrals(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<MyReferrals | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'logReferral');
  if (isDenied(member)) return member;
  const referrals = await repos.records.listOpenReferralsBy(member.plan.id, member.membership.memberId);
  return { kind: 'list', plan: member.plan, today: member.today, referrals };
}

export const advanceSubmitSchema = z.object({
  planId: z.string().min(1).max(100),
  referralId: z.string().min(1).max(200),
  to: z.enum(referralStatuses),
  statusDate: cardText(30),
});

/** Moves one referral a step on (startet, fastholdt, afsluttet or afbrudt) and shows the list again. */
export async function advanceReferral(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<MyReferrals | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'logReferral');
  if (isDenied(member)) return member;
  const { plan, today, membership } = member;
  const list = async (outcome: MyReferrals['outcome']): Promise<MyReferrals> => ({
    kind: 'list',
    plan,
    today,
    referrals: await repos.records.listOpenReferralsBy(plan.id, membership.memberId),
    outcome,
  });

  const parsed = advanceSubmitSchema.safeParse(payload);
  if (!parsed.success || parsed.data.planId !== plan.id) return list({ moved: false, reason: 'unreadable' });
  const { referralId, to } = parsed.data;
  const date = parsed.data.statusDate?.trim() || today;

  const found = await repos.records.get(plan.id, referralId);
  if (!found || found.record.type !== 'referral') return list({ referralId, moved: false, reason: 'notFound' });
  const referral = found.record;
  const ctx = { plan, memberId: membership.memberId, roles: membership.roles, today };
  if (!mayFollowUp(ctx, { ...referral, networkIds: referral.from.activityId ? networksOfActivity(plan, referral.from.activityId) : [] })) {
    return list({ referralId, moved: false, reason: 'notYours' });
  }
  const moved = advance(referral, to as ReferralStatus, date, membership.memberId, today);
  if (!moved.ok) return list({ referralId, moved: false, reason: moved.error });
  if ((await repos.records.replace(moved.record, found.etag)) === 'conflict') return list({ referralId, moved: false, reason: 'changedMeanwhile' });
  await repos.audit.append(
    auditEntry({ planId: plan.id, at: clock.now().toISOString(), actor: membership.memberId, action: 'update', recordType: 'referral', recordId: referral.id, discriminator: `${to}-${date}`, before: referral, after: moved.record }),
  );
  return list({ referral: moved.record, moved: true });
}

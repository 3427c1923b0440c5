import type { Plan } from '../domain/plan/schema';

/** The display name of whatever a record points at in the plan: an activity, offer, organisation, network or member. */
export function nameOf(plan: Plan, ref: { activityId?: string; organisationId?: string; offerId?: string; text?: string; networkId?: string; memberId?: string }): string {
  if (ref.activityId) return plan.activities.find((a) => a.id === ref.activityId)?.name ?? ref.activityId;
  if (ref.offerId) return plan.offers.find((o) => o.id === ref.offerId)?.name ?? ref.offerId;
  if (ref.organisationId) return plan.organisations.find((o) => o.id === ref.organisationId)?.name ?? ref.organisationId;
  if (ref.networkId) return plan.networks.find((n) => n.id === ref.networkId)?.name ?? ref.networkId;
  if (ref.memberId) return plan.members.find((m) => m.id === ref.memberId)?.name ?? ref.memberId;
  return ref.text ?? '';
}

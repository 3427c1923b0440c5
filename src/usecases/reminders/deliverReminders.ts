import type { Plan } from '../../domain/plan/schema';
import { unreachableNotice, type OutboxItem } from '../../domain/reminders/outbox';
import { senderLeaseTiming } from '../../domain/reminders/senderLease';
import type { ConversationAddress, Versioned } from '../ports';
import { inTurn, tenantOf, type DeliveryDeps, type DeliveryOptions, type DeliveryReport, type RunState } from './delivery';
import { refreshAudience } from './refreshAudience';
import { linkedChannelOf, noticeRecipients, personalChatFor, routeToMember, type MemberRoute } from './reachMember';
import { send } from './sendWithinLimits';
import { TenantSenders } from './tenantSenders';

export { realPace } from './delivery';
export type { ComposeReminder, DeliveryDeps, DeliveryOptions, DeliveryReport, MentionMember, Pace, ProactiveSender, SendOutcome } from './delivery';

/**
 * Sends every due outbox item once. An item is claimed with a conditional write before it is
 * sent, so two instances never send the same item; a claim that outlives its sender (a crash)
 * runs out and the item is sent by whoever comes next. Only the holder of a tenant's sender lease
 * sends to that tenant, so Teams' per-tenant limit is kept by one limiter however many instances
 * run. A 429 blocks the conversation for its Retry-After, a 5xx backs off with jitter, a 403
 * forgets the conversation.
 */
export async function deliverDueReminders(deps: DeliveryDeps, options: DeliveryOptions, shouldStop: () => boolean = () => false, planIds?: string[]): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, postedInChannel: 0, throttled: 0, serverErrors: 0, gone: 0, unreachable: 0, failed: 0, deferred: 0, lostClaims: 0, leftToOtherSender: 0 };
  const run: RunState = {
    queues: new Map(),
    gone: new Set(),
    personalChats: new Map(),
    audiences: new Map(),
    linkedChannels: new Map(),
    senders: new TenantSenders(deps.repos.senderLeases, options.instanceId, deps.pace, options.senderLease ?? senderLeaseTiming),
  };
  const plans = new Map<string, Plan>();
  for (const planId of planIds ?? (await deps.repos.plans.listIds())) {
    const stored = await deps.repos.plans.get(planId);
    if (stored) plans.set(planId, stored.plan);
  }
  try {
    await deliverPlans(deps, options, plans, report, run, shouldStop);
  } finally {
    await run.senders.releaseAll();
  }
  // Items planned by another instance while this one finished would otherwise wait for the next
  // tick: that instance found the lease still held and left them. Look once more after the release.
  if (run.heldLeases && !shouldStop()) {
    try {
      await deliverPlans(deps, options, plans, report, run, shouldStop);
    } finally {
      await run.senders.releaseAll();
    }
  }
  return report;
}

async function deliverPlans(deps: DeliveryDeps, options: DeliveryOptions, plans: Map<string, Plan>, report: DeliveryReport, run: RunState, shouldStop: () => boolean): Promise<void> {
  for (const plan of plans.values()) {
    for (;;) {
      if (shouldStop()) return;
      const due = await deps.repos.outbox.due(plan.id, deps.clock.now().toISOString(), 500);
      if (!due.length) break;
      let next = 0;
      let claimed = 0;
      const worker = async () => {
        while (next < due.length && !shouldStop()) {
          const item = due[next++]!;
          if (await deliverOne(deps, options, plan, item, report, run)) claimed++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency, due.length) }, worker));
      run.heldLeases ||= run.senders.holdsAny;
      // Everything left is another instance's (claimed, or its tenant's lease): not this run's.
      if (!claimed) break;
    }
  }
}

/** A channel's own reminder, or a member's route (which may also lead to a channel). */
type Target = { kind: 'channelItem'; address: ConversationAddress | undefined } | MemberRoute;

/** Where an item goes, found before it is claimed: the address names the tenant whose lease it needs. */
async function targetOf(deps: DeliveryDeps, plan: Plan, item: OutboxItem, run: RunState): Promise<Target> {
  const { repos } = deps;
  if (item.recipient.kind === 'channel') return { kind: 'channelItem', address: await repos.channels.addressOf(item.recipient.conversationId) };
  const recipient = item.recipient;
  const member = plan.members.find((m) => m.id === recipient.memberId);
  const chatKey = `${plan.id}/${recipient.memberId}`;
  if (!run.personalChats.has(chatKey)) run.personalChats.set(chatKey, personalChatFor(repos, deps.reach, member, recipient.aadObjectId));
  const channelOf = async (networkId: string) => {
    const key = `${plan.id}/${networkId}`;
    // A channel that answered 403 in this run was forgotten: the network's next linked channel takes over.
    const known = await run.linkedChannels.get(key);
    if (!run.linkedChannels.has(key) || (known && run.gone.has(known.conversationId))) run.linkedChannels.set(key, linkedChannelOf(repos, plan.id, networkId));
    return run.linkedChannels.get(key)!;
  };
  return routeToMember(plan, item, run.personalChats.get(chatKey)!, channelOf);
}


/** The conversation a request to Teams will go to for this item, if any. */
function sendsTo(deps: DeliveryDeps, item: OutboxItem, target: Target): ConversationAddress | undefined {
  if (target.kind === 'channelItem' || target.kind === 'direct') return target.address;
  // A notice about someone unreachable that is itself unreachable tells nobody else: no chain of notices.
  return target.kind === 'channel' && deps.mention && item.kind !== 'unreachableNotice' ? target.address : undefined;
}

function audienceOf(deps: DeliveryDeps, plan: Plan, networkId: string, run: RunState): Promise<string[]> {
  const key = `${plan.id}/${networkId}`;
  if (!run.audiences.has(key)) run.audiences.set(key, refreshAudience(deps.repos, plan, networkId));
  return run.audiences.get(key)!;
}

/** True when this instance claimed the item (and so dealt with it). */
async function deliverOne(deps: DeliveryDeps, options: DeliveryOptions, plan: Plan, due: Versioned<OutboxItem>, report: DeliveryReport, run: RunState): Promise<boolean> {
  const { repos, clock } = deps;
  const target = await targetOf(deps, plan, due.record, run);
  const address = sendsTo(deps, due.record, target);
  if (address && !(await run.senders.ensure(tenantOf(address)))) {
    report.leftToOtherSender++;
    return false;
  }
  const claimed = await repos.outbox.update(
    { ...due.record, status: 'sending', claimedBy: options.instanceId, claimedUntil: new Date(clock.now().getTime() + options.claimMs).toISOString() },
    due.etag,
  );
  if (!claimed) {
    report.lostClaims++;
    return false;
  }
  let current = claimed;
  const settle = async (changes: Partial<OutboxItem>) => {
    const { claimedBy: _by, claimedUntil: _until, ...rest } = current.record;
    const saved = await repos.outbox.update({ ...rest, ...changes }, current.etag);
    if (saved) current = saved;
  };

  const item = current.record;
  if (item.recipient.kind === 'channel' || target.kind === 'channelItem') {
    const channel = target.kind === 'channelItem' ? target.address : undefined;
    if (!channel || item.recipient.kind !== 'channel') {
      report.unreachable++;
      await settle({ status: 'unreachable' });
      return true;
    }
    // Fixed once, kept on the item: each refresh and each update of the shared card reuses it.
    const refreshFor = await audienceOf(deps, plan, item.recipient.networkId, run);
    current = { ...current, record: { ...current.record, refreshFor } };
    const card = deps.compose(current.record, plan, 'da');
    await inTurn(run, channel.conversationId, async () => void (await send(deps, options, channel, card, item.attempts, report, run, settle)));
    return true;
  }
  const route = target;
  const { memberId, aadObjectId: knownAad } = item.recipient;
  const aadObjectId = knownAad ?? plan.members.find((m) => m.id === memberId)?.aadObjectId;
  const language = (aadObjectId ? (await repos.preferences.get(aadObjectId)).language : undefined) ?? 'da';
  if (route.kind === 'direct') {
    const card = deps.compose(item, plan, language);
    await inTurn(run, route.address.conversationId, async () => void (await send(deps, options, route.address, card, item.attempts, report, run, settle)));
    return true;
  }
  // A notice about someone unreachable that is itself unreachable tells nobody else: no chain of notices.
  const notify = item.kind !== 'unreachableNotice';
  if (route.kind === 'channel' && deps.mention && notify) {
    const card = deps.mention(deps.compose(item, plan, 'da'), route.member, 'da');
    let status: OutboxItem['status'] | undefined;
    await inTurn(run, route.address.conversationId, async () => {
      status = await send(deps, options, route.address, card, item.attempts, report, run, settle, 'postedInChannel');
    });
    if (status === 'postedInChannel') await noticeCoordinators(deps, plan, route.member.id, [route.networkId], 'channel');
    return true;
  }
  report.unreachable++;
  await settle({ status: 'unreachable' });
  const networkIds = route.kind === 'channel' ? [route.networkId] : route.networkIds;
  if (notify && route.member) await noticeCoordinators(deps, plan, route.member.id, networkIds, 'none');
  return true;
}

async function noticeCoordinators(deps: DeliveryDeps, plan: Plan, memberId: string, networkIds: string[], how: 'channel' | 'none'): Promise<void> {
  const now = deps.clock.now();
  const items = noticeRecipients(plan, networkIds, memberId).map((to) => unreachableNotice(plan, to, { memberId, ...(networkIds[0] ? { networkId: networkIds[0] } : {}), how }, now));
  await deps.repos.outbox.createMissing(items);
}

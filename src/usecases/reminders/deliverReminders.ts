import type { Clock } from '../../domain/clock';
import type { Plan } from '../../domain/plan/schema';
import type { Member } from '../../domain/plan/schema';
import { backoffMs, unreachableNotice, type OutboxItem } from '../../domain/reminders/outbox';
import type { SendLimiter } from '../../domain/reminders/sendLimits';
import { senderLeaseTiming, type SenderLeaseTiming } from '../../domain/reminders/senderLease';
import type { ConversationAddress, Language, Repositories, Versioned } from '../ports';
import { refreshAudience } from './refreshAudience';
import { noticeRecipients, personalChatFor, routeToMember, type MemberReach, type MemberRoute } from './reachMember';
import { TenantSenders } from './tenantSenders';

/** What the Teams edge answers for one proactive message. */
export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'serverError'; status: number }
  /** 403/404: the bot was removed from the conversation or blocked. */
  | { kind: 'gone'; status: number }
  | { kind: 'failed'; status?: number; message: string };

export interface ProactiveSender {
  send(address: ConversationAddress, card: object): Promise<SendOutcome>;
}

/** Puts an @mention of a member at the top of a card posted in a channel on their behalf. */
export type MentionMember = (card: object, member: Member, language: Language) => object;

export type ComposeReminder = (item: OutboxItem, plan: Plan, language: Language) => object;

/** Real time for pacing: limits are about seconds on the wire, not the business clock. */
export interface Pace {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPace: Pace = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export interface DeliveryOptions {
  instanceId: string;
  /** How long a claim lasts if the sender dies mid-send; then another instance sends it. */
  claimMs: number;
  concurrency: number;
  /** Attempts within one delivery run (429s and 5xx) before the item waits for a later run. */
  attemptsPerRun: number;
  /** Attempts in all before an item is given up as failed. */
  maxAttempts: number;
  /** When an item's run is exhausted, it is tried again this much later. */
  retryLaterMs: number;
  /** The tenant sender lease's timing (domain/reminders/senderLease.ts); tests shorten it. */
  senderLease?: SenderLeaseTiming;
  random?: () => number;
}

export interface DeliveryReport {
  sent: number;
  /** Member reminders posted in a linked channel with an @mention instead. */
  postedInChannel: number;
  throttled: number;
  serverErrors: number;
  gone: number;
  unreachable: number;
  failed: number;
  deferred: number;
  /** Items another instance claimed first. */
  lostClaims: number;
  /** Items left for the instance holding their tenant's sender lease. */
  leftToOtherSender: number;
}

export interface DeliveryDeps {
  repos: Repositories;
  clock: Clock;
  sender: ProactiveSender;
  compose: ComposeReminder;
  limiter: SendLimiter;
  pace: Pace;
  /** How to reach a member who never opened Logbog; without it, such a member is unreachable. */
  reach?: MemberReach;
  mention?: MentionMember;
}

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

interface RunState {
  /** One send at a time per conversation: a 429 then holds back everything after it, and order is kept. */
  queues: Map<string, Promise<void>>;
  /** Conversations that answered 403/404 in this run. */
  gone: Set<string>;
  /**
   * Each member's personal chat, found (or opened) once per run: a member with five reminders
   * and no chat yet gets one installation and one new chat, not five racing ones.
   */
  personalChats: Map<string, Promise<ConversationAddress | undefined>>;
  /** Each network's channel-card audience, read once per run rather than once per card. */
  audiences: Map<string, Promise<string[]>>;
  senders: TenantSenders;
  /** Whether this run held any tenant's sender lease. */
  heldLeases?: boolean;
}

async function inTurn(run: RunState, conversationId: string, work: () => Promise<void>): Promise<void> {
  const previous = run.queues.get(conversationId) ?? Promise.resolve();
  const mine = previous.then(work, work);
  const tail = mine.catch(() => undefined);
  run.queues.set(conversationId, tail);
  try {
    await mine;
  } finally {
    if (run.queues.get(conversationId) === tail) run.queues.delete(conversationId);
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
  return routeToMember(repos, plan, item, run.personalChats.get(chatKey)!);
}

const tenantOf = (address: ConversationAddress) => address.tenantId ?? 'tenant';

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

/**
 * Waits until a request to the conversation may leave: this instance holds the tenant's sender
 * lease and the limiter has room. False when the lease is another instance's.
 */
async function mayLeave(deps: DeliveryDeps, run: RunState, conversationId: string, tenant: string): Promise<boolean> {
  const { limiter, pace } = deps;
  for (;;) {
    if (!run.senders.maySend(tenant)) {
      if (!(await run.senders.ensure(tenant))) return false;
      continue;
    }
    // Renewal runs beside the sends; a failure to renew shows as the lease running out.
    run.senders.renewIfDue(tenant, () => undefined);
    const at = limiter.earliest(conversationId, tenant, pace.now());
    if (at === Infinity) await limiter.nextAnswer();
    else if (at > pace.now()) await pace.sleep(at - pace.now());
    else return true;
  }
}

async function send(
  deps: DeliveryDeps,
  options: DeliveryOptions,
  address: ConversationAddress,
  card: object,
  attemptsBefore: number,
  report: DeliveryReport,
  run: RunState,
  settle: (changes: Partial<OutboxItem>) => Promise<void>,
  /** What a delivered item becomes: `postedInChannel` for a member's reminder posted in their network's channel. */
  sentStatus: 'sent' | 'postedInChannel' = 'sent',
): Promise<OutboxItem['status']> {
  const { clock, limiter, pace } = deps;
  if (run.gone.has(address.conversationId)) {
    report.unreachable++;
    await settle({ status: 'unreachable' });
    return 'unreachable';
  }
  const tenant = tenantOf(address);
  const random = options.random ?? Math.random;

  let attempts = attemptsBefore;
  for (let attempt = 0; attempt < options.attemptsPerRun; attempt++) {
    if (!(await mayLeave(deps, run, address.conversationId, tenant))) {
      // The tenant's lease went to another instance (this one stalled past it): the item is theirs.
      report.leftToOtherSender++;
      await settle({ status: 'pending', attempts });
      return 'pending';
    }
    // Nothing is awaited between the last check and this instant: the request leaves under the lease and the limits.
    const ticket = limiter.begin(address.conversationId, tenant, pace.now());
    attempts++;
    let outcome: SendOutcome;
    try {
      outcome = await deps.sender.send(address, card);
    } finally {
      limiter.end(ticket, pace.now());
    }
    switch (outcome.kind) {
      case 'sent':
        if (sentStatus === 'sent') report.sent++;
        else report.postedInChannel++;
        await settle({ status: sentStatus, sentAt: clock.now().toISOString(), attempts });
        return sentStatus;
      case 'throttled':
        report.throttled++;
        limiter.block(address.conversationId, pace.now() + outcome.retryAfterMs);
        // A long Retry-After would outlast the claim: hand the item back for a later run.
        if (outcome.retryAfterMs > options.claimMs / 2) {
          report.deferred++;
          await settle({ status: 'pending', attempts, notBefore: new Date(clock.now().getTime() + outcome.retryAfterMs).toISOString() });
          return 'pending';
        }
        continue;
      case 'serverError':
        report.serverErrors++;
        await pace.sleep(backoffMs(attempt, random));
        continue;
      case 'gone':
        report.gone++;
        run.gone.add(address.conversationId);
        await deps.repos.channels.forget(address.conversationId);
        await settle({ status: 'dead', attempts, lastError: `HTTP ${outcome.status}` });
        return 'dead';
      case 'failed':
        report.failed++;
        await settle({ status: 'failed', attempts, lastError: outcome.message.slice(0, 200) });
        return 'failed';
    }
  }
  if (attempts >= options.maxAttempts) {
    report.failed++;
    await settle({ status: 'failed', attempts, lastError: 'too many attempts' });
    return 'failed';
  }
  report.deferred++;
  await settle({ status: 'pending', attempts, notBefore: new Date(clock.now().getTime() + options.retryLaterMs).toISOString() });
  return 'pending';
}

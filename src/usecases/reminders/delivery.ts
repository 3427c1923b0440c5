import type { Clock } from '../../domain/clock';
import type { Member, Plan } from '../../domain/plan/schema';
import type { OutboxItem } from '../../domain/reminders/outbox';
import type { SendLimiter } from '../../domain/reminders/sendLimits';
import type { SenderLeaseTiming } from '../../domain/reminders/senderLease';
import type { ConversationAddress, Language, Repositories } from '../ports';
import type { MemberReach } from './reachMember';
import type { TenantSenders } from './tenantSenders';

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

/** What one delivery run keeps between its items. */
export interface RunState {
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
  /** Each network's first linked channel, for members who cannot be written to directly: one query per run. */
  linkedChannels: Map<string, Promise<ConversationAddress | undefined>>;
  senders: TenantSenders;
  /** Whether this run held any tenant's sender lease. */
  heldLeases?: boolean;
}

export const tenantOf = (address: ConversationAddress) => address.tenantId ?? 'tenant';

/** Runs `work` after everything queued for the conversation before it, whatever their outcome. */
export async function inTurn(run: RunState, conversationId: string, work: () => Promise<void>): Promise<void> {
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

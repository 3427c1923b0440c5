import { backoffMs, type OutboxItem } from '../../domain/reminders/outbox';
import type { ConversationAddress } from '../ports';
import { tenantOf, type DeliveryDeps, type DeliveryOptions, type DeliveryReport, type RunState, type SendOutcome } from './delivery';

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

/**
 * Sends one card within Teams' limits and under the tenant's sender lease, retrying 429s and 5xx
 * within the run, and settles the item with the outcome.
 */
export async function send(
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

/**
 * Teams' limits for a bot writing into conversations, as sliding windows. Microsoft documents
 * them per bot per conversation (7 messages in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour:
 * at most one a second sustained) and 50 requests a second per bot per tenant.
 */
export interface SendWindow {
  ms: number;
  max: number;
}

export interface SendLimits {
  perConversation: SendWindow[];
  perTenant: SendWindow[];
}

export const teamsSendLimits: SendLimits = {
  perConversation: [
    { ms: 1_000, max: 7 },
    { ms: 2_000, max: 8 },
    { ms: 30_000, max: 60 },
    { ms: 3_600_000, max: 1_800 },
  ],
  perTenant: [{ ms: 1_000, max: 50 }],
};

/** The longest tenant window: a tenant's sender that stopped this long ago no longer counts in any. */
export const longestTenantWindowMs = (limits: SendLimits = teamsSendLimits) => Math.max(...limits.perTenant.map((w) => w.ms));

/** One request to Teams, from the moment it left (`begin`) until its answer came back (`end`). */
export interface SendTicket {
  readonly keys: string[];
  readonly startedAt: number;
  endedAt?: number;
}

/**
 * Decides when the next request to a conversation may leave. Pure bookkeeping over instants the
 * caller passes in: the sender asks `earliest`, waits, calls `begin` at the moment the request
 * leaves and `end` when its answer is back.
 *
 * Why the answer's time and not a guessed margin: Teams counts a request when it arrives, some
 * time after it left and before its answer is back. A request counts as inside a window until
 * its answer plus the window's length; one still in flight counts as inside. Then, whatever the
 * delay on the way (a busy event loop, a slow network, a stalled connector), no window at the
 * receiving end can hold more than `max` arrivals: the last request to arrive in any window was
 * let go only after counting every earlier one whose arrival could still fall inside it. The
 * price is the request's round trip (a few milliseconds) on each window, instead of a fixed
 * 100 ms guard that both cost 9 % of the rate and could still be beaten by a longer stall.
 * `guardMs` widens every window further, for clocks coarser than the sender's.
 */
export class SendLimiter {
  private readonly sent = new Map<string, SendTicket[]>();
  private readonly blockedUntil = new Map<string, number>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly limits: SendLimits = teamsSendLimits,
    private readonly guardMs = 0,
  ) {}

  /**
   * The first instant at or after `now` when a request to the conversation keeps every limit;
   * Infinity while requests still in flight fill a window (then wait for `nextAnswer`).
   */
  earliest(conversationKey: string, tenantKey: string, now: number): number {
    let at = Math.max(now, this.blockedUntil.get(`c:${conversationKey}`) ?? 0, this.blockedUntil.get(`t:${tenantKey}`) ?? 0);
    // Each key's answer can only move the instant later, so a few passes settle it.
    for (let pass = 0; pass < 3; pass++) {
      const next = Math.max(this.slot(`c:${conversationKey}`, this.limits.perConversation, at), this.slot(`t:${tenantKey}`, this.limits.perTenant, at));
      if (next === at || next === Infinity) return next;
      at = next;
    }
    return at;
  }

  /** The request leaves now. */
  begin(conversationKey: string, tenantKey: string, at: number): SendTicket {
    const ticket: SendTicket = { keys: [`c:${conversationKey}`, `t:${tenantKey}`], startedAt: at };
    for (const key of ticket.keys) {
      const windows = key.startsWith('c:') ? this.limits.perConversation : this.limits.perTenant;
      const longest = Math.max(...windows.map((w) => w.ms)) + this.guardMs;
      // Forget requests whose answer came back before every window of their key.
      const kept = (this.sent.get(key) ?? []).filter((t) => t.endedAt === undefined || t.endedAt > at - longest);
      kept.push(ticket);
      this.sent.set(key, kept);
    }
    return ticket;
  }

  /** The request's answer (or its failure) is back. */
  end(ticket: SendTicket, at: number): void {
    ticket.endedAt = Math.max(at, ticket.startedAt);
    this.waiters.splice(0).forEach((wake) => wake());
  }

  /** Resolves when the next answer is back: a window full of requests in flight may have room then. */
  nextAnswer(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Teams said 429 with Retry-After: nothing more to that conversation before `until`. */
  block(conversationKey: string, until: number): void {
    const key = `c:${conversationKey}`;
    this.blockedUntil.set(key, Math.max(until, this.blockedUntil.get(key) ?? 0));
  }

  private slot(key: string, windows: SendWindow[], at: number): number {
    const tickets = this.sent.get(key);
    if (!tickets) return at;
    let earliest = at;
    for (const w of windows) {
      const span = w.ms + this.guardMs;
      // Inside the window ending at `at`: answered after `at - span`, or not answered yet (Infinity).
      const inside = tickets
        .map((t) => t.endedAt ?? Infinity)
        .filter((end) => end > at - span)
        .sort((a, b) => a - b);
      // With max of them inside, wait until the oldest answer has been out of the window for good.
      if (inside.length >= w.max) earliest = Math.max(earliest, inside[inside.length - w.max]! + span);
    }
    return earliest;
  }
}

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

/**
 * Decides when the next message to a conversation may leave. Pure bookkeeping over instants the
 * caller passes in; the sender asks `earliest`, waits, then `record`s the send at the moment it
 * happens, so a late timer can never squeeze two sends closer than the windows allow.
 * `guardMs` widens every window: requests reach Teams a little after they leave.
 */
export class SendLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly limits: SendLimits = teamsSendLimits,
    private readonly guardMs = 100,
  ) {}

  /** The first instant at or after `now` when a message to the conversation keeps every limit. */
  earliest(conversationKey: string, tenantKey: string, now: number): number {
    let at = Math.max(now, this.blockedUntil.get(`c:${conversationKey}`) ?? 0, this.blockedUntil.get(`t:${tenantKey}`) ?? 0);
    // Each key's answer can only move the instant later, so two passes settle it.
    for (let pass = 0; pass < 3; pass++) {
      const next = Math.max(this.slot(`c:${conversationKey}`, this.limits.perConversation, at), this.slot(`t:${tenantKey}`, this.limits.perTenant, at));
      if (next === at) return at;
      at = next;
    }
    return at;
  }

  record(conversationKey: string, tenantKey: string, at: number): void {
    this.push(`c:${conversationKey}`, this.limits.perConversation, at);
    this.push(`t:${tenantKey}`, this.limits.perTenant, at);
  }

  /** Teams said 429 with Retry-After: nothing more to that conversation before `until`. */
  block(conversationKey: string, until: number): void {
    const key = `c:${conversationKey}`;
    this.blockedUntil.set(key, Math.max(until, this.blockedUntil.get(key) ?? 0));
  }

  private slot(key: string, windows: SendWindow[], at: number): number {
    const times = this.sent.get(key);
    if (!times) return at;
    let earliest = at;
    for (const w of windows) {
      const span = w.ms + this.guardMs;
      // The sends inside the window ending at `at`; if there are max of them, wait for the oldest to leave.
      const inside = times.filter((t) => t > at - span);
      if (inside.length >= w.max) earliest = Math.max(earliest, inside[inside.length - w.max]! + span);
    }
    return earliest;
  }

  private push(key: string, windows: SendWindow[], at: number): void {
    const longest = Math.max(...windows.map((w) => w.ms)) + this.guardMs;
    const times = (this.sent.get(key) ?? []).filter((t) => t > at - longest);
    times.push(at);
    this.sent.set(key, times);
  }
}

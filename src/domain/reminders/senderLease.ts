/**
 * The sender lease: at any moment at most one instance sends to a Teams tenant, so the tenant's
 * 50 requests a second are counted in one place however many instances run (docs/reminders.md,
 * "Teams' limits"). Times are real milliseconds since the epoch (the pace of the wire, not the
 * business clock), compared across instances: their clocks agree to well under `quietMs`.
 */
export interface SenderLease {
  tenantId: string;
  holder: string;
  /** After this instant anyone may take the lease. */
  expiresAt: number;
}

export interface SenderLeaseTiming {
  /** How long a taken or renewed lease lasts if its holder stops renewing it (dies). */
  leaseMs: number;
  /** The holder renews once less than this is left, well before it must stop. */
  renewBeforeMs: number;
  /**
   * The holder starts no request in the last `quietMs` of its lease, and a released lease stays
   * closed this long: Teams' longest tenant window (1 s) plus room for clocks that differ. So the
   * next holder's first request finds no earlier holder's request in any tenant window.
   */
  quietMs: number;
}

export const senderLeaseTiming: SenderLeaseTiming = { leaseMs: 15_000, renewBeforeMs: 10_000, quietMs: 2_000 };

/** May `holder` start a request to the tenant at `now` under this lease? */
export function maySend(lease: SenderLease | undefined, holder: string, now: number, timing: SenderLeaseTiming): boolean {
  return !!lease && lease.holder === holder && now < lease.expiresAt - timing.quietMs;
}

export function needsRenewal(lease: SenderLease, now: number, timing: SenderLeaseTiming): boolean {
  return lease.expiresAt - now < timing.renewBeforeMs;
}

/** Whether `holder` may take (or keep) the lease at `now`: it is ours, or it has run out. */
export function mayTake(lease: SenderLease | undefined, holder: string, now: number): boolean {
  return !lease || lease.holder === holder || lease.expiresAt <= now;
}

/**
 * A lease held by someone else that is about to open (released, or its holder gone quiet): worth
 * waiting for rather than leaving the tenant's reminders to the next tick.
 */
export function opensSoon(lease: SenderLease, now: number, timing: SenderLeaseTiming): boolean {
  return lease.expiresAt - now <= timing.quietMs;
}

export const taken = (tenantId: string, holder: string, now: number, timing: SenderLeaseTiming): SenderLease => ({ tenantId, holder, expiresAt: now + timing.leaseMs });

/** Handed back: nobody, not even the holder's successor, sends before the quiet period is over. */
export const released = (lease: SenderLease, now: number, timing: SenderLeaseTiming): SenderLease => ({ ...lease, expiresAt: Math.min(lease.expiresAt, now + timing.quietMs) });

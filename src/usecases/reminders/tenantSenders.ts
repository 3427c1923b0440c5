import { mayTake, maySend, needsRenewal, opensSoon, released, taken, type SenderLease, type SenderLeaseTiming } from '../../domain/reminders/senderLease';
import type { SenderLeaseRepository, Versioned } from '../ports';
import type { Pace } from './delivery';

/**
 * The tenants this instance sends to during one delivery run, each under its sender lease
 * (domain/reminders/senderLease.ts). A tenant another instance holds is left to it for the run;
 * one about to open (released, or its holder gone quiet) is waited for. Renewal runs beside the
 * sends; a lease lost to a stall is noticed before the next request, never after.
 */
export class TenantSenders {
  private readonly held = new Map<string, Versioned<SenderLease>>();
  private readonly elsewhere = new Set<string>();
  private readonly working = new Map<string, Promise<boolean>>();

  constructor(
    private readonly leases: SenderLeaseRepository,
    private readonly holder: string,
    private readonly pace: Pace,
    private readonly timing: SenderLeaseTiming,
  ) {}

  /** May a request to the tenant leave now? Synchronous, so nothing can pass between the check and the send. */
  maySend(tenantId: string): boolean {
    return maySend(this.held.get(tenantId)?.record, this.holder, this.pace.now(), this.timing);
  }

  /** Another instance sends to the tenant for the rest of this run. */
  isElsewhere(tenantId: string): boolean {
    return this.elsewhere.has(tenantId);
  }

  get holdsAny(): boolean {
    return this.held.size > 0;
  }

  /**
   * Holds the tenant's lease, taking or renewing it as needed; false when another instance
   * holds it. Concurrent callers for one tenant share one attempt.
   */
  async ensure(tenantId: string): Promise<boolean> {
    if (this.elsewhere.has(tenantId)) return false;
    const lease = this.held.get(tenantId);
    if (lease && maySend(lease.record, this.holder, this.pace.now(), this.timing) && !needsRenewal(lease.record, this.pace.now(), this.timing)) return true;
    let attempt = this.working.get(tenantId);
    if (!attempt) {
      attempt = this.obtain(tenantId).finally(() => this.working.delete(tenantId));
      this.working.set(tenantId, attempt);
    }
    return attempt;
  }

  /** Renews in the background once it is due; sending goes on meanwhile while the lease allows. */
  renewIfDue(tenantId: string, onError: (err: unknown) => void): void {
    const lease = this.held.get(tenantId);
    if (!lease || this.working.has(tenantId) || !needsRenewal(lease.record, this.pace.now(), this.timing)) return;
    this.ensure(tenantId).catch(onError);
  }

  /** Hands every lease back at the end of the run: closed for the quiet period, then anyone's. */
  async releaseAll(): Promise<void> {
    await Promise.allSettled([...this.working.values()]);
    const leases = [...this.held.values()];
    this.held.clear();
    await Promise.all(leases.map((lease) => this.leases.replace(released(lease.record, this.pace.now(), this.timing), lease.etag)));
  }

  private async obtain(tenantId: string): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const mine = this.held.get(tenantId);
      if (mine) {
        const renewed = await this.leases.replace(taken(tenantId, this.holder, this.pace.now(), this.timing), mine.etag);
        if (renewed) return this.keep(tenantId, renewed);
        // Someone changed it: only possible once it ran out, so it is theirs now.
        this.held.delete(tenantId);
      }
      const stored = await this.leases.get(tenantId);
      const now = this.pace.now();
      if (!stored) {
        const created = await this.leases.create(taken(tenantId, this.holder, now, this.timing));
        if (created) return this.keep(tenantId, created);
        continue;
      }
      if (mayTake(stored.record, this.holder, now)) {
        const replaced = await this.leases.replace(taken(tenantId, this.holder, now, this.timing), stored.etag);
        if (replaced) return this.keep(tenantId, replaced);
        continue;
      }
      if (!opensSoon(stored.record, now, this.timing)) break;
      await this.pace.sleep(stored.record.expiresAt - now + 1);
    }
    this.elsewhere.add(tenantId);
    return false;
  }

  private keep(tenantId: string, lease: Versioned<SenderLease>): boolean {
    this.held.set(tenantId, lease);
    return true;
  }
}

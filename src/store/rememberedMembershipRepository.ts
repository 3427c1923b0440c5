import type { Person } from '../domain/people/person';
import type { Membership, MembershipProof, MembershipRepository, PendingMembership, TeamsPerson } from '../usecases/ports';

/** A version is made provable again on a fresh read when it stays so for less than this. */
const RENEW_MS = 5 * 60_000;

const keyOf = (m: Pick<Membership, 'planId' | 'aadObjectId' | 'version'>) => `${m.planId}|${m.aadObjectId}|${m.version}`;

/**
 * Memberships read fresh from the database on every turn that asks (a removed member loses access
 * at once, a changed role holds at once), and the last answer per user is kept, for three things:
 * - What to read. A user's plans change rarely, so a turn reads the memberships it already knows
 *   of by point reads (one round trip, ~1 RU each) instead of querying the user's partition (a
 *   query plan request and the query, ~3 RU). One that is gone sends the turn to the query; the
 *   query is also run when the list is older than `listMs`, which is how a plan joined on another
 *   instance shows up (within 30 s; joined here, at once: replaceForPlan forgets the lists).
 * - Saving a card without a read first (`remembered`). The write proves the version it was given
 *   inside its own batch, and is refused when the membership changed since (store/cosmos/
 *   membershipGrants.ts). Only versions this instance made provable itself, after the turn that
 *   read them, and only while they are, are given out.
 * - Answering while the database is away: a user's own form can still be given back to them
 *   (src/teams/handlers/outage.ts). That use grants nothing.
 */
export class RememberedMembershipRepository implements MembershipRepository {
  private readonly last = new Map<string, { memberships: Membership[]; listedAt: number }>();
  /** Versions (plan, user, version) this instance made provable, and until when. */
  private readonly provable = new Map<string, number>();
  private readonly allowing = new Map<string, Promise<void>>();

  constructor(
    private readonly inner: MembershipRepository,
    /** Oldest users are forgotten beyond this; a plan has hundreds of members, not thousands. */
    private readonly maxUsers = 10_000,
    private readonly listMs = 30_000,
    private readonly now: () => number = Date.now,
    /** Told when a version could not be made provable (the database failed); the save then reads fresh. */
    private readonly onProofFailure: (err: unknown) => void = () => undefined,
  ) {}

  async forUser(aadObjectId: string): Promise<Membership[]> {
    const known = this.last.get(aadObjectId);
    if (known && known.memberships.length && this.now() - known.listedAt < this.listMs) {
      const fresh = await this.inner.inPlans(aadObjectId, known.memberships.map((m) => m.planId));
      if (fresh.length === known.memberships.length) {
        this.keep(aadObjectId, fresh, known.listedAt);
        return fresh;
      }
    }
    const memberships = await this.inner.forUser(aadObjectId);
    this.keep(aadObjectId, memberships, this.now());
    return memberships;
  }

  /** The user's memberships as last read here, when this instance has made every one of them provable. */
  remembered(aadObjectId: string): Membership[] | undefined {
    const known = this.last.get(aadObjectId);
    const now = this.now();
    return known?.memberships.every((m) => (this.provable.get(keyOf(m)) ?? 0) > now) ? known.memberships : undefined;
  }

  allowProofOf(membership: Membership): Promise<number | undefined> {
    return this.inner.allowProofOf?.(membership) ?? Promise.resolve(undefined);
  }

  proofFailed(proof: MembershipProof): void {
    this.provable.delete(keyOf(proof));
  }

  /** Waits for the grants being written (a stopping server, a test). */
  async settle(): Promise<void> {
    while (this.allowing.size) await Promise.all([...this.allowing.values()]);
  }

  /**
   * After a fresh read, each version seen is made provable, off the turn's path, unless it still is
   * for a while (RENEW_MS). Until that is done, or when it fails, a save reads the membership fresh.
   */
  private makeProvable(memberships: Membership[]): void {
    if (!this.inner.allowProofOf) return;
    for (const m of memberships) {
      const key = keyOf(m);
      if (!m.version || this.allowing.has(key) || (this.provable.get(key) ?? 0) - this.now() > RENEW_MS) continue;
      const allowing = this.inner
        .allowProofOf(m)
        .then((until) => {
          if (until === undefined) this.provable.delete(key);
          else this.provable.set(key, until);
        })
        .catch((err: unknown) => {
          this.provable.delete(key);
          this.onProofFailure(err);
        })
        .finally(() => this.allowing.delete(key));
      this.allowing.set(key, allowing);
      if (this.provable.size > this.maxUsers * 4) this.provable.delete(this.provable.keys().next().value!);
    }
  }

  inPlans(aadObjectId: string, planIds: string[]): Promise<Membership[]> {
    return this.inner.inPlans(aadObjectId, planIds);
  }

  private keep(aadObjectId: string, memberships: Membership[], listedAt: number): void {
    this.makeProvable(memberships);
    // Re-inserted at the end, so the map's order is least recently read first.
    this.last.delete(aadObjectId);
    this.last.set(aadObjectId, { memberships, listedAt });
    if (this.last.size > this.maxUsers) this.last.delete(this.last.keys().next().value!);
  }

  peek(aadObjectId: string): Membership[] | undefined {
    return this.last.get(aadObjectId)?.memberships;
  }

  async replaceForPlan(planId: string, people: Person[]): Promise<void> {
    await this.inner.replaceForPlan(planId, people);
    this.last.clear();
  }

  pendingFor(emails: string[]): Promise<PendingMembership[]> {
    return this.inner.pendingFor(emails);
  }

  identityOf(aadObjectId: string): Promise<(TeamsPerson & { claimed: boolean }) | undefined> {
    return this.inner.identityOf(aadObjectId);
  }

  rememberIdentity(person: TeamsPerson, claimed: boolean): Promise<void> {
    return this.inner.rememberIdentity(person, claimed);
  }

  identitiesByEmail(email: string): Promise<TeamsPerson[]> {
    return this.inner.identitiesByEmail(email);
  }

  identityByTeamsId(teamsUserId: string): Promise<TeamsPerson | undefined> {
    return this.inner.identityByTeamsId(teamsUserId);
  }
}

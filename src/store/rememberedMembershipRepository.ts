import type { Person } from '../domain/people/person';
import type { Membership, MembershipRepository, PendingMembership, TeamsPerson } from '../usecases/ports';

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
 *   membershipGrants.ts); each version read here is made provable once, after the turn.
 * - Answering while the database is away: a user's own form can still be given back to them
 *   (src/teams/handlers/outage.ts). Never used to grant anything.
 */
export class RememberedMembershipRepository implements MembershipRepository {
  private readonly last = new Map<string, { memberships: Membership[]; listedAt: number; readAt: number }>();
  /** Versions made provable from here (plan, user, version), so each is written once per instance. */
  private readonly provable = new Set<string>();
  private readonly allowing = new Set<Promise<void>>();

  constructor(
    private readonly inner: MembershipRepository,
    /** Oldest users are forgotten beyond this; a plan has hundreds of members, not thousands. */
    private readonly maxUsers = 10_000,
    private readonly listMs = 30_000,
    private readonly now: () => number = Date.now,
    /** How long a remembered membership may authorise a write with a proof: a card is filled in within minutes. */
    private readonly proofMs = 15 * 60_000,
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

  remembered(aadObjectId: string): Membership[] | undefined {
    const known = this.last.get(aadObjectId);
    return known && this.now() - known.readAt < this.proofMs ? known.memberships : undefined;
  }

  allowProofOf(membership: Membership): Promise<void> {
    return this.inner.allowProofOf?.(membership) ?? Promise.resolve();
  }

  /** Waits for the grants being written (a stopping server, a test). */
  async settle(): Promise<void> {
    while (this.allowing.size) await Promise.all([...this.allowing]);
  }

  /**
   * After a fresh read, each version seen is made provable once, off the turn's path; until that is
   * done (or if it fails) a save reads the membership fresh, as it would without it.
   */
  private makeProvable(memberships: Membership[]): void {
    if (!this.inner.allowProofOf) return;
    for (const m of memberships) {
      const key = `${m.planId}|${m.aadObjectId}|${m.version}`;
      if (!m.version || this.provable.has(key)) continue;
      if (this.provable.size >= this.maxUsers * 4) this.provable.clear();
      this.provable.add(key);
      const allowing: Promise<void> = this.inner
        .allowProofOf(m)
        .catch(() => {
          this.provable.delete(key);
        })
        .finally(() => this.allowing.delete(allowing));
      this.allowing.add(allowing);
    }
  }

  inPlans(aadObjectId: string, planIds: string[]): Promise<Membership[]> {
    return this.inner.inPlans(aadObjectId, planIds);
  }

  private keep(aadObjectId: string, memberships: Membership[], listedAt: number): void {
    this.makeProvable(memberships);
    // Re-inserted at the end, so the map's order is least recently read first.
    this.last.delete(aadObjectId);
    this.last.set(aadObjectId, { memberships, listedAt, readAt: this.now() });
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

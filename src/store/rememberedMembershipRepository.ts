import type { Person } from '../domain/people/person';
import type { Membership, MembershipRepository, PendingMembership, TeamsPerson } from '../usecases/ports';

/**
 * Memberships read fresh from the database on every turn (a removed member loses access at once,
 * a changed role holds at once), and the last answer per user is kept, for two things:
 * - What to read. A user's plans change rarely, so a turn reads the memberships it already knows
 *   of by point reads (one round trip, ~1 RU each) instead of querying the user's partition (a
 *   query plan request and the query, ~3 RU). One that is gone sends the turn to the query; the
 *   query is also run when the list is older than `listMs`, which is how a plan joined on another
 *   instance shows up (within 30 s; joined here, at once: replaceForPlan forgets the lists).
 * - Answering while the database is away: a user's own form can still be given back to them
 *   (src/teams/handlers/outage.ts). Never used to grant anything.
 */
export class RememberedMembershipRepository implements MembershipRepository {
  private readonly last = new Map<string, { memberships: Membership[]; listedAt: number }>();

  constructor(
    private readonly inner: MembershipRepository,
    /** Oldest users are forgotten beyond this; a plan has hundreds of members, not thousands. */
    private readonly maxUsers = 10_000,
    private readonly listMs = 30_000,
    private readonly now: () => number = Date.now,
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

  inPlans(aadObjectId: string, planIds: string[]): Promise<Membership[]> {
    return this.inner.inPlans(aadObjectId, planIds);
  }

  private keep(aadObjectId: string, memberships: Membership[], listedAt: number): void {
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
